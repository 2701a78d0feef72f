/// A database holding a utmost store, seen from inside one of its transactions: the
/// few primitives each backend provides (SQLite through GRDB's `Database`, PostgreSQL
/// through `PostgresStore`'s session), on which the store's operations are written once
/// (`StoreDatabase+Edits.swift` and its siblings), so that every rule runs the same
/// code and gives the same answer on both.
///
/// SQL given to it is the common part of the two dialects, with `?` for parameters;
/// where they differ, `dialect` says which one to write.
package protocol StoreDatabase {
    var dialect: SQLDialect { get }

    /// Runs one statement; returns the number of rows it inserted, changed or deleted.
    @discardableResult
    func exec(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int

    /// Runs a query, calling `body` with each row in order.
    func each(_ sql: String, _ arguments: [any SQLBindable], _ body: (SQLRow) throws -> Void) throws

    /// `each`, its statement kept for the next call with the same SQL: for a small query run
    /// many times over (validation's lookups of single rows, #17), where preparing it anew
    /// costs more than running it.
    func eachRepeated(_ sql: String, _ arguments: [any SQLBindable], _ body: (SQLRow) throws -> Void) throws

    /// Inserts many rows into `table` at once (PostgreSQL: one `COPY`), each with a
    /// value for each of `columns`, in order.
    func insertRows(into table: String, columns: [String], _ rows: [[any SQLBindable]]) throws
}

/// The SQL dialect of a `StoreDatabase`.
package enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The smaller of two values (`min(a, b)` in SQLite, `LEAST(a, b)` in PostgreSQL).
    func least(_ a: String, _ b: String) -> String {
        switch self {
        case .sqlite: return "min(\(a), \(b))"
        case .postgres: return "LEAST(\(a), \(b))"
        }
    }
}

package extension StoreDatabase {
    @discardableResult
    func exec(_ sql: String) throws -> Int { try exec(sql, []) }

    func rows(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try each(sql, arguments) { rows.append($0) }
        return rows
    }

    func row(_ sql: String, _ arguments: [any SQLBindable] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row; nil when there is no row or the value is NULL.
    func value<T: SQLDecodable>(_: T.Type, _ sql: String, _ arguments: [any SQLBindable] = []) throws -> T? {
        guard let row = try row(sql, arguments) else { return nil }
        let value: T? = row[0]
        return value
    }

    /// About the number of rows of `table` (one with a `seq` key), without reading it as
    /// `count(*)` does: in SQLite, where rows are added with the next seq, the last seq (the
    /// count, more if rows were deleted); PostgreSQL's sequences leave gaps, so its count.
    /// For sizing and estimates, never for a figure shown.
    func approximateRowCount(of table: String) throws -> Int {
        let count = dialect == .sqlite ? "coalesce(max(seq), 0)" : "count(*)"
        return try value(Int.self, "SELECT \(count) FROM \(table)") ?? 0
    }

    /// `value` of a query of at most one row, its statement kept for the next call (`eachRepeated`).
    func repeatedValue<T: SQLDecodable>(_: T.Type, _ sql: String, _ arguments: [any SQLBindable]) throws -> T? {
        var value: T?
        try eachRepeated(sql, arguments) { row in value = row[0] }
        return value
    }

    /// The first column of every row, NULLs left out.
    func values<T: SQLDecodable>(_: T.Type, _ sql: String, _ arguments: [any SQLBindable] = []) throws -> [T] {
        var values: [T] = []
        try each(sql, arguments) { row in
            if let value: T = row[0] { values.append(value) }
        }
        return values
    }
}

/// One value of a column or of a parameter, as both backends know it.
package enum SQLValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])
    /// PostgreSQL's boolean; SQLite stores it as the integer 1 or 0.
    case bool(Bool)
}

/// A Swift value that can be bound to a statement's parameter.
package protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

/// A Swift value that a column can be read as.
package protocol SQLDecodable {
    /// Nil when the value is not of this type (or NULL, for a type that is not optional).
    static func decode(_ value: SQLValue) -> Self?
}

/// One row of a query's result.
package struct SQLRow: Sendable {
    package var values: [SQLValue]

    package init(_ values: [SQLValue]) { self.values = values }

    /// The column at `index` as a `T`. A column that does not hold a `T` is a programming
    /// error, as in GRDB: the schema's types and NOT NULL constraints rule it out.
    package subscript<T: SQLDecodable>(_ index: Int) -> T {
        guard let value = T.decode(values[index]) else {
            preconditionFailure("column \(index) holds \(values[index]), not a \(T.self)")
        }
        return value
    }
}

extension String: SQLBindable, SQLDecodable {
    package var sqlValue: SQLValue { .text(self) }
    package static func decode(_ value: SQLValue) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }
}

extension Int64: SQLBindable, SQLDecodable {
    package var sqlValue: SQLValue { .integer(self) }
    package static func decode(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let n): return n
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
}

extension Int: SQLBindable, SQLDecodable {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
    package static func decode(_ value: SQLValue) -> Int? { Int64.decode(value).map(Int.init) }
}

extension Bool: SQLBindable, SQLDecodable {
    package var sqlValue: SQLValue { .bool(self) }
    package static func decode(_ value: SQLValue) -> Bool? {
        switch value {
        case .bool(let b): return b
        case .integer(let n): return n != 0
        default: return nil
        }
    }
}

extension Array: SQLBindable, SQLDecodable where Element == UInt8 {
    package var sqlValue: SQLValue { .blob(self) }
    package static func decode(_ value: SQLValue) -> [UInt8]? {
        if case .blob(let bytes) = value { return bytes }
        return nil
    }
}

extension SQLValue: SQLBindable {
    package var sqlValue: SQLValue { self }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    package var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    /// NULL is `.some(nil)`; a value of another type is nil.
    package static func decode(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.decode(value).map { .some($0) }
    }
}
