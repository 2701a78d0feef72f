import CampaignKit
import Foundation
import GRDB
import GRDBSQLite

/// The engine's columnar copy of the `events` rows (an `EventTable`), kept in the
/// store beside them in `event_chunks`: every import appends chunks of up to
/// `chunkEvents` events, each with the strings it adds to the pools. Loading
/// a few large blobs replaces stepping through millions of rows and making a
/// string per cell. The rows stay the source of truth, and the copy cannot go
/// stale unseen: a change to `events` made outside import (an UPDATE, a DELETE,
/// an INSERT among the rows the chunks cover, say with `sqlite3`) drops the
/// chunks (triggers, `StoreSchema.v5`); appended rows leave them short of the
/// last row; each blob carries a checksum (`ChunkCodec`). Chunks that are
/// missing, damaged or do not cover exactly the rows are ignored when reading,
/// and rebuilt from the rows at the next import.
package enum EventChunks {
    /// Events per chunk: keeps each blob far below SQLite's 1 GB limit (and PostgreSQL's).
    package static let chunkEvents = 1 << 20

    /// The events, from the chunks when they cover the rows exactly, else from the rows.
    static func load(_ db: Database) throws -> EventTable {
        if let table = try fromChunks(db) { return table }
        return try fromRows(db)
    }

    /// The events as the chunks hold them; nil when the chunks are missing, unreadable,
    /// or do not end at the last row (rows written by something that did not add chunks).
    /// With `poolsOnly`, the table holds only the strings (what a writer needs to go on numbering).
    static func fromChunks(_ db: Database, poolsOnly: Bool = false) throws -> EventTable? {
        let lastRow = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0
        var table = EventTable()
        if !poolsOnly {
            // Never more than there are rows: a damaged count must not ask for absurd memory.
            let claimed = Int(max(0, min(try Int64.fetchOne(db, sql: "SELECT coalesce(sum(events), 0) FROM event_chunks") ?? 0, lastRow)))
            table.reserveCapacity(claimed + RoomToAppend.beyond(claimed))
        }
        var covered: Int64 = 0
        let statement = try db.makeStatement(sql: "SELECT last_event_seq, events, data FROM event_chunks ORDER BY seq")
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        while true {
            let code = sqlite3_step(stmt)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw error(db, code) }
            let last = sqlite3_column_int64(stmt, 0)
            let count = sqlite3_column_int64(stmt, 1)
            // A chunk holds the rows in (covered, last]: all of them when written, and any change
            // among them since would have dropped the chunks. Where rows were deleted before the
            // chunks were rebuilt (or had a type no longer known), it holds fewer than the range.
            guard count > 0, count <= last - covered, let bytes = sqlite3_column_blob(stmt, 2) else { return nil }
            let blob = UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(stmt, 2)))
            guard ChunkCodec.decode(blob, events: Int(count), appendingTo: &table, poolsOnly: poolsOnly) != nil else { return nil }
            covered = last
        }
        return covered == lastRow ? table : nil
    }

    /// Chunks of more bytes than this in all are a store large enough (L's million contacts)
    /// that the rest of its reads take longer than decoding its events: `decoding` then hands
    /// the events on before the join. On a smaller one the reads end first, and work done
    /// there would only hold up the join (M: 0.07 s more reading, 0.03 s less compiling).
    static let handOnAbove: Int64 = 192 << 20

    /// Decodes the chunks on another thread while `body` reads the rest of the store on this
    /// one, and returns both; nil events when the chunks do not cover the rows (the caller
    /// reads the rows).
    ///
    /// The other thread reads the blobs too, through a read-only connection of its own to the
    /// file at `path` (a connection serves one thread at a time), one chunk at a time, each
    /// straight into the buffer it decodes. Its snapshot may be younger than the caller's
    /// transaction, so each blob must carry the checksum the caller's snapshot lists for
    /// that chunk, and `ChunkCodec` checks the bytes against it: the same checksums are the
    /// same events. Where that connection cannot read them all (another process replaced the
    /// chunks meanwhile, the file moved), this thread reads them after `body`, as it sees them.
    ///
    /// `afterDecoding` is called on the decoding thread with the events once all are decoded,
    /// before the join, with their time order and sessions when the store kept them for these
    /// chunks (`StoredEventOrder`), and without on a store whose chunks are more than
    /// `handOnAbove` bytes: work that needs the events alone overlaps with the rest of the reads.
    static func decoding<T>(_ db: Database, from path: String, handOnAbove: Int64 = handOnAbove,
                            afterDecoding: (@Sendable (EventTable, EventOrder?) -> Void)? = nil,
                            while body: () throws -> T) throws -> (EventTable?, T) {
        let lastRow = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0
        let chunks = try listed(db)
        var covered: Int64 = 0
        for chunk in chunks {
            // A chunk holds the rows in (covered, last]: see `fromChunks`.
            guard chunk.events > 0, chunk.events <= chunk.last - covered else { return (nil, try body()) }
            covered = chunk.last
        }
        guard covered == lastRow else { return (nil, try body()) }
        let large = chunks.reduce(0) { $0 + $1.bytes } > handOnAbove
        let fingerprint = StoredEventOrder.fingerprint(of: chunks)
        let decoded = Background { () -> EventTable? in
            var connection: OpaquePointer?
            defer { sqlite3_close(connection) }
            guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
                  let table = decode(chunks, from: connection) else { return nil }
            if let afterDecoding {
                let kept = StoredEventOrder.read(connection, for: fingerprint, events: table.count, times: table.time)
                if kept != nil || large { afterDecoding(table, kept) }
            }
            return table
        }
        let result = try body()
        return (try decoded.value ?? fromChunks(db), result)
    }

    /// The chunks as the caller's snapshot lists them, in order, with their checksums.
    static func listed(_ db: Database) throws -> [ListedChunk] {
        try Row.fetchAll(db, sql: "SELECT seq, last_event_seq, events, length(data) FROM event_chunks ORDER BY seq").map { row in
            ListedChunk(seq: row[0], last: row[1], events: row[2], bytes: row[3], checksum: checksum(db, chunk: row[0]))
        }
    }

    /// A chunk as a snapshot lists it.
    struct ListedChunk: Sendable {
        var seq: Int64
        var last: Int64
        var events: Int64
        var bytes: Int64
        var checksum: UInt64
    }

    /// The events of `chunks`, read through `connection`; nil when a chunk is missing, has
    /// another checksum, or is damaged.
    private static func decode(_ chunks: [ListedChunk], from connection: OpaquePointer?) -> EventTable? {
        var table = EventTable()
        let events = Int(chunks.reduce(0) { $0 + $1.events })
        table.reserveCapacity(events + RoomToAppend.beyond(events))
        // One buffer for every blob, as large as the largest: a fresh one for each would be
        // hundreds of megabytes of pages for the kernel to fault in and clear at L (#17).
        let largest = Int(chunks.map(\.bytes).max() ?? 0)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(largest, 16), alignment: 16)
        defer { buffer.deallocate() }
        for chunk in chunks {
            guard let bytes = blob(connection, chunk: chunk.seq, into: buffer), bytes.count >= 16,
                  bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == chunk.checksum,
                  ChunkCodec.decode(bytes, events: Int(chunk.events), appendingTo: &table) != nil
            else { return nil }
        }
        return table
    }

    /// A chunk's checksum (`ChunkCodec`: bytes 8..<16), read without the rest of the blob,
    /// which `substr` would read whole (tens of megabytes); 0 for a blob too short to have one.
    static func checksum(_ db: Database, chunk seq: Int64) -> UInt64 {
        var blob: OpaquePointer?
        defer { sqlite3_blob_close(blob) }
        var bytes: UInt64 = 0
        guard sqlite3_blob_open(db.sqliteConnection, "main", "event_chunks", "data", seq, 0, &blob) == SQLITE_OK,
              sqlite3_blob_bytes(blob) >= 16, sqlite3_blob_read(blob, &bytes, 8, 8) == SQLITE_OK else { return 0 }
        return bytes
    }

    /// Chunk `seq`'s blob, read into the start of `buffer`; nil when it is missing or larger than `buffer`.
    private static func blob(_ connection: OpaquePointer?, chunk seq: Int64,
                             into buffer: UnsafeMutableRawBufferPointer) -> UnsafeRawBufferPointer? {
        var handle: OpaquePointer?
        defer { sqlite3_blob_close(handle) }
        guard sqlite3_blob_open(connection, "main", "event_chunks", "data", seq, 0, &handle) == SQLITE_OK else { return nil }
        let count = Int(sqlite3_blob_bytes(handle))
        guard count <= buffer.count, count == 0 || sqlite3_blob_read(handle, buffer.baseAddress, Int32(count), 0) == SQLITE_OK
        else { return nil }
        return UnsafeRawBufferPointer(rebasing: buffer[..<count])
    }

    /// The events as the rows hold them, their cells' bytes interned.
    static func fromRows(_ db: Database) throws -> EventTable {
        var table = EventTable()
        try readRows(db) { _, time, type, strings in
            table.appendEvent(time: time, type: type)
            strings(&table)
        }
        return table
    }

    /// Calls `row` with each row: its seq, its time, its type, and a function that sets the
    /// row's strings on the last event of a table (which `row` has just appended).
    private static func readRows(_ db: Database,
                                 _ row: (Int64, Int64, EventType, (inout EventTable) -> Void) throws -> Void) throws {
        let statement = try db.makeStatement(sql: """
            SELECT seq, time, type, visitor_id, contact_id, session_id, url, referrer, asset_id, keyword
            FROM events ORDER BY seq
            """)
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        // Columns 3... in `EventTable.Field` order.
        let fields: [(column: Int32, field: EventTable.Field)] = EventTable.Field.allCases.map { (Int32($0.rawValue) + 3, $0) }
        while true {
            let code = sqlite3_step(stmt)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw error(db, code) }
            guard let type = EventTypeCode.type(Int(sqlite3_column_int64(stmt, 2))) else { continue }
            try row(sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1), type) { table in
                for (column, field) in fields {
                    guard let text = sqlite3_column_text(stmt, column) else { continue }
                    table.setLast(field, bytes: UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(stmt, column))))
                }
            }
        }
    }

    /// Makes the chunks match the rows inside the caller's transaction: kept when they
    /// cover every row, rebuilt from the rows otherwise. Returns a writer that goes on from there.
    @discardableResult
    static func catchUp(_ db: Database) throws -> ChunkWriter {
        if let pools = try fromChunks(db, poolsOnly: true) {
            let lastRow = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0
            return ChunkWriter(pools: pools, lastEventSeq: lastRow)
        }
        try db.execute(sql: "DELETE FROM event_chunks")
        var writer = ChunkWriter(pools: EventTable(), lastEventSeq: 0)
        var lastSeq: Int64 = 0
        try readRows(db) { seq, time, type, strings in
            writer.pending.appendEvent(time: time, type: type)
            strings(&writer.pending)
            lastSeq = seq
            try writer.flushIfFull(to: db, endingAt: seq)
        }
        try writer.flush(to: db, endingAt: lastSeq)
        return writer
    }

    /// The trigger that drops the chunks when a row lands among those they cover (`StoreSchema.v5`).
    static let insertTrigger = "events_insert_among_chunked_drops_event_chunks"

    /// Runs `body`, which only appends rows after those the chunks cover, inside the caller's
    /// transaction without `insertTrigger`: it could not fire, and asking costs each row a
    /// subprogram (a fifth more CPU for an import). The trigger is put back as the schema
    /// has it before the transaction can commit; a throw rolls both back with the rest.
    static func appendingRows<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let trigger = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                          arguments: [insertTrigger])
        if trigger != nil { try db.execute(sql: "DROP TRIGGER \(insertTrigger)") }
        let result = try body()
        if let trigger { try db.execute(sql: trigger) }
        return result
    }

    private static func error(_ db: Database, _ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}

extension ChunkWriter {
    /// `flushIfFull` into the SQLite store's `event_chunks`.
    mutating func flushIfFull(to db: Database, endingAt lastSeq: Int64? = nil) throws {
        try flushIfFull(endingAt: lastSeq, EventChunks.inserter(db))
    }

    /// `flush` into the SQLite store's `event_chunks`.
    mutating func flush(to db: Database, endingAt lastSeq: Int64? = nil) throws {
        try flush(endingAt: lastSeq, EventChunks.inserter(db))
    }
}

extension EventChunks {
    /// Inserts a chunk into `event_chunks`, its blob bound without a copy (no destructor):
    /// SQLite reads the buffer in place during the step.
    static func inserter(_ db: Database) -> ChunkWriter.Store {
        { lastEventSeq, events, bytes in
            let statement = try db.cachedStatement(sql: "INSERT INTO event_chunks (last_event_seq, events, data) VALUES (?, ?, ?)")
            let stmt = statement.sqliteStatement
            sqlite3_bind_int64(stmt, 1, lastEventSeq)
            sqlite3_bind_int64(stmt, 2, events)
            let bound = sqlite3_bind_blob64(stmt, 3, bytes.baseAddress, sqlite3_uint64(bytes.count), nil)
            let code = bound == SQLITE_OK ? sqlite3_step(stmt) : bound
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
            guard code == SQLITE_DONE else { throw error(db, code) }
        }
    }
}
