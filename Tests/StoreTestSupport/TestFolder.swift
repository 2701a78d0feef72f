import CampaignKit
import CampaignStore
import Foundation

/// A scratch directory with a data folder and a store path, removed on deinit.
public final class TestFolder {
    public let root: URL
    public var data: URL { root.appendingPathComponent("data") }
    public var storePath: String { root.appendingPathComponent("store.sqlite").path }

    public init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("utmost-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `files` (name → contents) into a fresh data folder, removing what was there.
    public func write(_ files: [String: String]) {
        try? FileManager.default.removeItem(at: data)
        try! FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for (name, text) in files { try! Data(text.utf8).write(to: data.appendingPathComponent(name)) }
    }

    public func writeBytes(_ name: String, _ bytes: [UInt8]) {
        try! Data(bytes).write(to: data.appendingPathComponent(name))
    }

    /// The store file's bytes, or nil when there is none.
    public func storeBytes() -> Data? { FileManager.default.contents(atPath: storePath) }

    @discardableResult
    public func importData(now: Instant = TestData.now) throws -> ImportSummary {
        try CampaignStore.importFolder(data.path, intoStoreAt: storePath, now: now)
    }

    public func open() throws -> CampaignStore { try CampaignStore(path: storePath) }
}

public enum TestData {
    public static let now = Instant(iso8601: "2024-06-01T00:00:00Z")!

    /// A small, valid folder touching every file and rule the importer checks.
    public static let base: [String: String] = [
        "campaigns.csv": """
            id,name,created_at,start_date,end_date,owner,budget,notes,color,utm_campaign,utm_attached_at
            c1,Spring Launch,2024-01-01T00:00:00Z,2024-01-01,2024-03-31,Ann,1000.50,,#ff8800,,
            c2,Summer Sale,2024-02-01T00:00:00Z,,,,,,blue,summer-24,
            c3,Spring launch!,2024-02-02T00:00:00Z,,,,,,,,

            """,
        "utm_aliases.csv": """
            campaign_id,utm_campaign,attached_at
            c2,summer-promo,2024-01-15T00:00:00Z

            """,
        "assets.csv": """
            id,type,name,url,published_at,keywords
            a1,landing_page,Pricing,https://example.com/pricing,,
            a2,form,Signup,,,
            a3,paid_search,Ads,,,shoes; red shoes
            a4,workflow,Nurture,,,
            a5,email,Newsletter,,2024-01-10T09:00:00Z,

            """,
        "associations.csv": """
            asset_id,campaign_id,associated_at,dissociated_at
            a1,c1,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z
            a1,c2,2024-02-01T00:00:00Z,
            a4,c1,2024-01-01T00:00:00Z,
            a4,c2,2024-01-01T00:00:00Z,

            """,
        "contacts.csv": """
            id,email,created_at,visitor_ids,salesforce_campaign_ids
            k1,ann@example.com,2024-01-05T00:00:00Z,v1;v2,sf1
            k2,bob@example.com,2024-01-06T00:00:00Z,v3,

            """,
        "deals.csv": """
            id,name,amount,stage,created_at,close_date
            d1,Big,1250.00,closed_won,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z
            d2,Open one,10,open,2024-02-01T00:00:00Z,

            """,
        "deal_contacts.csv": """
            deal_id,contact_id,associated_at
            d1,k1,2024-02-01T00:00:00Z

            """,
        "events.csv": """
            time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword
            2024-01-05T10:00:00Z,page_view,v1,,s1,https://example.com/pricing?utm_campaign=spring-launch,,,
            2024-01-05T10:05:00Z,form_submission,v1,k1,s1,https://example.com/pricing,,a2,
            2024-01-06T10:00:00Z,ad_click,v9,,,,,a3,shoes
            2024-01-07T10:00:00Z,workflow_enrollment,,k2,,,,a4,

            """,
        "salesforce_rules.csv": """
            asset_id,salesforce_campaign_id,status
            a2,sf2,Responded

            """,
    ]
}

/// Two loads of a store hold the same data, field by field (events compared as events).
public func sameData(_ a: Dataset, _ b: Dataset) -> Bool {
    a.campaigns == b.campaigns && a.assets == b.assets && a.associations == b.associations && a.contacts == b.contacts
        && a.deals == b.deals && a.dealContacts == b.dealContacts && a.events == b.events && a.salesforceRules == b.salesforceRules
}

extension TestFolder {
    /// A new folder whose store holds `TestData.base`, for the tests that edit it.
    public static func holdingBase() throws -> TestFolder {
        let folder = TestFolder()
        folder.write(TestData.base)
        try folder.importData()
        return folder
    }
}

extension TestData {
    /// Three days after the base data's last event (2024-01-07): edits made then count
    /// nothing yet, so an undo can take them out of the history.
    public static let afterBase = (Instant(iso8601: "2024-06-02T00:00:00Z")!,
                                   Instant(iso8601: "2024-06-03T00:00:00Z")!,
                                   Instant(iso8601: "2024-06-04T00:00:00Z")!)
}
