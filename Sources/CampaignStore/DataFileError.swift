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

    /// - Parameter message: may quote the offending cell; it is made safe to print (`printable`).
    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, message: String) {
        self.file = file; self.line = line; self.column = column
        self.columnName = columnName; self.message = Self.printable(message)
    }

    /// Quoted values longer than this many characters are shortened in messages.
    static let quotedLimit = 80

    /// The message as it can be shown in a terminal: quoted values (the cells
    /// it echoes) longer than `quotedLimit` characters shortened to their
    /// beginning and their size, and control characters (C0, DEL, C1, and the
    /// bidirectional overrides) written as `\u{1B}`, so that a hostile cell can
    /// neither flood the terminal nor drive it with escape sequences.
    static func printable(_ message: String) -> String {
        var parts = message.split(separator: "\"", omittingEmptySubsequences: false).map(String.init)
        for i in parts.indices where i % 2 == 1 && i < parts.count - 1 && parts[i].count > quotedLimit {
            parts[i] = parts[i].prefix(quotedLimit - 20) + "… (\(parts[i].utf8.count) bytes)"
        }
        var out = ""
        for scalar in parts.joined(separator: "\"").unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                out += "\\u{\(String(v, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.count > 1_000 ? out.prefix(1_000) + "…" : out
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
