import CampaignKit
import Foundation

/// The columns of one kind of data file (SPEC §8). Case names are the column
/// names as written in the header; raw values are positions in `allCases`.
protocol DataColumn: RawRepresentable, CaseIterable where RawValue == Int {
    static var fileName: String { get }
    static var required: [Self] { get }
    /// Other header names a column goes by (another tool's export), matched ignoring case.
    static var aliases: [(name: String, column: Self)] { get }
}

extension DataColumn {
    var name: String { String(describing: self) }
    static var aliases: [(name: String, column: Self)] { [] }
}

/// A CSV data file read against its known columns: header names matched
/// ignoring case, unknown columns ignored, a missing required column named,
/// and typed access to cells that fails with a located `DataFileError`.
final class DataFile<Column: DataColumn> {
    let reader: CSVReader
    /// Cell index of each known column, by raw value; -1 when the header lacks it.
    private let positions: [Int]
    /// Each known column's header as the file writes it, by raw value, for messages.
    private let headers: [String?]
    private let headerCount: Int

    init(reader: CSVReader) throws {
        self.reader = reader
        guard try reader.nextRecord() else {
            throw DataFileError(file: reader.fileName, line: 1, message: "the file is empty; expected a header row")
        }
        var positions = [Int](repeating: -1, count: Column.allCases.count)
        var headers = [String?](repeating: nil, count: Column.allCases.count)
        var byName = Dictionary(uniqueKeysWithValues: Column.allCases.map { ($0.name, $0.rawValue) })
        for alias in Column.aliases { byName[alias.name.lowercased()] = alias.column.rawValue }
        for index in reader.cells.indices {
            guard let written = reader.string(index), let raw = byName[written.lowercased()] else { continue }
            if positions[raw] >= 0 {
                throw DataFileError(file: reader.fileName, line: reader.line, column: index + 1, columnName: written,
                                    message: "the column \"\(written)\" appears twice (also column \(positions[raw] + 1))")
            }
            positions[raw] = index
            headers[raw] = written
        }
        for column in Column.required where positions[column.rawValue] < 0 {
            let others = Column.aliases.filter { $0.column == column }.map { " or \"\($0.name)\"" }.joined()
            throw DataFileError(file: reader.fileName, line: reader.line,
                                message: "missing required column \"\(column.name)\"\(others)")
        }
        self.positions = positions
        self.headers = headers
        headerCount = reader.cells.count
    }

    convenience init(path: String) throws {
        try self.init(reader: CSVReader(path: path, fileName: Column.fileName))
    }

    /// Moves to the next data row; false at the end. A row with more cells
    /// than the header is refused (a stray comma would shift its values); one
    /// with fewer has its trailing cells missing.
    func next() throws -> Bool {
        guard try reader.nextRecord() else { return false }
        if reader.cells.count > headerCount {
            let extra = reader.cells[headerCount]
            throw DataFileError(file: reader.fileName, line: extra.line, column: headerCount + 1,
                                message: "the row has \(reader.cells.count) cells but the header has \(headerCount); quote cells that hold a comma")
        }
        return true
    }

    var line: Int { reader.line }

    /// Cell index of the column in the current row, or nil.
    @inline(__always)
    func index(_ column: Column) -> Int? {
        let i = positions[column.rawValue]
        return i >= 0 ? i : nil
    }

    func error(_ column: Column, _ message: String) -> DataFileError {
        let i = positions[column.rawValue]
        let line = i >= 0 && i < reader.cells.count ? reader.cells[i].line : reader.line
        return DataFileError(file: reader.fileName, line: line, column: i >= 0 ? i + 1 : nil,
                             columnName: headers[column.rawValue] ?? column.name, message: message)
    }

    // MARK: Typed cells

    /// Whether the cell has a value, without making a String of it.
    @inline(__always)
    func isPresent(_ column: Column) -> Bool {
        let i = positions[column.rawValue]
        return i >= 0 && reader.isPresent(i)
    }

    /// The event type in `column`: matched on bytes when written in lowercase, else as `choice` does.
    func eventType(_ column: Column) throws -> EventType {
        let i = positions[column.rawValue]
        if i >= 0, let type = reader.withBytes(i, EventTypeCode.type(utf8:)), let type { return type }
        guard let type: EventType = try choice(column, "event type") else { throw error(column, "a value is required") }
        return type
    }

    func text(_ column: Column) -> String? {
        let i = positions[column.rawValue]
        return i >= 0 ? reader.string(i) : nil
    }

    func required(_ column: Column) throws -> String {
        guard let value = text(column) else { throw error(column, "a value is required") }
        return value
    }

    func instant(_ column: Column) throws -> Instant? {
        guard let i = index(column) else { return nil }
        guard let parsed = reader.withBytes(i, Instant.init(iso8601UTF8:)) else { return nil }
        guard let instant = parsed else {
            throw error(column, "malformed instant \"\(text(column) ?? "")\"; expected ISO 8601 such as 2024-03-05T14:30:00Z")
        }
        return instant
    }

    func requiredInstant(_ column: Column) throws -> Instant {
        guard let value = try instant(column) else { throw error(column, "a value is required") }
        return value
    }

    func date(_ column: Column) throws -> CalendarDate? {
        guard let raw = text(column) else { return nil }
        guard let date = CalendarDate(iso8601: raw) else {
            throw error(column, "malformed date \"\(raw)\"; expected YYYY-MM-DD")
        }
        return date
    }

    /// A decimal amount, refused when malformed or negative.
    func amount(_ column: Column) throws -> Decimal? {
        guard let raw = text(column) else { return nil }
        guard let value = Money.parse(raw) else {
            throw error(column, "malformed amount \"\(raw)\"; expected a decimal number such as 1250.00")
        }
        guard value >= 0 else { throw error(column, "negative amount \(raw); amounts cannot be below 0") }
        guard value < Self.amountLimit else {
            throw error(column, "amount \(raw) is too large; amounts are below 1000000000000000 (10^15)")
        }
        return value
    }

    /// Amounts are below 10^15: far above any real deal, and far enough below
    /// the engine's integer credit units (10^-12 of the currency, in Int128)
    /// that splitting a deal over its touches cannot overflow.
    static var amountLimit: Decimal { Decimal(sign: .plus, exponent: 15, significand: 1) }

    /// A `;`-separated list: items trimmed, empty ones and repeats dropped.
    func list(_ column: Column) -> [String] {
        let i = positions[column.rawValue]
        if i >= 0, let cell = reader.withBytes(i, asciiList), let items = cell { return items }
        guard let raw = text(column) else { return [] }
        var seen = Set<String>()
        return raw.split(separator: ";").compactMap { item in
            let value = item.trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty || !seen.insert(value).inserted ? nil : value
        }
    }

    func choice<T: RawRepresentable & CaseIterable>(_ column: Column, _ what: String) throws -> T?
    where T.RawValue == String {
        guard let raw = text(column) else { return nil }
        guard let value = T(rawValue: raw.lowercased()) else {
            let names = T.allCases.map(\.rawValue)
            let expected = names.dropLast().joined(separator: ", ") + " or " + names.last!
            throw error(column, "unknown \(what) \"\(raw)\"; expected \(expected)")
        }
        return value
    }
}

/// `list` of a cell that is all ASCII, on its bytes: Foundation's trimming cost an import
/// of 100k contacts a few percent. Nil when the cell holds other bytes (`list` then trims
/// Unicode's white space too); ASCII's is tab, line ends, vertical tab, form feed and space.
private func asciiList(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    func isSpace(_ b: UInt8) -> Bool { b == 32 || (9...13).contains(b) }
    var items: [String] = []
    var seen = Set<String>()
    for item in bytes.split(separator: 59, omittingEmptySubsequences: true) {
        guard let first = item.firstIndex(where: { !isSpace($0) }),
              let last = item.lastIndex(where: { !isSpace($0) }) else { continue }
        let value = String(decoding: item[first...last], as: UTF8.self)
        if seen.insert(value).inserted { items.append(value) }
    }
    return items
}
