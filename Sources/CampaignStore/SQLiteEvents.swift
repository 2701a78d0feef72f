import CampaignKit
import Foundation
import GRDB
import GRDBSQLite

/// The SQLite store's events: written straight from the file's bytes, with their
/// columnar copy (`EventChunks`).
enum SQLiteEvents {
    /// Appends the validated events file's rows after the stored ones, and their chunks,
    /// which a `ChunkBuilder` builds meanwhile on another thread.
    static func append(_ events: CSVReader, times: [Int64], to db: Database, progress: ImportProgress?) throws {
        // The chunks must cover the rows before new rows are added to them.
        let builder = ChunkBuilder(events: events, times: times, writer: try EventChunks.catchUp(db))
        let insert = EventChunks.inserter(db)
        func store(_ chunk: ChunkBuilder.Chunk) throws {
            try chunk.blob.withUnsafeBytes { try insert(chunk.lastEventSeq, chunk.events, $0) }
        }
        do {
            try EventChunks.appendingRows(db) {
                try writeEvents(events, times: times, to: db, progress: progress) {
                    for chunk in builder.take() { try store(chunk) }
                }
            }
            try builder.finish(store)
        } catch {
            builder.cancel()
            throw error
        }
    }

    /// Events go straight from the file's bytes to SQLite: no String per
    /// cell, text bound without copying, and rows inserted `batchRows` at a
    /// time so SQLite's per-statement work is shared. The rows after the last
    /// full batch go one at a time. `storeChunks` is called every
    /// `ImportWriter.progressRows` rows, to store the chunks built so far.
    private static func writeEvents(_ validated: CSVReader, times: [Int64], to db: Database, progress: ImportProgress?,
                                    storeChunks: () throws -> Void) throws {
        let file = try DataFile<EventColumn>(reader: validated.rewound())
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
        let insert = "INSERT INTO events (time, type, visitor_id, contact_id, session_id, asset_id, keyword, url, referrer) VALUES "
        let batch = try db.makeStatement(sql: insert + Array(repeating: row, count: batchRows).joined(separator: ", "))
        let single = try db.makeStatement(sql: insert + row)
        let textColumns: [(cell: Int, offset: Int32)] = [
            (.visitor_id, 3), (.contact_id, 4), (.session_id, 5), (.asset_id, 6), (.keyword, 7), (.url, 8), (.referrer, 9),
        ].compactMap { column, offset in file.index(column).map { ($0, offset) } }
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
            for (cell, offset) in textColumns {
                let bound = reader.withBytes(cell) { bytes in
                    // The file's buffer outlives the statement's step; escaped cells live in a reused buffer.
                    let destructor = reader.cells[cell].escaped ? SQLITE_TRANSIENT : SQLITE_STATIC
                    return sqlite3_bind_text(stmt, base + offset, UnsafeRawPointer(bytes.baseAddress!)
                        .assumingMemoryBound(to: CChar.self), Int32(bytes.count), destructor)
                }
                if bound == nil { sqlite3_bind_null(stmt, base + offset) }
            }
            index += 1
            if index % ImportWriter.progressRows == 0 {
                try storeChunks()
                progress?(0.5 + 0.45 * Double(index) / Double(max(count, 1)))
            }
            if index > batchedRows || index % batchRows == 0 {
                let code = sqlite3_step(stmt)
                sqlite3_reset(stmt)
                guard code == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
            }
        }
    }

    /// Rows per multi-row INSERT: 64 × 9 parameters stay far below SQLite's limit.
    private static let batchRows = 64

    private static let SQLITE_STATIC: sqlite3_destructor_type? = nil
    private static let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
