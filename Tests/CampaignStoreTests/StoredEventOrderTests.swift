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

    @Test("#17 R10 an import keeps its store's event order, which the loader hands on: the order and sessions worked out from the events")
    func importKeepsOrder() throws {
        let t = TestFolder()
        let store = try Self.keepingStore(t, seed: 11)
        try store.importFolder(t.data.path, now: TestData.now, progress: nil)
        #expect(try Self.keptRows(store) == 1)
        let handed = try #require(try Self.handedOn(store))
        let kept = try #require(handed.kept)
        #expect(kept == EventOrder(handed.events, keepingState: true))
        #expect(kept.sessionCount > 0 && kept.byTime.count == handed.events.count)

        // A second import adds events: the order kept is that of all of them, in one row.
        let more = TestFolder()
        var data = Generator(contacts: 30, seed: 12).dataset()
        data.campaigns = []
        data.assets = []
        data.associations = []
        data.contacts = []
        data.deals = []
        data.dealContacts = []
        data.salesforceRules = []
        try DataFolderWriter.write(data, to: more.data.path)
        try store.importFolder(more.data.path, now: TestData.now, progress: nil)
        #expect(try Self.keptRows(store) == 1)
        let after = try #require(try Self.handedOn(store))
        #expect(after.events.count > handed.events.count)
        #expect(after.kept == EventOrder(after.events, keepingState: true))
    }

    @Test("#17 a store under the size keeps no order, and its loader hands nothing on unless asked to above a size")
    func smallStoreKeepsNone() throws {
        let t = TestFolder()
        try DataFolderWriter.write(Generator(contacts: 60, seed: 13).dataset(), to: t.data.path)
        try t.importData()
        let store = try t.open()
        #expect(try Self.keptRows(store) == 0)
        #expect(try Self.handedOn(store) == nil)
        let handed = try #require(try Self.handedOn(store, handOnAbove: 0))
        #expect(handed.kept == nil)
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
