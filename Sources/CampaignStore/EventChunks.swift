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
            let claimed = try Int64.fetchOne(db, sql: "SELECT coalesce(sum(events), 0) FROM event_chunks") ?? 0
            table.reserveCapacity(Int(max(0, min(claimed, lastRow))))
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

    /// Bytes of chunks read out of SQLite and not yet decoded, at most (one chunk may be
    /// larger): the decoder follows the reading within this, whatever the store's size.
    static let overlapBudget: Int64 = 192 << 20

    /// Decodes the chunks on another thread while `body` reads the rest of the store on
    /// this one, and returns both; nil events when the chunks do not cover the rows (the
    /// caller reads the rows). Each chunk's blob is read straight into a buffer of the
    /// decoder's (SQLite's incremental blob I/O: the one copy SQLite would make anyway),
    /// which is let go once decoded. The chunks that fit `budget` are read before `body`
    /// runs; `body` calls the function it is given now and then, which reads as many more
    /// as the decoder has made room for; the rest are read after it. So on a store of tens
    /// of millions of events the decoder works all the while the other tables are read,
    /// and the blobs waiting never hold more than the budget.
    ///
    /// On a store whose chunks are more than the budget, `afterDecoding` is called on the
    /// decoding thread with the events once all are decoded, before the join: work that
    /// needs the events alone overlaps with the rest of the reads, which on such a store
    /// (L's million contacts) take longer than the decoding. On a smaller one the reads end
    /// first, and the work would only hold up the join (M: 0.07 s more reading, 0.03 s less
    /// compiling).
    static func decoding<T>(_ db: Database, budget: Int64 = overlapBudget,
                            afterDecoding: (@Sendable (EventTable) -> Void)? = nil,
                            while body: (_ readMore: () -> Void) throws -> T) throws -> (EventTable?, T) {
        let lastRow = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0
        let chunks = try Row.fetchAll(db, sql: "SELECT seq, last_event_seq, events, length(data) FROM event_chunks ORDER BY seq")
            .map { row -> (seq: Int64, last: Int64, events: Int64, bytes: Int64) in (row[0], row[1], row[2], row[3]) }
        var covered: Int64 = 0
        for chunk in chunks {
            // A chunk holds the rows in (covered, last]: see `fromChunks`.
            guard chunk.events > 0, chunk.events <= chunk.last - covered else { return (nil, try body {}) }
            covered = chunk.last
        }
        guard covered == lastRow else { return (nil, try body {}) }
        let queue = BlobQueue(budget: budget)
        let overlapped = chunks.reduce(0) { $0 + $1.bytes } > budget ? afterDecoding : nil
        let decoded = Background { () -> EventTable? in
            var table = EventTable()
            table.reserveCapacity(Int(chunks.reduce(0) { $0 + $1.events }))
            // Every chunk, without waiting for the reader to say it is done: `afterDecoding`
            // then starts while the other tables are still being read.
            for _ in chunks.indices {
                guard let (events, bytes) = queue.take() else { return nil }
                guard bytes.withUnsafeBytes({ ChunkCodec.decode($0, events: events, appendingTo: &table) }) != nil else {
                    queue.abandon()
                    return nil
                }
            }
            overlapped?(table)
            return table
        }
        var handed = 0
        var readable = true
        /// Reads chunks into the queue, while they fit the budget (`waiting` false) or all of
        /// them, waiting for room as needed; stops when a blob cannot be read or the decoder gave up.
        func handOver(waiting: Bool) {
            while readable && handed < chunks.count && (waiting || queue.fits(chunks[handed].bytes)) {
                guard let bytes = blob(db, chunk: chunks[handed].seq), queue.put((Int(chunks[handed].events), bytes)) else {
                    readable = false
                    return
                }
                handed += 1
            }
        }
        handOver(waiting: false)
        let result: T
        do {
            result = try body { handOver(waiting: false) }
        } catch {
            queue.finish()
            _ = decoded.value
            throw error
        }
        handOver(waiting: true)
        queue.finish()
        return (decoded.value, result)
    }

    /// Chunks' blobs on their way from the reading thread to the decoder, which alone touches
    /// them once taken; at most `budget` bytes wait (or one chunk, however large).
    private final class BlobQueue: @unchecked Sendable {
        private let condition = NSCondition()
        private let budget: Int64
        private var waiting: [(events: Int, bytes: [UInt8])] = []
        private var waitingBytes: Int64 = 0
        private var finished = false
        private var abandoned = false

        init(budget: Int64) { self.budget = budget }

        /// Whether a chunk of `bytes` would be taken without waiting.
        func fits(_ bytes: Int64) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            return waiting.isEmpty || waitingBytes + bytes <= budget
        }

        /// Hands over a chunk, waiting while the budget is spent; false when the decoder gave up.
        func put(_ item: (events: Int, bytes: [UInt8])) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while !waiting.isEmpty && waitingBytes + Int64(item.bytes.count) > budget && !abandoned { condition.wait() }
            if abandoned { return false }
            waiting.append(item)
            waitingBytes += Int64(item.bytes.count)
            condition.broadcast()
            return true
        }

        /// No more chunks come: all were handed over, or the reading stopped short.
        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        /// The decoder gives up: the reader stops handing over chunks.
        func abandon() {
            condition.lock()
            abandoned = true
            waiting.removeAll()
            condition.broadcast()
            condition.unlock()
        }

        /// The next chunk, waiting for it; nil once all were taken and no more come.
        func take() -> (events: Int, bytes: [UInt8])? {
            condition.lock()
            defer { condition.unlock() }
            while waiting.isEmpty && !finished { condition.wait() }
            guard !waiting.isEmpty else { return nil }
            let item = waiting.removeFirst()
            waitingBytes -= Int64(item.bytes.count)
            condition.broadcast()
            return item
        }
    }

    /// The blob of chunk `seq`, read in one piece; nil when it cannot be read.
    private static func blob(_ db: Database, chunk seq: Int64) -> [UInt8]? {
        var handle: OpaquePointer?
        defer { sqlite3_blob_close(handle) }
        guard sqlite3_blob_open(db.sqliteConnection, "main", "event_chunks", "data", seq, 0, &handle) == SQLITE_OK else { return nil }
        let count = Int(sqlite3_blob_bytes(handle))
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            failed = count > 0 && sqlite3_blob_read(handle, buffer.baseAddress, Int32(count), 0) != SQLITE_OK
            initialized = failed ? 0 : count
        }
        return failed ? nil : bytes
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
