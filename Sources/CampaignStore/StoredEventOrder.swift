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
/// whole, with the fingerprint of the chunks (`fingerprint(of:)`). A later import whose events
/// all come after the others keeps only what they add, in a segment of its own that names
/// the chunks it extends (`extend`): it reads where the sessions stand and none of the
/// per-event arrays, and writes a few bytes an appended event. Rewriting the whole order
/// instead read and wrote 186 MB at L for a thousand events. After `maxExtensions`
/// segments the next one writes the order whole again. Otherwise an import works the order
/// out again from all the chunks when these are over `EventChunks.handOnAbove` bytes, and
/// keeps none on a smaller store, whose loader works them out as it compiles. Each row names
/// the chunks by their checksums: any change to them (an edit of `events` with SQL that drops
/// them, their rebuild from other rows) leaves rows that name other chunks, which the
/// loader ignores. Each section carries a checksum of its own, so a damaged row is ignored too.
///
/// Layout (format 3), little-endian: magic "UTEO", format, kind (0 whole, 1 extension), the
/// chunks' fingerprint, the fingerprint of the chunks an extension extends (0 when whole),
/// the latest event's time (`Int64.min` without events), seven counts (events before the
/// segment's, its events, then after them: sessions, visitor strings, given session ids, and
/// the visitor strings and session ids whose state the segment sets), then a checksum for each
/// of the seven sections that follow. First where the sessions stand (`EventOrder.SessionState`):
/// the visitor strings set (Int32; none when whole: all of them, in order), their latest times
/// (Int64) and sessions (Int32), the session ids set (Int32; none when whole) and their
/// sessions (Int32); then the segment's events in time order and each one's session (Int32
/// each), so that reading the state stops before the events. The checksums are seeded with the
/// XXH64 of the header's words before them, which they so check too.
///
/// Formats 1 and 2 kept one row: magic, format, fingerprint, (format 2: the latest time), four
/// counts (events, sessions, visitor strings, given session ids), five checksums (format 1's
/// unseeded), then the time order, each event's session, each visitor string's latest time and
/// session, each given session id's session. A loader still reads them, and a later import
/// writes such an order whole again in format 3.
enum StoredEventOrder {
    private static let magic: UInt32 = 0x4F45_5455 // "UTEO"
    private static let format: UInt32 = 3
    /// Magic, format, kind, two fingerprints, latest time, seven counts, seven checksums.
    static let headerSize = 4 + 4 + 8 + 8 + 8 + 8 + 7 * 8 + 7 * 8
    /// Format 2's: magic, format, fingerprint, latest time, four counts, five checksums.
    static let secondFormatHeaderSize = 4 + 4 + 8 + 8 + 4 * 8 + 5 * 8
    /// Format 1's: without the latest time.
    private static let firstFormatHeaderSize = secondFormatHeaderSize - 8
    /// How many extensions an order kept whole takes before a later import writes it whole
    /// again: each costs its loader a row to find and read, and repeats the state of the visitors
    /// it sets.
    static let maxExtensions = 32

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
    /// (`SessionFrontier.append`), kept for the chunks as they are now: as a segment of what
    /// they add, or whole once the order has `maxExtensions` of them or was kept in an older
    /// format. False, and nothing written, when no order was kept for those chunks or it
    /// cannot take these events: `update` is then what keeps the order.
    static func extend(_ db: Database, keptFor earlier: [EventChunks.ListedChunk], with appended: EventTable) throws -> Bool {
        let events = earlier.reduce(0) { $0 + Int($1.events) }
        let previous = fingerprint(of: earlier), now = fingerprint(of: try EventChunks.listed(db))
        let connection = db.sqliteConnection
        if let chain = segments(connection, endingAt: previous), chain.count <= maxExtensions,
           var frontier = frontier(of: chain, events: events) {
            guard let tail = frontier.append(appended) else { return false }
            let (visitors, given, state) = (tail.stateVisitors, tail.stateSessions, frontier.state)
            let sections = [Section(visitors), Section(visitors.map { state.visitorLastTime[Int($0)] }),
                            Section(visitors.map { state.visitorSession[Int($0)] }),
                            Section(given), Section(given.map { state.givenSession[Int($0)] }),
                            Section(tail.byTime), Section(tail.eventSession)]
            try insert(Header(whole: false, fingerprint: now, previous: previous, latest: frontier.latestTime ?? Int64.min,
                              eventsBefore: events, events: appended.count, sessionCount: frontier.sessionCount,
                              visitorCount: state.visitorSession.count, givenCount: state.givenSession.count,
                              changedVisitors: visitors.count, changedGiven: given.count),
                       sections, db)
            return true
        }
        guard var order = read(connection, for: previous, events: events, times: nil), order.append(appended) else { return false }
        try save(order, for: now, db)
        return true
    }

    /// Writes `order` whole as the order of the chunks with `fingerprint`, in place of any
    /// kept before, section by section into a blob of its size: never a copy of the whole
    /// beside the arrays.
    static func save(_ order: EventOrder, for fingerprint: UInt64, _ db: Database) throws {
        guard order.keepsState else { return }
        try db.execute(sql: "DELETE FROM event_order")
        let state = order.state
        try insert(Header(whole: true, fingerprint: fingerprint, previous: 0, latest: order.latestTime ?? Int64.min,
                          eventsBefore: 0, events: order.byTime.count, sessionCount: order.sessionCount,
                          visitorCount: state.visitorSession.count, givenCount: state.givenSession.count,
                          changedVisitors: state.visitorSession.count, changedGiven: state.givenSession.count),
                   [Section([Int32]()), Section(state.visitorLastTime), Section(state.visitorSession),
                    Section([Int32]()), Section(state.givenSession), Section(order.byTime), Section(order.eventSession)],
                   db)
    }

    /// Adds a row of `header` and its `sections`, written one by one into a blob of their size.
    private static func insert(_ header: Header, _ sections: [Section], _ db: Database) throws {
        guard isLittleEndian else { return }
        let size = headerSize + sections.reduce(0) { $0 + $1.bytes }
        // SQLite's blob I/O takes 32-bit offsets (and a blob is at most a gigabyte).
        guard size <= Int32.max else { return }
        try db.execute(sql: "INSERT INTO event_order (chunks_fingerprint, data) VALUES (?, zeroblob(?))",
                       arguments: [Int64(bitPattern: header.fingerprint), size])
        var blob: OpaquePointer?
        defer { sqlite3_blob_close(blob) }
        let code = sqlite3_blob_open(db.sqliteConnection, "main", "event_order", "data", db.lastInsertedRowID, 1, &blob)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        var bytes: [UInt8] = []
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        put(magic); put(format); put(UInt64(header.whole ? 0 : 1))
        put(header.fingerprint); put(header.previous); put(header.latest)
        header.counts.forEach { put(Int64($0)) }
        let seed = bytes.withUnsafeBytes { XXH64.hash($0) }
        var offset = headerSize
        for section in sections {
            try section.withBytes { sectionBytes in
                put(XXH64.hash(sectionBytes, seed: seed))
                try write(sectionBytes, to: blob, at: offset)
                offset += sectionBytes.count
            }
        }
        try bytes.withUnsafeBytes { try write($0, to: blob, at: 0) }
    }

    /// The order kept for the chunks with `fingerprint`, of `events` events, read through
    /// `connection` (a loader's own); nil when none is kept for them, or a row of it is damaged.
    /// An order of format 1 takes its latest time from `times`, the events' (none without
    /// them: it is then not extended).
    static func read(_ connection: OpaquePointer?, for fingerprint: UInt64, events: Int, times: [Int64]?) -> EventOrder? {
        guard isLittleEndian, let seq = latestRow(connection, for: fingerprint), let blob = Blob(connection, row: seq),
              let start = blob.values(2, UInt32.self, at: 0) else { return nil }
        let stored = UInt32(littleEndian: start[1])
        if stored == 1 || stored == 2 { return readOlderFormat(blob, stored, for: fingerprint, events: events, times: times) }
        guard let chain = segments(connection, endingAt: fingerprint), let last = chain.last?.header,
              last.eventsBefore + last.events == events else { return nil }
        var state = EventOrder.SessionState()
        for segment in chain where !segment.applyState(to: &state) { return nil }
        guard let byTime = concatenated(chain, section: Header.byTimeSection, events: events),
              let eventSession = concatenated(chain, section: Header.eventSessionSection, events: events) else { return nil }
        return EventOrder(byTime: byTime, eventSession: eventSession, sessionCount: last.sessionCount, state: state,
                          latestTime: events == 0 ? nil : last.latest, keepsState: true)
    }

    /// One of the events' sections of every segment of `chain`, read into one array of `events`
    /// values, each segment's at its events' place: no copy, and no value set twice. With
    /// `RoomToAppend`, as an order worked out from the events has.
    private static func concatenated(_ chain: [Segment], section: Int, events: Int) -> [Int32]? {
        var read = true
        let values = [Int32](unsafeUninitializedCapacity: events + RoomToAppend.beyond(events)) { buffer, initialized in
            for segment in chain where read {
                let range = segment.header.eventsBefore..<(segment.header.eventsBefore + segment.header.events)
                read = segment.read(section, into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[range])))
            }
            initialized = read ? events : 0
        }
        return read ? values : nil
    }

    /// Where the sessions stand after the segments of `chain`, of `events` events in all: their
    /// states read, none of their events. Nil when a row is damaged.
    private static func frontier(of chain: [Segment], events: Int) -> SessionFrontier? {
        guard let last = chain.last?.header, last.eventsBefore + last.events == events else { return nil }
        var state = EventOrder.SessionState()
        for segment in chain where !segment.applyState(to: &state) { return nil }
        return SessionFrontier(events: events, sessionCount: last.sessionCount, latestTime: events == 0 ? nil : last.latest, state: state)
    }

    /// The rows of the order kept in format 3 for the chunks with `fingerprint`: the one kept
    /// whole, then each extension, each after the one it extends. Nil when there is none, a
    /// link is missing, or it is not format 3.
    private static func segments(_ connection: OpaquePointer?, endingAt fingerprint: UInt64) -> [Segment]? {
        var chain: [Segment] = []
        var next = fingerprint
        while chain.count <= maxExtensions {
            guard let seq = latestRow(connection, for: next), let segment = Segment(connection, row: seq) else { return nil }
            chain.append(segment)
            if segment.header.whole { break }
            next = segment.header.previous
        }
        guard let whole = chain.last?.header, whole.whole, whole.eventsBefore == 0 else { return nil }
        chain.reverse()
        for (earlier, later) in zip(chain, chain.dropFirst())
        where later.header.eventsBefore != earlier.header.eventsBefore + earlier.header.events {
            return nil
        }
        return chain
    }

    /// A format 1 or 2 row (`format`), read whole.
    private static func readOlderFormat(_ blob: Blob, _ format: UInt32, for fingerprint: UInt64, events: Int, times: [Int64]?) -> EventOrder? {
        let size = blob.size
        guard size >= firstFormatHeaderSize,
              let header = blob.values(min(size, secondFormatHeaderSize) / 8, UInt64.self, at: 0) else { return nil }
        let word = { (offset: Int) in UInt64(littleEndian: header[offset / 8]) }
        // Format 1 had no latest time: its words after the fingerprint sit 8 bytes earlier.
        let (size0, shift) = format == 1 ? (firstFormatHeaderSize, -8) : (secondFormatHeaderSize, 0)
        let counts = (0..<4).map { Int(truncatingIfNeeded: word(24 + shift + 8 * $0)) }
        guard UInt32(truncatingIfNeeded: word(0)) == magic, word(8) == fingerprint, counts[0] == events,
              counts.allSatisfy({ $0 >= 0 && $0 <= size }), counts[1] <= counts[0],
              size0 + 8 * counts[0] + 12 * counts[2] + 4 * counts[3] == size else { return nil }
        let seed = format == 1 ? 0 : word(16)
        var offset = size0
        var section = 0
        func next<T: FixedWidthInteger>(_ count: Int, _: T.Type) -> [T]? {
            defer { offset += count * MemoryLayout<T>.size; section += 1 }
            return blob.values(count, T.self, at: offset, checksum: (word(56 + shift + 8 * section), seed))
        }
        guard let byTime = next(counts[0], Int32.self), let eventSession = next(counts[0], Int32.self),
              let visitorLastTime = next(counts[2], Int64.self), let visitorSession = next(counts[2], Int32.self),
              let givenSession = next(counts[3], Int32.self),
              // The count of sessions is under no checksum in these formats: the sessions must fit it.
              eventSession.allSatisfy({ $0 < counts[1] }) else { return nil }
        return EventOrder(byTime: byTime, eventSession: eventSession, sessionCount: counts[1],
                          state: EventOrder.SessionState(visitorLastTime: visitorLastTime, visitorSession: visitorSession,
                                                         givenSession: givenSession),
                          latestTime: counts[0] == 0 ? nil : format == 1 ? times.flatMap { latest(of: byTime, in: $0) } : Int64(bitPattern: seed),
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

    /// A format 3 row's header.
    private struct Header {
        var whole: Bool
        var fingerprint: UInt64
        var previous: UInt64
        var latest: Int64
        var eventsBefore: Int
        var events: Int
        var sessionCount: Int
        var visitorCount: Int
        var givenCount: Int
        var changedVisitors: Int
        var changedGiven: Int
        var checksums: [UInt64] = []
        /// What the checksums are seeded with: the XXH64 of the header's words before them, so
        /// that they check those too (the counts, the links, the latest time).
        var seed: UInt64 = 0

        static let byTimeSection = 5, eventSessionSection = 6

        var counts: [Int] { [eventsBefore, events, sessionCount, visitorCount, givenCount, changedVisitors, changedGiven] }

        /// Each section's size in bytes, in order: a whole order's state has no indices.
        var sectionBytes: [Int] {
            [whole ? 0 : 4 * changedVisitors, 8 * changedVisitors, 4 * changedVisitors,
             whole ? 0 : 4 * changedGiven, 4 * changedGiven, 4 * events, 4 * events]
        }

        func offset(of section: Int) -> Int { headerSize + sectionBytes[..<section].reduce(0, +) }

        init(whole: Bool, fingerprint: UInt64, previous: UInt64, latest: Int64, eventsBefore: Int, events: Int, sessionCount: Int,
             visitorCount: Int, givenCount: Int, changedVisitors: Int, changedGiven: Int) {
            (self.whole, self.fingerprint, self.previous, self.latest) = (whole, fingerprint, previous, latest)
            (self.eventsBefore, self.events, self.sessionCount) = (eventsBefore, events, sessionCount)
            (self.visitorCount, self.givenCount, self.changedVisitors, self.changedGiven) = (visitorCount, givenCount, changedVisitors, changedGiven)
        }

        /// `blob`'s header; nil when it is not format 3 or its counts do not add up to its size.
        init?(_ blob: Blob) {
            guard blob.size >= headerSize, let words = blob.values(headerSize / 8, UInt64.self, at: 0)?.map(UInt64.init(littleEndian:))
            else { return nil }
            let counts = words[5..<12].map { Int(truncatingIfNeeded: $0) }
            guard words[0] == UInt64(format) << 32 | UInt64(magic), words[1] <= 1, counts.allSatisfy({ $0 >= 0 }),
                  [counts[1], counts[5], counts[6]].allSatisfy({ $0 <= blob.size }) else { return nil }
            self.init(whole: words[1] == 0, fingerprint: words[2], previous: words[3], latest: Int64(bitPattern: words[4]),
                      eventsBefore: counts[0], events: counts[1], sessionCount: counts[2], visitorCount: counts[3],
                      givenCount: counts[4], changedVisitors: counts[5], changedGiven: counts[6])
            checksums = Array(words[12..<19])
            seed = words[..<12].map(\.littleEndian).withUnsafeBytes { XXH64.hash($0) }
            // Bounded before a section is read against them, so that no count asks for absurd
            // memory (events are numbered in Int32; a session has an event).
            guard headerSize + sectionBytes.reduce(0, +) == blob.size, changedVisitors <= visitorCount, changedGiven <= givenCount,
                  !whole || (changedVisitors == visitorCount && changedGiven == givenCount),
                  eventsBefore <= Int(Int32.max) - events, sessionCount <= eventsBefore + events else { return nil }
        }
    }

    /// A format 3 row: its header, and its blob to read the sections from, each checked
    /// against its checksum.
    private struct Segment {
        let header: Header
        let blob: Blob

        init?(_ connection: OpaquePointer?, row seq: Int64) {
            guard let blob = Blob(connection, row: seq), let header = Header(blob) else { return nil }
            (self.header, self.blob) = (header, blob)
        }

        private var seed: UInt64 { header.seed }

        /// Section `index`, which must be `bytes.count` long, read into `bytes`.
        func read(_ index: Int, into bytes: UnsafeMutableRawBufferPointer) -> Bool {
            bytes.count == header.sectionBytes[index]
                && blob.read(into: bytes, at: header.offset(of: index), checksum: (header.checksums[index], seed))
        }

        /// Section `index` as an array of `T`.
        func values<T: FixedWidthInteger>(_ index: Int, _: T.Type) -> [T]? {
            blob.values(header.sectionBytes[index] / MemoryLayout<T>.size, T.self, at: header.offset(of: index),
                        checksum: (header.checksums[index], seed))
        }

        /// The first five sections applied to `state`: as a whole order's, or as an
        /// extension's changes to the state before it.
        func applyState(to state: inout EventOrder.SessionState) -> Bool {
            let h = header
            guard let visitors = values(0, Int32.self), let lastTimes = values(1, Int64.self), let sessions = values(2, Int32.self),
                  let given = values(3, Int32.self), let givenSessions = values(4, Int32.self) else { return false }
            if h.whole {
                state = EventOrder.SessionState(visitorLastTime: lastTimes, visitorSession: sessions, givenSession: givenSessions)
                return true
            }
            // An extension's events bring at most one new visitor string and session id each.
            guard h.visitorCount >= state.visitorSession.count, h.givenCount >= state.givenSession.count,
                  h.visitorCount - state.visitorSession.count <= h.events, h.givenCount - state.givenSession.count <= h.events,
                  visitors.allSatisfy({ $0 >= 0 && Int($0) < h.visitorCount }), given.allSatisfy({ $0 >= 0 && Int($0) < h.givenCount })
            else { return false }
            state.visitorLastTime.append(contentsOf: repeatElement(Int64.min, count: h.visitorCount - state.visitorLastTime.count))
            state.visitorSession.append(contentsOf: repeatElement(-1, count: h.visitorCount - state.visitorSession.count))
            state.givenSession.append(contentsOf: repeatElement(-1, count: h.givenCount - state.givenSession.count))
            for (j, v) in visitors.enumerated() { (state.visitorLastTime[Int(v)], state.visitorSession[Int(v)]) = (lastTimes[j], sessions[j]) }
            for (j, g) in given.enumerated() { state.givenSession[Int(g)] = givenSessions[j] }
            return true
        }
    }

    /// An open `event_order` blob, read-only; closed when let go.
    private final class Blob {
        let handle: OpaquePointer
        let size: Int

        init?(_ connection: OpaquePointer?, row seq: Int64) {
            var blob: OpaquePointer?
            guard sqlite3_blob_open(connection, "main", "event_order", "data", seq, 0, &blob) == SQLITE_OK, let blob else {
                sqlite3_blob_close(blob)
                return nil
            }
            (handle, size) = (blob, Int(sqlite3_blob_bytes(blob)))
        }

        deinit { sqlite3_blob_close(handle) }

        /// `bytes.count` bytes at `offset`, which must hash to `checksum.value` (seeded with
        /// `checksum.seed`) when one is given.
        func read(into bytes: UnsafeMutableRawBufferPointer, at offset: Int, checksum: (value: UInt64, seed: UInt64)?) -> Bool {
            guard offset >= 0, offset + bytes.count <= size else { return false }
            guard bytes.isEmpty || sqlite3_blob_read(handle, bytes.baseAddress, Int32(bytes.count), Int32(offset)) == SQLITE_OK
            else { return false }
            return checksum.map { XXH64.hash(UnsafeRawBufferPointer(bytes), seed: $0.seed) == $0.value } ?? true
        }

        /// `count` values at `offset`, read straight into their array and checked as `read` does.
        func values<T: FixedWidthInteger>(_ count: Int, _: T.Type, at offset: Int,
                                          checksum: (value: UInt64, seed: UInt64)? = nil) -> [T]? {
            var read = false
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                read = self.read(into: UnsafeMutableRawBufferPointer(buffer), at: offset, checksum: checksum)
                initialized = read ? count : 0
            }
            return read ? values : nil
        }
    }

    /// One array as a section's bytes.
    private struct Section {
        let bytes: Int
        let withBytes: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void

        init<T: FixedWidthInteger>(_ values: [T]) {
            bytes = values.count * MemoryLayout<T>.size
            withBytes = { body in try values.withUnsafeBytes(body) }
        }
    }
}
