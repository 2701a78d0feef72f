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
    /// within R10's 30 minutes of the latest event, so that a session goes on), some by new ones.
    static func laterEvents(than events: EventTable) throws -> TestFolder {
        let later = TestFolder()
        let latest = try #require(events.time.max())
        let visitors = events.pool(.visitor)
        let minute: Int64 = 60_000_000
        let views = (0..<40).map { i in
            Event(time: Instant(microseconds: latest + Int64(i / 2) * 7 * minute), type: .pageView,
                  visitorID: i % 3 == 0 ? "later-visitor-\(i % 5)" : visitors[Int32(i % visitors.count)],
                  url: "https://example.com/later/\(i % 4)")
        }
        try DataFolderWriter.write(Dataset(events: EventTable(views)), to: later.data.path)
        return later
    }

    @Test("#17 R10 a later import of events after all the others extends the order kept, without working it out from all the chunks; earlier events make it work the order out again")
    func laterEventsExtendTheOrder() throws {
        let t = TestFolder()
        try Self.keepingStore(t, seed: 16).importFolder(t.data.path, now: TestData.now, progress: nil)
        // A store that would keep no order it worked out from the chunks: one it keeps now was extended.
        let store = try CampaignStore(path: t.storePath, bulkLoad: false, keepsEventOrderAbove: .max)
        let first = try #require(try Self.handedOn(store, handOnAbove: 0))
        for round in 0..<2 {
            let before = try #require(try Self.handedOn(store, handOnAbove: 0))
            let later = try Self.laterEvents(than: before.events)
            try store.importFolder(later.data.path, now: TestData.now, progress: nil)
            #expect(try Self.keptRows(store) == 1, "round \(round)")
            let after = try #require(try Self.handedOn(store, handOnAbove: 0))
            #expect(after.events.count == before.events.count + 40)
            #expect(after.kept == EventOrder(after.events, keepingState: true), "round \(round)")
        }
        // Events from before the latest: the order is worked out again, which this store keeps only above its size.
        let earlier = try Self.moreEvents(seed: 17)
        try store.importFolder(earlier.data.path, now: TestData.now, progress: nil)
        #expect(try Self.keptRows(store) == 0)
        #expect(try #require(try Self.handedOn(store, handOnAbove: 0)).events.count > first.events.count + 80)
    }

    /// The store's kept order rewritten as format 1 wrote it: no latest time, checksums unseeded.
    static func rewriteAsFirstFormat(_ store: CampaignStore) throws {
        let blob = try store.read { try Data.fetchOne($0, sql: "SELECT data FROM event_order")! }
        var old = Data(blob[0..<16])
        old.replaceSubrange(4..<8, with: withUnsafeBytes(of: UInt32(1).littleEndian) { Data($0) })
        old += blob[24..<56]
        let counts = (0..<4).map { i in blob[(24 + 8 * i)...].withUnsafeBytes { Int($0.loadUnaligned(as: Int64.self)) } }
        var offset = StoredEventOrder.headerSize
        var sections = Data()
        for bytes in [4 * counts[0], 4 * counts[0], 8 * counts[2], 4 * counts[2], 4 * counts[3]] {
            let section = blob[offset..<(offset + bytes)]
            old += withUnsafeBytes(of: section.withUnsafeBytes { XXH64.hash($0) }.littleEndian) { Data($0) }
            sections += section
            offset += bytes
        }
        try store.write { try $0.execute(sql: "UPDATE event_order SET data = ?", arguments: [old + sections]) }
    }

    @Test("#17 R10 an order kept by an older utmost (format 1) is still handed on, and a later import works it out again rather than extend it")
    func firstFormatOrder() throws {
        let t = TestFolder()
        let store = try Self.keepingStore(t, seed: 18)
        try store.importFolder(t.data.path, now: TestData.now, progress: nil)
        let current = try #require(try Self.handedOn(store)?.kept)
        try Self.rewriteAsFirstFormat(store)
        #expect(try Self.handedOn(store)?.kept == current)

        let events = try #require(try Self.handedOn(store)).events
        let later = try Self.laterEvents(than: events)
        let notKeeping = try CampaignStore(path: t.storePath, bulkLoad: false, keepsEventOrderAbove: .max)
        try notKeeping.importFolder(later.data.path, now: TestData.now, progress: nil)
        #expect(try Self.keptRows(store) == 0)
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
        for offset in [StoredEventOrder.headerSize, StoredEventOrder.headerSize + 4 * events, size - 1] {
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
        try store.write { try EventChunks.catchUp($0) }
        let rebuilt = try #require(try Self.handedOn(store, handOnAbove: 0))
        #expect(rebuilt.kept == nil)
        #expect(try Self.keptRows(store) == 1)
    }
}
