import CampaignKit
import Foundation
import StoreTestSupport
import Testing
@testable import CampaignStore

/// #17: a small folder imported into a large store is checked against the store's contacts
/// and visitors looked up one at a time, and refused exactly where loading them whole refuses.
@Suite("#17 §7 R11 checking a small folder against a large store, row by row")
struct KnownDataLookupTests {
    /// A store of 3,000 generated contacts (ids k0…, visitors v0…), and a data folder to import into it.
    static func largeStore() throws -> (TestFolder, CampaignStore) {
        let t = TestFolder()
        return (t, try t.importedGenerated(contacts: 3_000, seed: 21))
    }

    /// The error importing `files` into `store` throws, as text; nil when it imports.
    static func refusal(_ files: [String: String], into store: CampaignStore, _ t: TestFolder) -> String? {
        t.write(files)
        do {
            try store.importFolder(t.data.path, now: TestData.now, progress: nil)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("#17 R11 §7 events naming an unknown contact, or tying a visitor another contact holds in the store, are refused; known ones import")
    func eventsCheckedRowByRow() throws {
        let (t, store) = try Self.largeStore()
        let small = "time,type,visitor_id,contact_id,url\n2026-01-01T00:00:00Z,page_view,v5,k5,https://example.com/\n"
        #expect(try store.read { try KnownData.looksUpRows($0, forFolderBytes: Int64(small.utf8.count)) })
        // Loading 3,000 contacts whole costs less than looking up more than a few hundred of them.
        #expect(try store.read { try !KnownData.looksUpRows($0, forFolderBytes: 1 << 20) })

        let unknown = Self.refusal(["events.csv": small + "2026-01-01T00:01:00Z,page_view,,k999999,https://example.com/\n"], into: store, t)
        #expect(unknown?.contains("events.csv:3") == true)
        #expect(unknown?.contains("unknown contact \"k999999\"; it is in neither contacts.csv nor the store") == true)

        let claimed = Self.refusal(["events.csv": small + "2026-01-01T00:01:00Z,page_view,v7,k8,https://example.com/\n"], into: store, t)
        #expect(claimed?.contains("visitor id \"v7\" is claimed by two contacts: k7 in the store and k8") == true)

        let before = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 }
        #expect(Self.refusal(["events.csv": small + "2026-01-01T00:02:00Z,page_view,v-new,k9,https://example.com/\n"], into: store, t) == nil)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 } == before + 2)
        // The new visitor is k9's now: another contact tying it is refused.
        let tiedAgain = Self.refusal(["events.csv": "time,type,visitor_id,contact_id,url\n2026-01-02T00:00:00Z,page_view,v-new,k10,https://example.com/\n"],
                                     into: store, t)
        #expect(tiedAgain?.contains("visitor id \"v-new\" is claimed by two contacts: k9 in the store and k10") == true)
    }

    @Test("#17 §7 a contact already in the store is a duplicate; a deal's contact must be known")
    func contactsAndDealsCheckedRowByRow() throws {
        let (t, store) = try Self.largeStore()
        let duplicate = Self.refusal(["contacts.csv": "id,email,created_at\nk12,someone@example.org,2025-01-01T00:00:00Z\n"], into: store, t)
        #expect(duplicate?.contains("duplicate contact id \"k12\"; it is already in the store") == true)

        let listed = Self.refusal(["contacts.csv": "id,email,created_at,visitor_ids\nk-new,new@example.org,2025-01-01T00:00:00Z,v13\n"], into: store, t)
        #expect(listed?.contains("visitor id \"v13\" is claimed by two contacts: k13 in the store and k-new") == true)

        let deals = "id,name,amount,stage,created_at,close_date\nd-new,New,100,closed_won,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z\n"
        let unknownContact = Self.refusal(["deals.csv": deals, "deal_contacts.csv": "deal_id,contact_id,associated_at\nd-new,k-none,2025-01-02T00:00:00Z\n"],
                                          into: store, t)
        #expect(unknownContact?.contains("unknown contact \"k-none\"") == true)
        #expect(Self.refusal(["deals.csv": deals, "deal_contacts.csv": "deal_id,contact_id,associated_at\nd-new,k14,2025-01-02T00:00:00Z\n"],
                             into: store, t) == nil)
    }
}
