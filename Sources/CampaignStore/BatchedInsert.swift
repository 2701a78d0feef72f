import GRDB
import GRDBSQLite

/// A multi-row INSERT of a known number of rows: they go `rowsPerStatement` to a statement,
/// so that SQLite's work per statement is shared by them, and those after the last full
/// batch one at a time. The caller binds row `i` from `slot(ofRow: i)` and calls
/// `stepIfFull(afterRow: i)` after it; nothing else tracks where a batch stands.
struct BatchedInsert {
    /// 64 rows of the events' 9 columns stay far below SQLite's limit of parameters.
    static let rowsPerStatement = 64

    private let batch: Statement
    private let single: Statement
    private let columns: Int
    private let batchRows: Int
    private let batchedRows: Int
    private let db: Database

    init(_ db: Database, into table: String, columns: [String], rows: Int) throws {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let insert = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        batchRows = max(1, min(Self.rowsPerStatement, rows))
        batch = try db.makeStatement(sql: insert + Array(repeating: row, count: batchRows).joined(separator: ", "))
        single = try db.makeStatement(sql: insert + row)
        self.columns = columns.count
        batchedRows = rows - rows % batchRows
        self.db = db
    }

    /// The statement row `i` is bound to, and the index of its first parameter there.
    func slot(ofRow i: Int) -> (statement: OpaquePointer?, firstParameter: Int32) {
        i < batchedRows ? (batch.sqliteStatement, Int32(i % batchRows * columns + 1)) : (single.sqliteStatement, 1)
    }

    /// Runs row `i`'s statement when that row completes it.
    func stepIfFull(afterRow i: Int) throws {
        guard i >= batchedRows || (i + 1) % batchRows == 0 else { return }
        let stmt = slot(ofRow: i).statement
        let code = sqlite3_step(stmt)
        sqlite3_reset(stmt)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
