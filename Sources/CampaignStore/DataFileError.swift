/// A defect in a data file, located the way editors and compilers do:
/// `deals.csv:7:4 (stage): unknown stage "won"; expected open, closed_won or closed_lost`.
///
/// `line` and `column` are 1-based; `column` counts cells, not characters.
public struct DataFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var columnName: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, message: String) {
        self.file = file; self.line = line; self.column = column
        self.columnName = columnName; self.message = message
    }

    /// `file:line:column (name)`, with whatever parts are known.
    public var location: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        if let columnName { s += " (\(columnName))" }
        return s
    }

    public var description: String { location + ": " + message }
}
