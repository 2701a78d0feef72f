import CampaignKit
import GRDB
import GRDBSQLite

/// The events' time order and R10's sessions (`EventOrder`), kept in `event_order` beside
/// the chunks they were worked out from (#17). On a store of tens of millions of events,
/// working them out took a loader's decoding thread as long as decoding the events; read
/// back, they cost a read of 8 bytes an event.
///
/// A store's first import works them out beside writing its events (`ChunkBuilder`: the
/// times sorted from the start, the sessions once the last chunk is built) and keeps them
/// with the fingerprint of the chunks (`fingerprint(of:)`). A later import extends the kept
/// order with its events when they come after all the others (`extend`); otherwise it works
/// the order out again from all the chunks when these are over `EventChunks.handOnAbove`
/// bytes, and keeps none on a smaller store, whose loader works them out as it compiles. The row names the
/// chunks by their checksums: any change to them (an edit of `events` with SQL that drops
/// them, their rebuild from other rows) leaves a row that names other chunks, which the
/// loader ignores. Each section carries a checksum of its own, so a damaged row is ignored too.
///
/// Layout, little-endian: magic "UTEO", format (2), the chunks' fingerprint, the latest
/// event's time (`Int64.min` without events; format 1 had none), the number of
/// events, sessions, visitor strings and given session ids, then a checksum for each of the
/// five sections that follow: the time order and each event's session (Int32 each), each
/// visitor string's latest time (Int64) and session (Int32), and each given session id's
/// session (Int32). The checksums are seeded with the latest time, which they so check too
/// (format 1's with 0).
enum StoredEventOrder {
    private static let magic: UInt32 = 0x4F45_5455 // "UTEO"
    /// 2: with the latest event's time, which extending needs. A loader still reads format 1,
    /// which a later import then works out again as format 2.
    private static let format: UInt32 = 2
    /// Magic, format, fingerprint, latest time, four counts, five checksums.
    static let headerSize = 4 + 4 + 8 + 8 + 4 * 8 + 5 * 8
    /// Format 1's: without the latest time.
    private static let firstFormatHeaderSize = headerSize - 8

    /// The fingerprint of the chunks as listed: their numbers, ranges, sizes and checksums.
    static func fingerprint(of chunks: [EventChunks.ListedChunk]) -> UInt64 {
        var words: [UInt64] = []
        words.reserveCapacity(chunks.count * 4)
        for chunk in chunks {
            words += [UInt64(bitPattern: chunk.seq), UInt64(bitPattern: chunk.last), UInt64(bitPattern: chunk.events), chunk.checksum]
        }
        return words.map(\.littleEndian).withUnsafeBytes { XXH64.hash($0) }
    }

    /// After an import has written its events, inside its transaction: keeps the order of
    /// all the store's events when their chunks are over `keepingAbove` bytes, and no order otherwise.
    static func update(_ db: Database, keepingAbove threshold: Int64) throws {
        try db.execute(sql: "DELETE FROM event_order")
        let chunks = try EventChunks.listed(db)
        guard chunks.reduce(0, { $0 + $1.bytes }) > threshold, let events = try EventChunks.fromChunks(db) else { return }
        try save(EventOrder(events, keepingState: true), for: fingerprint(of: chunks), db)
    }

    /// After a later import has written its events (`appended`: those events alone, numbered
    /// in the pools of all the store's events), inside its transaction: the order kept for
    /// the chunks as they were before it (`earlier`), with the appended events after it
    /// (`EventOrder.append`), kept for the chunks as they are now. Reads 8 bytes an earlier
    /// event and no chunk. False, and nothing written, when no order was kept for those
    /// chunks or it cannot take these events: `update` is then what keeps the order.
    static func extend(_ db: Database, keptFor earlier: [EventChunks.ListedChunk], with appended: EventTable) throws -> Bool {
        let events = earlier.reduce(0) { $0 + Int($1.events) }
        guard var order = read(db.sqliteConnection, for: fingerprint(of: earlier), events: events, times: nil),
              order.append(appended) else { return false }
        try save(order, for: fingerprint(of: EventChunks.listed(db)), db)
        return true
    }

    /// Writes `order` as the order of the chunks with `fingerprint`, section by section into
    /// a blob of its size: never a copy of the whole beside the arrays.
    static func save(_ order: EventOrder, for fingerprint: UInt64, _ db: Database) throws {
        guard isLittleEndian, order.keepsState else { return }
        let sections = Sections(order)
        let size = headerSize + sections.bytes
        // SQLite's blob I/O takes 32-bit offsets (and a blob is at most a gigabyte).
        guard size <= Int32.max else { return }
        try db.execute(sql: "DELETE FROM event_order")
        try db.execute(sql: "INSERT INTO event_order (chunks_fingerprint, data) VALUES (?, zeroblob(?))",
                       arguments: [Int64(bitPattern: fingerprint), size])
        var blob: OpaquePointer?
        defer { sqlite3_blob_close(blob) }
        let code = sqlite3_blob_open(db.sqliteConnection, "main", "event_order", "data", db.lastInsertedRowID, 1, &blob)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        let latest = order.latestTime ?? Int64.min
        var offset = headerSize
        var checksums: [UInt64] = []
        for section in sections.all {
            try section.withBytes { bytes in
                checksums.append(XXH64.hash(bytes, seed: UInt64(bitPattern: latest)))
                try write(bytes, to: blob, at: offset)
                offset += bytes.count
            }
        }
        var header: [UInt8] = []
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { header += $0 } }
        put(magic); put(format); put(fingerprint); put(latest)
        put(Int64(order.byTime.count)); put(Int64(order.sessionCount))
        put(Int64(order.state.visitorSession.count)); put(Int64(order.state.givenSession.count))
        checksums.forEach { put($0) }
        try header.withUnsafeBytes { try write($0, to: blob, at: 0) }
    }

    /// The order kept for the chunks with `fingerprint`, of `events` events, read through
    /// `connection` (a loader's own); nil when none is kept for them, or it is damaged. An order
    /// of format 1 takes its latest time from `times`, the events' (none without them: it is
    /// then not extended).
    static func read(_ connection: OpaquePointer?, for fingerprint: UInt64, events: Int, times: [Int64]?) -> EventOrder? {
        guard isLittleEndian, let seq = latestRow(connection, for: fingerprint) else { return nil }
        var blob: OpaquePointer?
        defer { sqlite3_blob_close(blob) }
        guard sqlite3_blob_open(connection, "main", "event_order", "data", seq, 0, &blob) == SQLITE_OK else { return nil }
        let size = Int(sqlite3_blob_bytes(blob))
        var header = [UInt8](repeating: 0, count: headerSize)
        guard size >= firstFormatHeaderSize,
              sqlite3_blob_read(blob, &header, Int32(min(size, headerSize)), 0) == SQLITE_OK else { return nil }
        let word = { (offset: Int) in header.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) } }
        let stored = header.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) }
        // Format 1 had no latest time: its words after the fingerprint sit 8 bytes earlier.
        let (size0, shift) = stored == 1 ? (firstFormatHeaderSize, -8) : (headerSize, 0)
        let counts = (0..<4).map { Int(truncatingIfNeeded: word(24 + shift + 8 * $0)) }
        guard header.withUnsafeBytes({ $0.loadUnaligned(as: UInt32.self) }) == magic.littleEndian,
              stored == format || stored == 1,
              word(8) == fingerprint, counts[0] == events, counts.allSatisfy({ $0 >= 0 && $0 <= size }),
              size0 + 8 * counts[0] + 12 * counts[2] + 4 * counts[3] == size else { return nil }
        let seed = stored == 1 ? 0 : word(16)
        var offset = size0
        var section = 0
        /// The next section, `count` values, read straight into its array and checked.
        func next<T: FixedWidthInteger>(_ count: Int, _: T.Type) -> [T]? {
            var failed = false
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let bytes = UnsafeMutableRawBufferPointer(buffer)
                failed = count > 0 && sqlite3_blob_read(blob, bytes.baseAddress, Int32(bytes.count), Int32(offset)) != SQLITE_OK
                failed = failed || XXH64.hash(UnsafeRawBufferPointer(bytes), seed: seed) != word(56 + shift + 8 * section)
                initialized = failed ? 0 : count
            }
            offset += count * MemoryLayout<T>.size
            section += 1
            return failed ? nil : values
        }
        guard let byTime = next(counts[0], Int32.self), let eventSession = next(counts[0], Int32.self),
              let visitorLastTime = next(counts[2], Int64.self), let visitorSession = next(counts[2], Int32.self),
              let givenSession = next(counts[3], Int32.self) else { return nil }
        return EventOrder(byTime: byTime, eventSession: eventSession, sessionCount: counts[1],
                          state: EventOrder.SessionState(visitorLastTime: visitorLastTime, visitorSession: visitorSession,
                                                         givenSession: givenSession),
                          latestTime: counts[0] == 0 ? nil : stored == 1 ? times.flatMap { latest(of: byTime, in: $0) } : Int64(bitPattern: seed),
                          keepsState: true)
    }

    /// The time of the last event in `byTime`, nil when it names no event of `times`.
    private static func latest(of byTime: [Int32], in times: [Int64]) -> Int64? {
        guard let last = byTime.last, times.indices.contains(Int(last)) else { return nil }
        return times[Int(last)]
    }

    /// The row kept for the chunks with `fingerprint`, if any.
    private static func latestRow(_ connection: OpaquePointer?, for fingerprint: UInt64) -> Int64? {
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(connection, "SELECT seq FROM event_order WHERE chunks_fingerprint = ? ORDER BY seq DESC LIMIT 1",
                                 -1, &statement, nil) == SQLITE_OK,
              sqlite3_bind_int64(statement, 1, Int64(bitPattern: fingerprint)) == SQLITE_OK,
              sqlite3_step(statement) == SQLITE_ROW else { return nil }
        return sqlite3_column_int64(statement, 0)
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to blob: OpaquePointer?, at offset: Int) throws {
        guard bytes.count > 0 else { return }
        let code = sqlite3_blob_write(blob, bytes.baseAddress, Int32(bytes.count), Int32(offset))
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }

    /// The arrays are written and read as they lie in memory: a store is kept on a little-endian machine or not at all.
    private static var isLittleEndian: Bool { 1.littleEndian == 1 }

    /// An order's five arrays, in the blob's order.
    private struct Sections {
        let all: [Section]
        var bytes: Int { all.reduce(0) { $0 + $1.bytes } }

        init(_ order: EventOrder) {
            all = [Section(order.byTime), Section(order.eventSession), Section(order.state.visitorLastTime),
                   Section(order.state.visitorSession), Section(order.state.givenSession)]
        }
    }

    private struct Section {
        let bytes: Int
        let withBytes: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void

        init<T: FixedWidthInteger>(_ values: [T]) {
            bytes = values.count * MemoryLayout<T>.size
            withBytes = { body in try values.withUnsafeBytes(body) }
        }
    }
}
