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

    package func each(_ sql: String, _ arguments: [any SQLBindable], _ body: (SQLRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(self, sql: sql, arguments: Self.arguments(arguments))
        while let row = try rows.next() {
            try body(SQLRow((0..<row.count).map { Self.value(row[$0] as DatabaseValue) }))
        }
    }

    /// Binds each row's values straight to SQLite: going through GRDB's `StatementArguments`
    /// cost an import of 100k contacts more time than SQLite's own work on the rows.
    package func insertRows(into table: String, columns: [String], _ rows: [[any SQLBindable]]) throws {
        guard !rows.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
        try withExtendedLifetime(statement) {
            let stmt = statement.sqliteStatement
            for row in rows {
                for (index, value) in row.enumerated() {
                    let code = Self.bind(value.sqlValue, to: stmt, at: Int32(index + 1))
                    guard code == SQLITE_OK else { throw sqliteError(code) }
                }
                let code = sqlite3_step(stmt)
                sqlite3_reset(stmt)
                guard code == SQLITE_DONE else { throw sqliteError(code) }
            }
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

    private static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let n): return .integer(n)
        case .string(let text): return .text(text)
        case .blob(let data): return .blob(Array(data))
        // The store writes no REAL; one written by another program reads as its text.
        case .double(let d): return .text(String(d))
        }
    }
}

/// SQLite's `SQLITE_TRANSIENT`: it copies the bound bytes before the call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
