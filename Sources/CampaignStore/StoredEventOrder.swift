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
/// with the fingerprint of the chunks (`fingerprint(of:)`). A later import works them out
/// again from all the chunks when these are over `EventChunks.handOnAbove` bytes, and keeps
/// none on a smaller store, whose loader works them out as it compiles. The row names the
/// chunks by their checksums: any change to them (an edit of `events` with SQL that drops
/// them, their rebuild from other rows) leaves a row that names other chunks, which the
/// loader ignores. Each section carries a checksum of its own, so a damaged row is ignored too.
///
/// Layout, little-endian: magic "UTEO", format (1), the chunks' fingerprint, the number of
/// events, sessions, visitor strings and given session ids, then a checksum for each of the
/// five sections that follow: the time order and each event's session (Int32 each), each
/// visitor string's latest time (Int64) and session (Int32), and each given session id's
/// session (Int32).
enum StoredEventOrder {
    private static let magic: UInt32 = 0x4F45_5455 // "UTEO"
    private static let format: UInt32 = 1
    /// Magic, format, fingerprint, four counts, five checksums.
    static let headerSize = 4 + 4 + 8 + 4 * 8 + 5 * 8

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
        var offset = headerSize
        var checksums: [UInt64] = []
        for section in sections.all {
            try section.withBytes { bytes in
                checksums.append(XXH64.hash(bytes))
                try write(bytes, to: blob, at: offset)
                offset += bytes.count
            }
        }
        var header: [UInt8] = []
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { header += $0 } }
        put(magic); put(format); put(fingerprint)
        put(Int64(order.byTime.count)); put(Int64(order.sessionCount))
        put(Int64(order.state.visitorSession.count)); put(Int64(order.state.givenSession.count))
        checksums.forEach { put($0) }
        try header.withUnsafeBytes { try write($0, to: blob, at: 0) }
    }

    /// The order kept for the chunks with `fingerprint`, of `events` events, read through
    /// `connection` (a loader's own); nil when none is kept for them, or it is damaged.
    static func read(_ connection: OpaquePointer?, for fingerprint: UInt64, events: Int) -> EventOrder? {
        guard isLittleEndian, let seq = latestRow(connection, for: fingerprint) else { return nil }
        var blob: OpaquePointer?
        defer { sqlite3_blob_close(blob) }
        guard sqlite3_blob_open(connection, "main", "event_order", "data", seq, 0, &blob) == SQLITE_OK else { return nil }
        let size = Int(sqlite3_blob_bytes(blob))
        var header = [UInt8](repeating: 0, count: headerSize)
        guard size >= headerSize, sqlite3_blob_read(blob, &header, Int32(headerSize), 0) == SQLITE_OK else { return nil }
        let word = { (offset: Int) in header.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) } }
        let counts = (0..<4).map { Int(truncatingIfNeeded: word(16 + 8 * $0)) }
        guard header.withUnsafeBytes({ $0.loadUnaligned(as: UInt32.self) }) == magic.littleEndian,
              header.withUnsafeBytes({ $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self) }) == format.littleEndian,
              word(8) == fingerprint, counts[0] == events, counts.allSatisfy({ $0 >= 0 && $0 <= size }),
              headerSize + 8 * counts[0] + 12 * counts[2] + 4 * counts[3] == size else { return nil }
        var offset = headerSize
        var section = 0
        /// The next section, `count` values, read straight into its array and checked.
        func next<T: FixedWidthInteger>(_ count: Int, _: T.Type) -> [T]? {
            var failed = false
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let bytes = UnsafeMutableRawBufferPointer(buffer)
                failed = count > 0 && sqlite3_blob_read(blob, bytes.baseAddress, Int32(bytes.count), Int32(offset)) != SQLITE_OK
                failed = failed || XXH64.hash(UnsafeRawBufferPointer(bytes)) != word(48 + 8 * section)
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
                          keepsState: true)
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
