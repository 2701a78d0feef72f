import CampaignKit
import Foundation
import GRDB
import GRDBSQLite

/// The SQLite store's events: written straight from the file's bytes, with their
/// columnar copy (`EventChunks`).
enum SQLiteEvents {
    /// Appends the validated events file's rows after the stored ones, and their chunks.
    static func append(_ events: CSVReader, times: [Int64], to db: Database, progress: ImportProgress?) throws {
        // The chunks must cover the rows before new rows are added to them.
        var chunks = try EventChunks.catchUp(db)
        try EventChunks.appendingRows(db) {
            try writeEvents(events, times: times, chunks: &chunks, to: db, progress: progress)
        }
        try chunks.flush(to: db)
    }

    /// Events go straight from the file's bytes to SQLite: no String per
    /// cell, text bound without copying, and rows inserted `batchRows` at a
    /// time so SQLite's per-statement work is shared. The rows after the last
    /// full batch go one at a time. Each row also goes to `chunks`, the
    /// columnar copy (`EventChunks`), from the same bytes.
    private static func writeEvents(_ validated: CSVReader, times: [Int64], chunks: inout ChunkWriter,
                                    to db: Database, progress: ImportProgress?) throws {
        let file = try DataFile<EventColumn>(reader: validated.rewound())
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
        let insert = "INSERT INTO events (time, type, visitor_id, contact_id, session_id, asset_id, keyword, url, referrer) VALUES "
        let batch = try db.makeStatement(sql: insert + Array(repeating: row, count: batchRows).joined(separator: ", "))
        let single = try db.makeStatement(sql: insert + row)
        let textColumns: [(cell: Int, offset: Int32, field: EventTable.Field)] = [
            (.visitor_id, 3, .visitor), (.contact_id, 4, .contact), (.session_id, 5, .session), (.asset_id, 6, .asset),
            (.keyword, 7, .keyword), (.url, 8, .url), (.referrer, 9, .referrer),
        ].compactMap { column, offset, field in file.index(column).map { ($0, offset, field) } }
        let reader = file.reader
        let count = times.count
        let batchedRows = count - count % batchRows
        var index = 0
        while try file.next() {
            let stmt = index < batchedRows ? batch.sqliteStatement : single.sqliteStatement
            let base = index < batchedRows ? Int32(index % batchRows * 9) : 0
            let time = times[index]
            let type = try file.eventType(.type)
            sqlite3_bind_int64(stmt, base + 1, time)
            sqlite3_bind_int64(stmt, base + 2, Int64(EventTypeCode.code(type)))
            chunks.pending.appendEvent(time: time, type: type)
            for (cell, offset, field) in textColumns {
                let bound = reader.withBytes(cell) { bytes in
                    chunks.pending.setLast(field, bytes: UnsafeRawBufferPointer(bytes))
                    // The file's buffer outlives the statement's step; escaped cells live in a reused buffer.
                    let destructor = reader.cells[cell].escaped ? SQLITE_TRANSIENT : SQLITE_STATIC
                    return sqlite3_bind_text(stmt, base + offset, UnsafeRawPointer(bytes.baseAddress!)
                        .assumingMemoryBound(to: CChar.self), Int32(bytes.count), destructor)
                }
                if bound == nil { sqlite3_bind_null(stmt, base + offset) }
            }
            index += 1
            if index % ImportWriter.progressRows == 0 { progress?(0.5 + 0.45 * Double(index) / Double(max(count, 1))) }
            if index > batchedRows || index % batchRows == 0 {
                let code = sqlite3_step(stmt)
                sqlite3_reset(stmt)
                guard code == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
            }
            try chunks.flushIfFull(to: db)
        }
    }

    /// Rows per multi-row INSERT: 64 × 9 parameters stay far below SQLite's limit.
    private static let batchRows = 64

    private static let SQLITE_STATIC: sqlite3_destructor_type? = nil
    private static let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
