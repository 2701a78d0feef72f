import Foundation
import GRDB
import GRDBSQLite

/// The SQLite store's side of `StoreDatabase`: GRDB's connection, inside the
/// transaction `CampaignStore.read` or `write` opened.
extension Database: StoreDatabase {
    package var dialect: SQLDialect { .sqlite }

    package func exec(_ sql: String, _ arguments: [any SQLBindable]) throws -> Int {
        try cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return changesCount
    }

    /// Steps SQLite's statement itself and reads each column straight into an `SQLValue`:
    /// loading a store reads hundreds of thousands of rows (contacts, visitors), and GRDB's
    /// rows and `DatabaseValue`s on the way cost a third of that (#17).
    package func each(_ sql: String, _ arguments: [any SQLBindable], _ body: (SQLRow) throws -> Void) throws {
        try each(try makeStatement(sql: sql), arguments, body)
    }

    package func eachRepeated(_ sql: String, _ arguments: [any SQLBindable], _ body: (SQLRow) throws -> Void) throws {
        try each(try cachedStatement(sql: sql), arguments, body)
    }

    private func each(_ statement: Statement, _ arguments: [any SQLBindable], _ body: (SQLRow) throws -> Void) throws {
        try statement.setArguments(Self.arguments(arguments))
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        let columns = sqlite3_column_count(stmt)
        // One array for every row: the row handed to `body` lets go of it when `body` returns,
        // so it is refilled in place instead of allocated a million times over.
        var values: [SQLValue] = []
        values.reserveCapacity(Int(columns))
        while true {
            let code = sqlite3_step(stmt)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: statement.sql)
            }
            values.removeAll(keepingCapacity: true)
            for column in 0..<columns { values.append(Self.value(stmt, column: column)) }
            try body(SQLRow(values))
        }
    }

    /// Binds each row's values straight to SQLite: going through GRDB's `StatementArguments`
    /// cost an import of 100k contacts more time than SQLite's own work on the rows. Rows go
    /// several to a statement (`BatchedInsert`), as the events' rows do.
    package func insertRows(into table: String, columns: [String], _ rows: [[any SQLBindable]]) throws {
        guard !rows.isEmpty else { return }
        let insert = try BatchedInsert(self, into: table, columns: columns, rows: rows.count)
        for (i, values) in rows.enumerated() {
            let (stmt, first) = insert.slot(ofRow: i)
            for (index, value) in values.enumerated() {
                let code = Self.bind(value.sqlValue, to: stmt, at: first + Int32(index))
                guard code == SQLITE_OK else { throw sqliteError(code) }
            }
            try insert.stepIfFull(afterRow: i)
        }
    }

    private static func bind(_ value: SQLValue, to stmt: OpaquePointer?, at index: Int32) -> Int32 {
        switch value {
        case .null: return sqlite3_bind_null(stmt, index)
        case .integer(let n): return sqlite3_bind_int64(stmt, index, n)
        case .bool(let b): return sqlite3_bind_int64(stmt, index, b ? 1 : 0)
        case .text(let text): return sqlite3_bind_text(stmt, index, text, Int32(text.utf8.count), sqliteTransient)
        // An empty array may have no buffer, which SQLite would take for NULL.
        case .blob(let bytes) where bytes.isEmpty: return sqlite3_bind_zeroblob(stmt, index, 0)
        case .blob(let bytes):
            return bytes.withUnsafeBytes { sqlite3_bind_blob(stmt, index, $0.baseAddress, Int32($0.count), sqliteTransient) }
        }
    }

    private func sqliteError(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)))
    }

    private static func arguments(_ values: [any SQLBindable]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value.sqlValue {
            case .null: return .null
            case .integer(let n): return n.databaseValue
            case .text(let text): return text.databaseValue
            case .blob(let bytes): return Data(bytes).databaseValue
            case .bool(let b): return (b ? 1 : 0).databaseValue
            }
        })
    }

    private static func value(_ stmt: OpaquePointer, column: Int32) -> SQLValue {
        switch sqlite3_column_type(stmt, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(stmt, column))
        case SQLITE_TEXT:
            let bytes = UnsafeBufferPointer(start: sqlite3_column_text(stmt, column), count: Int(sqlite3_column_bytes(stmt, column)))
            return .text(String(decoding: bytes, as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(stmt, column))
            guard count > 0, let bytes = sqlite3_column_blob(stmt, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        // The store writes no REAL; one written by another program reads as its text.
        case SQLITE_FLOAT: return .text(String(sqlite3_column_double(stmt, column)))
        default: return .null
        }
    }
}

/// SQLite's `SQLITE_TRANSIENT`: it copies the bound bytes before the call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
