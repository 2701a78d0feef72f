import CampaignKit
import Foundation
@testable import CampaignStore

/// A small folder for the R20 tests: one campaign with a landing page, a form
/// and a workflow; four contacts; events whose campaign numbers are easy to
/// work out by hand (see `SalesforceSegmentTests`).
enum SalesforceFixture {
    static let now = Instant(iso8601: "2024-06-01T00:00:00Z")!

    static func instant(_ text: String) -> Instant { Instant(iso8601: text)! }

    static let folder: [String: String] = [
        "campaigns.csv": """
            id,name,created_at,utm_campaign
            c1,Webinar,2024-01-01T00:00:00Z,webinar

            """,
        "assets.csv": """
            id,type,name,url
            p1,landing_page,Webinar page,https://x.com/webinar
            f1,form,Register,
            w1,workflow,Nurture,
            e1,email,Invite,

            """,
        "associations.csv": """
            asset_id,campaign_id,associated_at
            p1,c1,2024-01-01T00:00:00Z
            f1,c1,2024-01-01T00:00:00Z
            w1,c1,2024-01-01T00:00:00Z

            """,
        "contacts.csv": """
            id,email,created_at,visitor_ids
            k1,ann@example.com,2024-02-01T00:00:00Z,v1
            k2,Bob@Example.com,2024-02-02T00:00:00Z,v2
            k3,cy@example.com,2024-02-03T00:00:00Z,v3
            k4,,2024-02-04T00:00:00Z,v4

            """,
        "deals.csv": """
            id,name,amount,stage,created_at,close_date
            d1,Ann's studio,1000.00,closed_won,2024-02-05T00:00:00Z,2024-03-01T00:00:00Z
            d2,Dee's studio,500.00,closed_won,2024-02-05T00:00:00Z,2024-03-02T00:00:00Z

            """,
        "deal_contacts.csv": """
            deal_id,contact_id,associated_at
            d1,k1,2024-02-05T00:00:00Z
            d2,k4,2024-02-05T00:00:00Z

            """,
        // k1: views the page, registers (its conversion). k2: views, registers twice.
        // k3: views a page of no campaign, enters the workflow (not an interaction, R13).
        // k4: views the page, never converts.
        "events.csv": """
            time,type,visitor_id,contact_id,url,asset_id
            2024-02-01T09:00:00Z,page_view,v1,,https://x.com/webinar,
            2024-02-01T09:05:00Z,form_submission,v1,k1,https://x.com/webinar,f1
            2024-02-02T09:00:00Z,page_view,v2,,https://x.com/webinar,
            2024-02-02T09:05:00Z,form_submission,v2,k2,https://x.com/webinar,f1
            2024-02-10T09:05:00Z,form_submission,,k2,https://x.com/webinar,f1
            2024-02-03T09:00:00Z,page_view,v3,,https://x.com/other,
            2024-02-03T10:00:00Z,workflow_enrollment,,k3,,w1
            2024-02-04T09:00:00Z,page_view,v4,,https://x.com/webinar,

            """,
    ]

    /// The folder imported into a fresh store, with `extra` files added to it.
    static func store(_ extra: [String: String] = [:]) throws -> TestFolder {
        let t = TestFolder()
        t.write(folder.merging(extra) { $1 })
        try t.importData(now: now)
        return t
    }

    /// Writes `text` as a file next to the data folder and returns its path.
    static func file(_ t: TestFolder, _ name: String, _ text: String) -> String {
        let url = t.root.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }
}
