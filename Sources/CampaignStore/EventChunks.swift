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
enum EventChunks {
    /// Events per chunk: keeps each blob far below SQLite's 1 GB limit.
    static let chunkEvents = 1 << 20

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

/// Writes events to the chunks as they come, one chunk whenever `chunkEvents`
/// are pending: only the pools and one chunk's columns are ever in memory.
struct ChunkWriter {
    /// The pools of everything written, and the events not yet in a chunk.
    var pending: EventTable
    /// Where each pool stood at the last chunk: the strings after are the next chunk's.
    private var poolStarts: [Int]
    private var lastEventSeq: Int64

    init(pools: EventTable, lastEventSeq: Int64) {
        var table = pools
        table.removeAllEvents()
        pending = table
        poolStarts = EventTable.Field.allCases.map { table.pool($0).count }
        self.lastEventSeq = lastEventSeq
    }

    /// Writes the pending events as a chunk when there are `chunkEvents` of them (see `flush`).
    mutating func flushIfFull(to db: Database, endingAt lastSeq: Int64? = nil) throws {
        if pending.count >= EventChunks.chunkEvents { try flush(to: db, endingAt: lastSeq) }
    }

    /// The last chunk's bytes; the buffer is reused.
    private var blob: [UInt8] = []

    /// Writes the pending events as a chunk whose last row is `lastSeq`; by default the
    /// rows follow the last chunk's without a gap, as import appends them.
    mutating func flush(to db: Database, endingAt lastSeq: Int64? = nil) throws {
        guard !pending.isEmpty else { return }
        let poolEnds = ChunkCodec.encode(pending, events: 0..<pending.count, poolStarts: poolStarts, into: &blob)
        lastEventSeq = lastSeq ?? lastEventSeq + Int64(pending.count)
        let statement = try db.cachedStatement(sql: "INSERT INTO event_chunks (last_event_seq, events, data) VALUES (?, ?, ?)")
        let stmt = statement.sqliteStatement
        sqlite3_bind_int64(stmt, 1, lastEventSeq)
        sqlite3_bind_int64(stmt, 2, Int64(pending.count))
        // Bound without a copy (no destructor): SQLite reads the buffer in place during the step.
        let stepped = blob.withUnsafeBytes { bytes in
            let bound = sqlite3_bind_blob64(stmt, 3, bytes.baseAddress, sqlite3_uint64(bytes.count), nil)
            let code = bound == SQLITE_OK ? sqlite3_step(stmt) : bound
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
            return code
        }
        guard stepped == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: stepped), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        poolStarts = poolEnds
        pending.removeAllEvents()
    }
}

/// One chunk's bytes, little-endian: a magic and format number and the XXH64 of
/// everything after them (`headerSize`); per pool (in `EventTable.Field` order)
/// the number of strings it adds, their byte lengths and bytes; then the chunk's
/// times (Int64), types (event type codes, UInt8) and per field its string
/// numbers (Int32, -1 for none). A chunk whose checksum does not match is not
/// decoded: a flipped bit never reaches a report.
enum ChunkCodec {
    static let magic: UInt32 = 0x4345_5455 // "UTEC"
    /// 2: with the checksum. Chunks of format 1 are read as missing (the rows are read instead).
    static let format: UInt32 = 2
    /// Magic, format and checksum.
    static let headerSize = 16
    /// Event type by code, for every byte value.
    static let typeOfCode: [EventType?] = (0..<256).map { EventTypeCode.type($0) }

    /// The chunk of `events`, with the strings added to each pool from `poolStarts` on
    /// up to the highest number these events use; returns where each pool now ends.
    static func encode(_ table: EventTable, events range: Range<Int>, poolStarts: [Int], into out: inout [UInt8]) -> [Int] {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(headerSize + EventTable.Field.allCases.count * 8 + range.count * (8 + 1 + EventTable.Field.allCases.count * 4)
            + EventTable.Field.allCases.reduce(0) { $0 + table.pool($1).utf8.count - table.pool($1).byteOffset(of: poolStarts[$1.rawValue]) }
            + EventTable.Field.allCases.reduce(0) { $0 + 4 * (table.pool($1).count - poolStarts[$1.rawValue]) })
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func put<T: FixedWidthInteger>(_ values: ArraySlice<T>) {
            #if _endian(little)
            values.withUnsafeBytes { out.append(contentsOf: $0) }
            #else
            for v in values { put(v) }
            #endif
        }
        put(magic)
        put(format)
        put(UInt64(0)) // the checksum, once the rest is written
        var poolEnds: [Int] = []
        for field in EventTable.Field.allCases {
            let pool = table.pool(field)
            let start = poolStarts[field.rawValue]
            let end = max(start, Int(table.column(field)[range].max() ?? -1) + 1)
            poolEnds.append(end)
            put(UInt64(end - start))
            for n in start..<end { put(UInt32(pool.ends[n] - pool.byteOffset(of: n))) }
            out.append(contentsOf: pool.utf8[pool.byteOffset(of: start)..<pool.byteOffset(of: end)])
        }
        put(table.time[range])
        out.append(contentsOf: table.type[range].lazy.map { UInt8(EventTypeCode.code($0)) })
        for field in EventTable.Field.allCases { put(table.column(field)[range]) }
        let checksum = out.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[headerSize...])) }
        out.withUnsafeMutableBytes { $0.storeBytes(of: checksum.littleEndian, toByteOffset: 8, as: UInt64.self) }
        return poolEnds
    }


    /// Appends the chunk's `events` events and strings to `table`; nil (and `table`
    /// unchanged) when the bytes are not a chunk of this format or do not hold what they claim.
    static func decode(_ blob: UnsafeRawBufferPointer, events n: Int, appendingTo table: inout EventTable,
                       poolsOnly: Bool = false) -> Void? {
        var reader = Reader(bytes: blob)
        guard n >= 0, reader.read(UInt32.self) == magic, reader.read(UInt32.self) == format,
              let checksum = reader.read(UInt64.self),
              XXH64.hash(UnsafeRawBufferPointer(rebasing: blob[headerSize...])) == checksum else { return nil }
        var newStrings: [StringPool] = []
        for _ in EventTable.Field.allCases {
            guard let count = reader.read(UInt64.self).flatMap(Int.init(exactly:)), count <= blob.count else { return nil }
            var ends: [Int] = []
            ends.reserveCapacity(count)
            var total = 0
            for _ in 0..<count {
                guard let length = reader.read(UInt32.self) else { return nil }
                total += Int(length)
                ends.append(total)
            }
            guard let bytes = reader.bytes(total), let pool = StringPool(utf8: bytes, ends: ends) else { return nil }
            newStrings.append(pool)
        }
        if poolsOnly {
            let columnBytes = n.multipliedReportingOverflow(by: 8 + 1 + 4 * EventTable.Field.allCases.count)
            guard !columnBytes.overflow, reader.skip(columnBytes.partialValue), reader.atEnd else { return nil }
            table.appendStrings(newStrings)
            return ()
        }
        guard let times = reader.raw(n, of: Int64.self), let codes = reader.raw(n, of: UInt8.self) else { return nil }
        var types: [EventType] = []
        types.reserveCapacity(n)
        for code in codes {
            guard let type = typeOfCode[Int(code)] else { return nil }
            types.append(type)
        }
        var columns: [UnsafeRawBufferPointer] = []
        for _ in EventTable.Field.allCases {
            guard let column = reader.raw(n, of: Int32.self) else { return nil }
            columns.append(column)
        }
        guard reader.atEnd else { return nil }
        return table.append(littleEndianTimes: times, types: types, littleEndianColumns: columns, newStrings: newStrings)
    }

    /// Reads fixed-width little-endian values from a blob, nil past its end.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard bytes.count - offset >= MemoryLayout<T>.size else { return nil }
            defer { offset += MemoryLayout<T>.size }
            return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        }

        mutating func skip(_ count: Int) -> Bool {
            guard count >= 0, bytes.count - offset >= count else { return false }
            offset += count
            return true
        }

        mutating func bytes(_ count: Int) -> [UInt8]? {
            guard count >= 0, bytes.count - offset >= count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        /// The bytes of `count` values of `T`, in place.
        mutating func raw<T: FixedWidthInteger>(_ count: Int, of _: T.Type) -> UnsafeRawBufferPointer? {
            let size = count.multipliedReportingOverflow(by: MemoryLayout<T>.size)
            guard count >= 0, !size.overflow, bytes.count - offset >= size.partialValue else { return nil }
            defer { offset += size.partialValue }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size.partialValue])
        }
    }
}
