import CampaignKit
import CampaignStore
import Foundation
import GRDB
import StoreTestSupport
import Testing

/// #17: what a reader of the store learns from `eventsAppended(since:)`: the events another
/// import appended since its mark, or nil when anything else changed.
@Suite("#17 events appended since a mark")
struct AppendedEventsTests {
    static let later = """
        time,type,visitor_id,url
        2026-01-01T10:00:00Z,page_view,v1,https://ex.com/p?utm_campaign=x
        2026-01-01T10:05:00Z,page_view,v1,https://ex.com/q
        2026-01-01T10:06:00Z,page_view,v9,https://ex.com/q
        """

    /// A store from the shared small data set, and a second folder of three later events.
    static func store() throws -> (TestFolder, TestFolder, CampaignStore) {
        let base = TestFolder()
        base.write(TestData.base)
        try base.importData()
        let more = TestFolder()
        more.write(["events.csv": later])
        return (base, more, try base.open())
    }

    @Test("#17 after an import of events only: exactly those events, in data order, and a mark past them")
    func appendedEvents() throws {
        let (base, more, store) = try Self.store()
        let (dataset, mark) = try store.loadDatasetMarked()
        #expect(try store.eventsAppended(since: mark)?.events.count == 0)
        try store.importFolder(more.data.path, now: TestData.now)
        let appended = try #require(try store.eventsAppended(since: mark))
        #expect(Array(appended.events) == Array(try store.loadDataset().events.dropFirst(dataset.events.count)))
        #expect(appended.events.map(\.visitorID) == ["v1", "v1", "v9"])
        #expect(try store.eventsAppended(since: appended.mark)?.events.count == 0)
        _ = base
    }

    @Test("#17 after an edit, or a change to the event rows themselves, the reader must load everything (nil)")
    func otherChanges() throws {
        let (base, _, store) = try Self.store()
        let (dataset, mark) = try store.loadDatasetMarked()
        let asset = try #require(dataset.assets.first { $0.type != .workflow })
        let campaign = try #require(dataset.campaigns.first { c in !dataset.associations.contains { $0.assetID == asset.id && $0.campaignID == c.id && $0.isOpen } })
        _ = try store.associate(assetID: asset.id, with: .id(campaign.id), now: TestData.now)
        #expect(try store.eventsAppended(since: mark) == nil)

        let (_, second) = try store.loadDatasetMarked()
        try store.close()
        let raw = try DatabaseQueue(path: base.storePath)
        try raw.write { try $0.execute(sql: "UPDATE events SET url = 'https://ex.com/changed' WHERE seq = 1") }
        try raw.close()
        let reopened = try base.open()
        #expect(try reopened.eventsAppended(since: second) == nil)
    }

    @Test("#17 R11 R14 another tool's update or delete of a contact, visitor, deal or deal's contact row: the reader must load everything (nil)",
          arguments: [
              "UPDATE contacts SET created_at = created_at + 1 WHERE seq = 1",
              "DELETE FROM visitors WHERE seq = 1",
              "UPDATE deals SET amount = '1.00' WHERE seq = 1",
              "DELETE FROM deal_contacts WHERE seq = 1",
          ])
    func rewrittenRows(_ rewrite: String) throws {
        let (base, more, store) = try Self.store()
        let (_, mark) = try store.loadDatasetMarked()
        try store.close()
        let raw = try DatabaseQueue(path: base.storePath)
        try raw.write { try $0.execute(sql: rewrite) }
        try raw.close()
        let reopened = try base.open()
        try reopened.importFolder(more.data.path, now: TestData.now)
        #expect(try reopened.eventsAppended(since: mark) == nil)
    }

    @Test("#17 a store made before rewrites were counted gets the count and its triggers when it is opened")
    func rewritesMigration() throws {
        let (base, more, store) = try Self.store()
        try store.close()
        let raw = try DatabaseQueue(path: base.storePath)
        try raw.write { db in
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_counts_rewrite'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: "DROP TABLE row_rewrites; DELETE FROM grdb_migrations WHERE identifier = 'v8-rewrites-of-appended-tables'")
        }
        try raw.close()
        let reopened = try base.open()
        let (_, mark) = try reopened.loadDatasetMarked()
        #expect(try reopened.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_counts_rewrite'") } == 12)
        try reopened.importFolder(more.data.path, now: TestData.now)
        #expect(try reopened.eventsAppended(since: mark)?.events.count == 3)
        try reopened.close()
        let again = try DatabaseQueue(path: base.storePath)
        try again.write { try $0.execute(sql: "UPDATE contacts SET email = 'changed@example.com' WHERE seq = 1") }
        try again.close()
        #expect(try base.open().eventsAppended(since: mark) == nil)
    }
}
