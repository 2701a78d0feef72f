import CampaignKit
import Foundation
import GRDB
import GRDBSQLite

/// The SQLite store's events: written straight from the file's bytes, with their
/// columnar copy (`EventChunks`).
enum SQLiteEvents {
    /// Appends the validated events file's rows after the stored ones, and their chunks:
    /// a `ChunkBuilder` parses the file on another thread, builds the chunks and hands
    /// over the rows, which this thread binds. Then the events' order is kept: worked out by the
    /// builder as it goes when they are the store's first, else the kept order extended with
    /// them, else worked out from all the chunks (for a large store only; `StoredEventOrder`).
    static func append(_ events: CSVReader, times: [Int64], to db: Database, progress: ImportProgress?,
                       keepingOrderAbove threshold: Int64) throws {
        // The chunks must cover the rows before new rows are added to them.
        let writer = try EventChunks.catchUp(db)
        let earlierChunks = try EventChunks.listed(db)
        let builder = ChunkBuilder(events: events, times: times, writer: writer)
        do {
            try EventChunks.appendingRows(db) {
                try write(from: builder, times: times, to: db, progress: progress)
            }
        } catch {
            builder.cancel()
            throw error
        }
        if let order = builder.order {
            try StoredEventOrder.save(order, for: StoredEventOrder.fingerprint(of: EventChunks.listed(db)), db)
            return
        }
        if let appended = builder.appended, try StoredEventOrder.extend(db, keptFor: earlierChunks, with: appended) { return }
        try StoredEventOrder.update(db, keepingAbove: threshold)
    }

    /// Events go from the file's bytes to SQLite: no String per cell, text bound
    /// without copying, and rows inserted several to a statement (`BatchedInsert`).
    /// Chunks are stored as they come.
    private static func write(from builder: ChunkBuilder, times: [Int64], to db: Database, progress: ImportProgress?) throws {
        let count = times.count
        let insert = try BatchedInsert(db, into: "events", columns: ["time", "type", "visitor_id", "contact_id", "session_id",
                                                                     "asset_id", "keyword", "url", "referrer"], rows: count)
        let insertChunk = EventChunks.inserter(db)
        var index = 0
        func insertRows(_ rows: EventRowBatch) throws {
            for r in 0..<rows.count {
                let (stmt, first) = insert.slot(ofRow: index)
                sqlite3_bind_int64(stmt, first, times[index])
                sqlite3_bind_int64(stmt, first + 1, rows.typeCodes[r])
                for (field, offset) in textParameters {
                    let bound = rows.withText(r, field) { bytes, inFile in
                        // The file's buffer outlives the statement's step; the batch may not.
                        sqlite3_bind_text(stmt, first + offset, bytes.baseAddress!.assumingMemoryBound(to: CChar.self),
                                          Int32(bytes.count), inFile ? SQLITE_STATIC : SQLITE_TRANSIENT)
                    }
                    if bound == nil { sqlite3_bind_null(stmt, first + offset) }
                }
                try insert.stepIfFull(afterRow: index)
                index += 1
                if index % ImportWriter.progressRows == 0 {
                    progress?(0.5 + 0.45 * Double(index) / Double(max(count, 1)))
                }
            }
        }
        while let items = try builder.next() {
            for item in items {
                switch item {
                case .rows(let rows): try insertRows(rows)
                case .chunk(let chunk): try chunk.blob.withUnsafeBytes { try insertChunk(chunk.lastEventSeq, chunk.events, $0) }
                }
            }
        }
    }

    /// Each text field's parameter in a row of the INSERT, after the row's first (its time).
    private static let textParameters: [(EventTable.Field, Int32)] = [
        (.visitor, 2), (.contact, 3), (.session, 4), (.asset, 5), (.keyword, 6), (.url, 7), (.referrer, 8),
    ]

    private static let SQLITE_STATIC: sqlite3_destructor_type? = nil
    private static let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
