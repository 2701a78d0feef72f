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
        try DataFolderWriter.write(Generator(contacts: 60, seed: 11).dataset(), to: t.data.path)
        try t.importData()
        let store = try t.open()
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
        try DataFolderWriter.write(Generator(contacts: 60, seed: 14).dataset(), to: small.data.path)
        try small.importData()
        let smallStore = try small.open()
        #expect(try Self.keptRows(smallStore) == 1)
        let moreForSmall = try Self.moreEvents(seed: 15)
        try smallStore.importFolder(moreForSmall.data.path, now: TestData.now, progress: nil)
        #expect(try Self.keptRows(smallStore) == 0)
        #expect(try Self.handedOn(smallStore) == nil)
        #expect(try #require(try Self.handedOn(smallStore, handOnAbove: 0)).kept == nil)
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
