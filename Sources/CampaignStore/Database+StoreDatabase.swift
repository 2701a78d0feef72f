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
        let statement = try makeStatement(sql: sql)
        try statement.setArguments(Self.arguments(arguments))
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        let columns = sqlite3_column_count(stmt)
        while true {
            let code = sqlite3_step(stmt)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
            }
            try body(SQLRow((0..<columns).map { Self.value(stmt, column: $0) }))
        }
    }

    package func insertRows(into table: String, columns: [String], _ rows: [[any SQLBindable]]) throws {
        guard !rows.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
        for row in rows { try statement.execute(arguments: Self.arguments(row)) }
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
