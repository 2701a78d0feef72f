import Foundation
import GRDB

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
