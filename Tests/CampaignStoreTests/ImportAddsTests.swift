import CampaignKit
import Foundation
import GRDB
import Testing
@testable import CampaignStore

/// SPEC §8 (revised): import adds to what the store holds. Rows may name the
/// campaigns, assets and contacts an earlier import brought, and the rules that
/// look across rows (R2, R7, R11) see the stored ones too.
struct ImportAddsTests {
    private static func at(_ text: String) -> Instant { Instant(iso8601: text)! }

    /// A store holding `TestData.base`.
    private func baseStore() throws -> TestFolder {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        return t
    }

    @Test("#12.9 §8 import adds to the store: a later folder's rows name the campaigns, assets, contacts and deals an earlier one brought")
    func rowsNameStoredObjects() throws {
        let t = try baseStore()
        t.write([
            "utm_aliases.csv": "campaign_id,utm_campaign,attached_at\nc1,spring-promo,2024-03-01T00:00:00Z\n",
            "associations.csv": "asset_id,campaign_id,associated_at\na5,c3,2024-03-01T00:00:00Z\n",
            "deals.csv": "id,amount,stage,created_at,close_date\nd3,70,closed_won,2024-03-01T00:00:00Z,2024-04-01T00:00:00Z\n",
            "deal_contacts.csv": "deal_id,contact_id,associated_at\nd3,k2,2024-03-01T00:00:00Z\nd2,k1,2024-03-01T00:00:00Z\n",
            "events.csv": "time,type,visitor_id,contact_id,asset_id\n2024-03-02T00:00:00Z,email_open,v3,k2,a5\n",
            "salesforce_members.csv": "salesforce_campaign_id,email\nsf9,BOB@example.com\n",
            "salesforce_rules.csv": "asset_id,salesforce_campaign_id\na4,sf4\n",
        ])
        let summary = try t.importData()
        #expect(summary.utmValues == 1 && summary.associations == 1 && summary.deals == 1 && summary.dealContacts == 2)
        #expect(summary.events == 1 && summary.salesforceMembers == 1 && summary.salesforceRules == 1)
        let data = try t.open().loadDataset()
        #expect(data.campaigns[0].aliases.map(\.value) == ["spring-promo"])
        #expect(data.associations.last == Association(assetID: "a5", campaignID: "c3", associatedAt: Self.at("2024-03-01T00:00:00Z")))
        #expect(data.dealContacts.suffix(2).map { "\($0.dealID)-\($0.contactID)" } == ["d3-k2", "d2-k1"])
        // sf9 imported; sf4 from the new rule on a4, fired by k2's stored enrollment (R20).
        #expect(data.contacts[1].salesforceCampaignIDs == ["sf9", "sf4"])
        #expect(data.salesforceRules.map(\.salesforceCampaignID) == ["sf2", "sf4"])
    }

    @Test("#12.9 R2 at import: a generated value skips the store's current and earlier values")
    func generatedAgainstStore() throws {
        let t = try baseStore()
        // The store holds spring-launch (c1), spring-launch-2 (c3), summer-24 and its earlier summer-promo (c2).
        t.write(["campaigns.csv": """
            id,name,created_at,utm_campaign
            c4,Spring-Launch,2024-03-01T00:00:00Z,
            c5,Summer Promo,2024-03-01T00:00:00Z,
            c6,Summer 24!,2024-03-01T00:00:00Z,

            """])
        let summary = try t.importData()
        #expect(summary.generatedUtmValues == ["c4": "spring-launch-3", "c5": "summer-promo-2", "c6": "summer-24-2"])
        #expect(try t.open().loadDataset().campaigns.suffix(3).map(\.utm.value) == ["spring-launch-3", "summer-promo-2", "summer-24-2"])
    }

    @Test("#12.9 R7 at import: a new interval is checked against the stored ones; one that only follows a stored one is accepted")
    func intervalsAgainstStore() throws {
        let t = try baseStore()
        t.write(["associations.csv": "asset_id,campaign_id,associated_at,dissociated_at\na5,c1,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z\n"])
        try t.importData()
        t.write(["associations.csv": "asset_id,campaign_id,associated_at\na5,c2,2024-02-01T00:00:00Z\n"])
        #expect(try t.importData().associations == 1)
        let before = try #require(t.storeBytes())
        t.write(["associations.csv": "asset_id,campaign_id,associated_at,dissociated_at\na5,c3,2024-01-15T00:00:00Z,2024-01-20T00:00:00Z\n"])
        let error = #expect(throws: DataFileError.self) { try t.importData() }
        #expect(error?.location == "associations.csv:2:3 (associated_at)")
        #expect(error?.message.contains("asset \"a5\" would be in two campaigns at once") == true, "\(String(describing: error))")
        #expect(t.storeBytes() == before)
        let intervals = try t.open().loadDataset().associations.filter { $0.assetID == "a5" }
        #expect(intervals.map(\.campaignID) == ["c1", "c2"])
    }

    @Test("R11 #17 loading: each contact gets the visitor ids it lists, whatever order their rows come in and however many contacts list none between")
    func visitorsInAnyOrder() throws {
        let t = try baseStore()
        // Twelve contacts that list nothing, then one that does: more than the loader looks ahead.
        let quiet = (1...12).map { "q\($0),2024-03-01T00:00:00Z," }.joined(separator: "\n")
        t.write(["contacts.csv": "id,created_at,visitor_ids\n\(quiet)\nk9,2024-03-01T00:00:00Z,v90;v91\n"])
        try t.importData()
        let store = try t.open()
        // A row for the first contact after all the others (no import writes one so, but nothing in the file forbids it).
        try store.write { db in try db.execute(sql: "INSERT INTO visitors (visitor_id, contact_id, listed) VALUES ('v-late', 'k1', 1)") }
        let contacts = try store.loadDataset().contacts
        let listed = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0.visitorIDs) })
        #expect(listed["k1"] == ["v1", "v2", "v-late"])
        #expect(listed["k2"] == ["v3"])
        #expect(listed["k9"] == ["v90", "v91"])
        #expect((1...12).allSatisfy { listed["q\($0)"] == [] })
    }

    @Test("#12.9 R11 at import: a stored contact's visitor ids stay its own; a visitor only seen in stored events can be claimed")
    func visitorsAgainstStore() throws {
        let t = try baseStore()
        // v1 is k1's (listed); v9 came in a stored ad click, claimed by no one.
        t.write([
            "contacts.csv": "id,created_at,visitor_ids\nk3,2024-03-01T00:00:00Z,v9\n",
            "events.csv": "time,type,visitor_id,contact_id,url\n2024-03-02T00:00:00Z,page_view,v1,k1,https://example.com/\n",
        ])
        try t.importData()
        let store = try t.open()
        let claims = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT visitor_id, contact_id, listed FROM visitors ORDER BY seq").map { "\($0[0] as String)=\($0[1] as String)\($0[2] as Bool ? "" : "?")" }
        }
        #expect(claims == ["v1=k1", "v2=k1", "v3=k2", "v9=k3"], "v1 is not claimed again")
        #expect(try store.loadDataset().contacts.last?.visitorIDs == ["v9"])
    }
}
