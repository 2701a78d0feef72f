import Attribution
import CampaignKit
import CampaignStore
import Dashboard
import DashboardService
import Foundation
import GRDB
import Testing

/// #17: the campaigns' outline comes from the store's own tables, not from the engine's
/// analysis, and lists what the report will list.
@Suite("#17 the dashboard's backend outlines the campaigns without computing the report")
struct StoreBackendOutlineTests {
    let folder: URL
    let path: String

    init() throws {
        (folder, path) = try StoreBackendTests.sampleStore("store-outline")
    }

    @Test("#17 §8 the outline lists every campaign as the report does: names, utm values, dates, archiving, the assets associated now")
    func sameAsReport() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = try StoreBackend(path: path, clock: { StoreBackendTests.asOf })
        let campaign = try #require(try await backend.campaigns().last)
        _ = try await backend.perform(.archive(campaignID: campaign.id), expected: nil) {}
        let outline = try #require(try await backend.campaignOutline())
        let report = try await backend.report(for: ReportRequest(window: ReportWindow(zone: StoreBackendTests.utc)))
        #expect(outline.map(\.id).sorted() == report.campaigns.map(\.id).sorted())
        #expect(outline.contains { $0.archivedAt != nil })
        #expect(outline.contains { !$0.assets.isEmpty })
        let reported = Dictionary(uniqueKeysWithValues: report.campaigns.map { ($0.id, $0) })
        for listed in outline {
            guard let reported = reported[listed.id] else { continue }
            // Its placeholder row is the report's row without the numbers.
            var expected = reported
            (expected.sessions, expected.influencedContacts, expected.newContactsFirstTouch) = (0, 0, 0)
            (expected.newContactsLastTouch, expected.influencedDeals, expected.influencedRevenue) = (0, 0, 0)
            (expected.sessionsByDay, expected.budget) = ([], nil)
            expected.assets = reported.assets.map {
                AssetReport(id: $0.id, name: $0.name, type: $0.type, hiddenReason: nil, interactions: 0, contacts: 0)
            }
            #expect(listed.placeholderRow == expected)
        }
    }

    @Test("#17 the outline reads no contact, deal or event: it comes from a store whose report cannot be computed")
    func readsNoEvents() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = try StoreBackend(path: path, clock: { StoreBackendTests.asOf })
        let expected = try CampaignStore(path: path).campaigns().map(\.name)
        // Another program takes away everything but the campaigns, assets and associations.
        var unchecked = Configuration()
        unchecked.foreignKeysEnabled = false
        let other = try DatabaseQueue(path: path, configuration: unchecked)
        try await other.write { db in
            for table in ["event_chunks", "events", "deal_contacts", "deals", "visitors", "contact_salesforce_campaigns", "contacts"] {
                try db.execute(sql: "DROP TABLE \(table)")
            }
        }
        try other.close()
        await #expect(throws: (any Error).self) {
            try await backend.report(for: ReportRequest(window: ReportWindow(zone: StoreBackendTests.utc)))
        }
        let outline = try #require(try await backend.campaignOutline())
        #expect(outline.map(\.name) == expected)
    }
}
