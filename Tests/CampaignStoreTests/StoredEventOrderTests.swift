import CampaignKit
import Foundation
import GRDB
import StoreTestSupport
import Synchronization
import Synthetic
import Testing
@testable import CampaignStore

/// #17: the events' time order and R10's sessions kept beside their chunks (`StoredEventOrder`)
/// are those the engine would work out, and are used only for the very chunks they came from.
@Suite("#17 R10 the events' kept order")
struct StoredEventOrderTests {
    /// What a loader's `afterDecoding` is handed, nil when it is not called.
    static func handedOn(_ store: CampaignStore, handOnAbove: Int64 = EventChunks.handOnAbove)
        throws -> (events: EventTable, kept: EventOrder?)? {
        let handed = Mutex<(EventTable, EventOrder?)?>(nil)
        _ = try store.read { db in
            try EventChunks.decoding(db, from: store.path, handOnAbove: handOnAbove,
                                     afterDecoding: { events, kept in handed.withLock { $0 = (events, kept) } }) { () }
        }
        return handed.withLock { $0 }
    }

    static func keptRows(_ store: CampaignStore) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event_order") ?? 0 }
    }

    /// A store that keeps the order of any events, and a folder of generated data to import into it.
    static func keepingStore(_ t: TestFolder, seed: UInt64) throws -> CampaignStore {
        try DataFolderWriter.write(Generator(contacts: 60, seed: seed).dataset(), to: t.data.path)
        return try CampaignStore(path: t.storePath, bulkLoad: false, keepsEventOrderAbove: 0)
    }

    /// A folder of events only, later than the generated ones, for a second import.
    static func moreEvents(seed: UInt64) throws -> TestFolder {
        let more = TestFolder()
        var data = Generator(contacts: 30, seed: seed).dataset()
        (data.campaigns, data.assets, data.associations, data.contacts) = ([], [], [], [])
        (data.deals, data.dealContacts, data.salesforceRules) = ([], [], [])
        try DataFolderWriter.write(data, to: more.data.path)
        return more
    }

    @Test("#17 R10 a store's first import keeps its events' order, which the loader hands on: the order and sessions worked out from the events")
    func firstImportKeepsOrder() throws {
        let t = TestFolder()
        let store = try t.importedGenerated(contacts: 60, seed: 11)
        #expect(try Self.keptRows(store) == 1)
        let handed = try #require(try Self.handedOn(store))
        let kept = try #require(handed.kept)
        #expect(kept == EventOrder(handed.events, keepingState: true))
        #expect(kept.sessionCount > 0 && kept.byTime.count == handed.events.count)
    }

    @Test("#17 R10 a later import works the order of all the events out again on a large store, and drops it on a small one")
    func laterImports() throws {
        let t = TestFolder()
        let store = try Self.keepingStore(t, seed: 12)
        try store.importFolder(t.data.path, now: TestData.now, progress: nil)
        let first = try #require(try Self.handedOn(store))
        let more = try Self.moreEvents(seed: 13)
        try store.importFolder(more.data.path, now: TestData.now, progress: nil)
        #expect(try Self.keptRows(store) == 1)
        let after = try #require(try Self.handedOn(store))
        #expect(after.events.count > first.events.count)
        #expect(after.kept == EventOrder(after.events, keepingState: true))

        // A store under the size: the order goes, and its loader hands nothing on unless asked to above a size.
        let small = TestFolder()
        let smallStore = try small.importedGenerated(contacts: 60, seed: 14)
        #expect(try Self.keptRows(smallStore) == 1)
        let moreForSmall = try Self.moreEvents(seed: 15)
        try smallStore.importFolder(moreForSmall.data.path, now: TestData.now, progress: nil)
        #expect(try Self.keptRows(smallStore) == 0)
        #expect(try Self.handedOn(smallStore) == nil)
        #expect(try #require(try Self.handedOn(smallStore, handOnAbove: 0)).kept == nil)
    }

    /// A folder of page views after every event of `events`: some by their visitors (one
    /// within R10's 30 minutes of the latest event, so that a session goes on), some by new
    /// ones, some with session ids of their own, the same in every such folder.
    static func laterEvents(than events: EventTable) throws -> TestFolder {
        let later = TestFolder()
        let latest = try #require(events.time.max())
        let visitors = events.pool(.visitor)
        let minute: Int64 = 60_000_000
        let views = (0..<40).map { i in
            Event(time: Instant(microseconds: latest + Int64(i / 2) * 7 * minute), type: .pageView,
                  visitorID: i % 3 == 0 ? "later-visitor-\(i % 5)" : visitors[Int32(i % visitors.count)],
                  sessionID: i % 7 == 0 ? "later-session-\(i % 3)" : nil, url: "https://example.com/later/\(i % 4)")
        }
        try DataFolderWriter.write(Dataset(events: EventTable(views)), to: later.data.path)
        return later
    }

    /// The size of each row of `event_order`, in order.
    static func rowSizes(_ store: CampaignStore) throws -> [Int] {
        try store.read { try Int.fetchAll($0, sql: "SELECT length(data) FROM event_order ORDER BY seq") }
    }

    @Test("#17 R10 a later import of events after all the others keeps only what they add, in a row of its own, without working the order out from all the chunks; earlier events make it work the order out again")
    func laterEventsExtendTheOrder() throws {
        let t = TestFolder()
        try Self.keepingStore(t, seed: 16).importFolder(t.data.path, now: TestData.now, progress: nil)
        // A store that would keep no order it worked out from the chunks: one it keeps now was extended.
        let store = try CampaignStore(path: t.storePath, bulkLoad: false, keepsEventOrderAbove: .max)
        let first = try #require(try Self.handedOn(store, handOnAbove: 0))
        let wholeSize = try #require(try Self.rowSizes(store).first)
        for round in 0..<3 {
            let before = try #require(try Self.handedOn(store, handOnAbove: 0))
            let later = try Self.laterEvents(than: before.events)
            try store.importFolder(later.data.path, now: TestData.now, progress: nil)
            let sizes = try Self.rowSizes(store)
            #expect(sizes.count == round + 2, "round \(round)")
            // The extension holds the 40 events' order and sessions and the state of the visitors
            // and session ids they name, each at most 16 bytes: not the order of all the events.
            #expect(sizes.first == wholeSize && sizes.last! <= StoredEventOrder.headerSize + 8 * 40 + 16 * 40, "round \(round)")
            let after = try #require(try Self.handedOn(store, handOnAbove: 0))
            #expect(after.events.count == before.events.count + 40)
            #expect(after.kept == EventOrder(after.events, keepingState: true), "round \(round)")
            // Read with room for the events a dashboard appends later, as an order worked out has.
            let kept = try #require(after.kept)
            #expect(kept.byTime.capacity >= kept.byTime.count + RoomToAppend.beyond(kept.byTime.count))
            #expect(kept.eventSession.capacity >= kept.eventSession.count + RoomToAppend.beyond(kept.eventSession.count))
        }
        // Events from before the latest: the order is worked out again, which this store keeps only above its size.
        let earlier = try Self.moreEvents(seed: 17)
        try store.importFolder(earlier.data.path, now: TestData.now, progress: nil)
        #expect(try Self.keptRows(store) == 0)
        #expect(try #require(try Self.handedOn(store, handOnAbove: 0)).events.count > first.events.count + 120)
    }

    @Test("#17 R10 after maxExtensions extensions a later import keeps the order whole again, as it is worked out from all the events")
    func extensionsAreBounded() throws {
        let t = TestFolder()
        try Self.keepingStore(t, seed: 19).importFolder(t.data.path, now: TestData.now, progress: nil)
        let store = try CampaignStore(path: t.storePath, bulkLoad: false, keepsEventOrderAbove: .max)
        for round in 0..<StoredEventOrder.maxExtensions {
            let before = try #require(try Self.handedOn(store, handOnAbove: 0))
            let later = try Self.laterEvents(than: before.events)
            try store.importFolder(later.data.path, now: TestData.now, progress: nil)
            #expect(try Self.keptRows(store) == round + 2)
        }
        let before = try #require(try Self.handedOn(store, handOnAbove: 0))
        #expect(before.kept == EventOrder(before.events, keepingState: true))
        let later = try Self.laterEvents(than: before.events)
        try store.importFolder(later.data.path, now: TestData.now, progress: nil)
        #expect(try Self.keptRows(store) == 1)
        let after = try #require(try Self.handedOn(store, handOnAbove: 0))
        #expect(after.kept == EventOrder(after.events, keepingState: true))
    }

    /// A store whose kept order has `extensions` extensions: its first import, then as many
    /// imports of later events.
    static func extendedStore(_ t: TestFolder, seed: UInt64, extensions: Int) throws -> CampaignStore {
        try keepingStore(t, seed: seed).importFolder(t.data.path, now: TestData.now, progress: nil)
        let store = try CampaignStore(path: t.storePath, bulkLoad: false, keepsEventOrderAbove: 0)
        for _ in 0..<extensions {
            let before = try #require(try handedOn(store))
            let later = try laterEvents(than: before.events)
            try store.importFolder(later.data.path, now: TestData.now, progress: nil)
        }
        return store
    }

    @Test("#17 R10 an extension that is damaged, or names an order that is gone, is not used, and the next import works the order out again")
    func brokenExtensionIgnored() throws {
        let t = TestFolder()
        let store = try Self.extendedStore(t, seed: 20, extensions: 2)
        #expect(try Self.keptRows(store) == 3)
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT seq, data FROM event_order ORDER BY seq") }
        let (middle, original): (Int64, Data) = (rows[1][0], rows[1][1])
        // A byte of each section in turn: the visitors set, their times and sessions, the
        // session ids set and theirs, the events' order and sessions.
        let sections = try #require(Self.sectionSizes(of: original))
        var offset = StoredEventOrder.headerSize
        for (index, size) in sections.enumerated() where size > 0 {
            var damaged = original
            damaged[offset] ^= 0xFF
            try store.write { try $0.execute(sql: "UPDATE event_order SET data = ? WHERE seq = ?", arguments: [damaged, middle]) }
            #expect(try #require(try Self.handedOn(store, handOnAbove: 0)).kept == nil, "section \(index)")
            offset += size
        }
        try store.write { try $0.execute(sql: "UPDATE event_order SET data = ? WHERE seq = ?", arguments: [original, middle]) }
        // The counts, which no checksum covers: more visitor strings than the last extension's
        // events could bring, more sessions than the events kept whole. Neither is used.
        for (seq, field) in [(rows[2][0] as Int64, 3), (rows[0][0] as Int64, 2)] {
            let kept = try store.read { try Data.fetchOne($0, sql: "SELECT data FROM event_order WHERE seq = ?", arguments: [seq])! }
            var damaged = kept
            let offset = 40 + 8 * field
            let count = damaged[offset..<offset + 8].withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
            damaged.replaceSubrange(offset..<offset + 8, with: withUnsafeBytes(of: (count + 5_000_000).littleEndian) { Data($0) })
            try store.write { try $0.execute(sql: "UPDATE event_order SET data = ? WHERE seq = ?", arguments: [damaged, seq]) }
            #expect(try #require(try Self.handedOn(store, handOnAbove: 0)).kept == nil, "count \(field) of row \(seq)")
            try store.write { try $0.execute(sql: "UPDATE event_order SET data = ? WHERE seq = ?", arguments: [kept, seq]) }
        }
        let whole = try #require(try Self.handedOn(store))
        #expect(whole.kept == EventOrder(whole.events, keepingState: true))

        // The row kept whole is gone: the extensions name an order there is not.
        try store.write { try $0.execute(sql: "DELETE FROM event_order WHERE seq = ?", arguments: [rows[0][0] as Int64]) }
        let before = try #require(try Self.handedOn(store, handOnAbove: 0))
        #expect(before.kept == nil)
        let later = try Self.laterEvents(than: before.events)
        try store.importFolder(later.data.path, now: TestData.now, progress: nil)
        #expect(try Self.keptRows(store) == 1)
        let after = try #require(try Self.handedOn(store))
        #expect(after.kept == EventOrder(after.events, keepingState: true))
    }

    @Test("#17 R10 a bit flipped anywhere in a kept order's rows, header included, never crashes a loader and never hands on another order: the order is not used")
    func flippedBitsNeverMislead() throws {
        let t = TestFolder()
        let store = try Self.extendedStore(t, seed: 22, extensions: 2)
        let loaded = try #require(try Self.handedOn(store))
        let expected = EventOrder(loaded.events, keepingState: true)
        #expect(loaded.kept == expected)
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT seq, data FROM event_order ORDER BY seq") }
        #expect(rows.count == 3)
        var random = SeededRandom(seed: 22)
        var unused = 0
        for round in 0..<300 {
            let row = rows[round % rows.count]
            let (seq, original): (Int64, Data) = (row[0], row[1])
            // Half the flips in the header, where the counts and links are.
            let offset = round % 2 == 0 ? Int(random.next() % UInt64(StoredEventOrder.headerSize)) : Int(random.next() % UInt64(original.count))
            var damaged = original
            damaged[offset] ^= UInt8(1) << (random.next() % 8)
            try store.write { try $0.execute(sql: "UPDATE event_order SET data = ? WHERE seq = ?", arguments: [damaged, seq]) }
            let kept = try #require(try Self.handedOn(store, handOnAbove: 0)).kept
            #expect(kept == nil || kept == expected, "row \(seq), byte \(offset)")
            if kept == nil { unused += 1 }
            try store.write { try $0.execute(sql: "UPDATE event_order SET data = ? WHERE seq = ?", arguments: [original, seq]) }
        }
        // Every flip is caught: the sections by their checksums, the header by seeding them.
        #expect(unused == 300)
    }

    /// A format 3 row's seven section sizes in bytes, from its header.
    static func sectionSizes(of row: Data) -> [Int]? {
        guard row.count >= StoredEventOrder.headerSize else { return nil }
        let word = { (offset: Int) in row.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: offset, as: Int64.self)) } }
        let whole = word(8) == 0
        let (events, visitors, given) = (word(48), word(80), word(88))
        return [whole ? 0 : 4 * visitors, 8 * visitors, 4 * visitors, whole ? 0 : 4 * given, 4 * given, 4 * events, 4 * events]
    }

    /// The store's kept order (`order`) rewritten as an older utmost wrote it, in one row:
    /// magic, format, fingerprint, (format 2: the latest time), four counts, five checksums
    /// (format 1's unseeded), then the order, the sessions and the state.
    static func rewriteInOlderFormat(_ format: UInt32, _ order: EventOrder, _ store: CampaignStore) throws {
        let fingerprint = try store.read { try Int64.fetchOne($0, sql: "SELECT chunks_fingerprint FROM event_order")! }
        let latest = order.latestTime ?? Int64.min
        let seed = format == 1 ? 0 : UInt64(bitPattern: latest)
        var blob = Data()
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { blob += $0 } }
        put(UInt32(0x4F45_5455)); put(format); put(fingerprint)
        if format == 2 { put(latest) }
        [order.byTime.count, order.sessionCount, order.state.visitorSession.count, order.state.givenSession.count].forEach { put(Int64($0)) }
        func bytes<T>(_ values: [T]) -> Data { values.withUnsafeBytes { Data($0) } }
        let sections = [bytes(order.byTime), bytes(order.eventSession), bytes(order.state.visitorLastTime),
                        bytes(order.state.visitorSession), bytes(order.state.givenSession)]
        sections.forEach { section in put(section.withUnsafeBytes { XXH64.hash($0, seed: seed) }) }
        sections.forEach { blob += $0 }
        try store.write { try $0.execute(sql: "UPDATE event_order SET data = ?", arguments: [blob]) }
    }

    @Test("#17 R10 an order kept by an older utmost is still handed on; a later import of events after it keeps it whole in format 3 when it knows the latest event's time (format 2), and works it out again when it does not (format 1)",
          arguments: [UInt32(1), 2])
    func olderFormatOrder(format: UInt32) throws {
        let t = TestFolder()
        let store = try Self.keepingStore(t, seed: 17 + UInt64(format))
        try store.importFolder(t.data.path, now: TestData.now, progress: nil)
        let current = try #require(try Self.handedOn(store)?.kept)
        // Its count of sessions, under no checksum there, one short of its sessions: not used.
        let miscounted = EventOrder(byTime: current.byTime, eventSession: current.eventSession, sessionCount: current.sessionCount - 1,
                                    state: current.state, latestTime: current.latestTime, keepsState: true)
        try Self.rewriteInOlderFormat(format, miscounted, store)
        #expect(try #require(try Self.handedOn(store, handOnAbove: 0)).kept == nil)
        try Self.rewriteInOlderFormat(format, current, store)
        #expect(try Self.handedOn(store)?.kept == current)

        let later = try Self.laterEvents(than: try #require(try Self.handedOn(store)).events)
        let notKeeping = try CampaignStore(path: t.storePath, bulkLoad: false, keepsEventOrderAbove: .max)
        try notKeeping.importFolder(later.data.path, now: TestData.now, progress: nil)
        let rows = try store.read { try Data.fetchAll($0, sql: "SELECT data FROM event_order") }
        if format == 1 {
            #expect(rows.isEmpty)
        } else {
            #expect(rows.count == 1 && rows.first.map { $0[4] } == 3)
            let after = try #require(try Self.handedOn(store))
            #expect(after.kept == EventOrder(after.events, keepingState: true))
        }
    }

    @Test("#17 an order kept for other chunks, or damaged, is not used")
    func staleOrDamagedOrderIgnored() throws {
        let t = TestFolder()
        let store = try Self.keepingStore(t, seed: 14)
        try store.importFolder(t.data.path, now: TestData.now, progress: nil)
        #expect(try Self.handedOn(store)?.kept != nil)

        // Each section damaged in turn: its checksum no longer matches.
        let size = try store.read { try Int.fetchOne($0, sql: "SELECT length(data) FROM event_order") ?? 0 }
        let events = try #require(try Self.handedOn(store)?.events.count)
        // The first visitor's latest time, an event's place in the time order, the last event's session.
        for offset in [StoredEventOrder.headerSize, size - 8 * events, size - 1] {
            let original = try store.read { try Data.fetchOne($0, sql: "SELECT data FROM event_order")! }
            var damaged = original
            damaged[offset] ^= 0xFF
            try store.write { try $0.execute(sql: "UPDATE event_order SET data = ?", arguments: [damaged]) }
            #expect(try Self.handedOn(store)?.kept == nil, "byte \(offset)")
            try store.write { try $0.execute(sql: "UPDATE event_order SET data = ?", arguments: [original]) }
            #expect(try Self.handedOn(store)?.kept != nil)
        }

        // The events changed by SQL drop the chunks: the rows are read, and nothing is handed on.
        try store.write { try $0.execute(sql: "UPDATE events SET keyword = 'changed' WHERE seq = 1") }
        #expect(try Self.handedOn(store, handOnAbove: 0) == nil)
        // The next import rebuilds the chunks from the rows, which hold other events: the old
        // order names chunks that are gone, and is not used even where it is still there.
        _ = try store.write { try EventChunks.catchUp($0) }
        let rebuilt = try #require(try Self.handedOn(store, handOnAbove: 0))
        #expect(rebuilt.kept == nil)
        #expect(try Self.keptRows(store) == 1)
    }
}
