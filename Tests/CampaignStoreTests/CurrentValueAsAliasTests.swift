import Attribution
import CampaignKit
import Foundation
import Testing
@testable import CampaignStore

/// SPEC §7 (revised): listing a campaign's current utm value in utm_aliases.csv
/// as well is not an error; the value counts from its earliest attachment.
struct CurrentValueAsAliasTests {
    private static func at(_ text: String) -> Instant { Instant(iso8601: text)! }

    private static func report(_ store: CampaignStore) throws -> Report {
        Analysis(CompiledData(try store.loadDataset()), asOf: TestData.now, zone: TimeZone(identifier: "UTC")!)
            .report(window: ReportWindow())
    }

    /// Sessions per campaign over all time, campaigns without any left out.
    private static func sessions(_ store: CampaignStore) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for c in try report(store).campaigns where c.sessions > 0 { out[c.id] = c.sessions }
        return out
    }

    private static let campaigns = """
        id,name,created_at,utm_campaign,utm_attached_at
        c1,Spring,2024-01-01T00:00:00Z,spring,2024-02-01T00:00:00Z
        c2,Summer,2024-01-01T00:00:00Z,summer,
        c3,Autumn,2024-01-01T00:00:00Z,,2024-03-01T00:00:00Z

        """

    /// One view tagged with each value, on 2024-01-20: after the aliases' attachments, before c1's and c3's own.
    private static let events = """
        time,type,visitor_id,url
        2024-01-20T00:00:00Z,page_view,v1,https://example.com/?utm_campaign=spring
        2024-01-20T00:00:00Z,page_view,v2,https://example.com/?utm_campaign=summer
        2024-01-20T00:00:00Z,page_view,v3,https://example.com/?utm_campaign=autumn

        """

    @Test("#12.9 §7 a campaign's current utm value also listed in utm_aliases.csv is accepted and counts from its earliest attachment")
    func acceptedFromEarliest() throws {
        let t = TestFolder()
        t.write(["campaigns.csv": Self.campaigns, "events.csv": Self.events, "utm_aliases.csv": """
            campaign_id,utm_campaign,attached_at
            c1,Spring,2024-01-10T00:00:00Z
            c2,summer,2024-06-01T00:00:00Z
            c3,autumn,2024-01-15T00:00:00Z

            """])
        let summary = try t.importData()
        #expect(summary.utmValues == 3)
        #expect(summary.generatedUtmValues == ["c3": "autumn"])
        let store = try t.open()
        let campaigns = try store.loadDataset().campaigns
        // c1: the alias's attachment is the earlier; c2: its own (created_at) is; c3's generated value is its own alias.
        #expect(campaigns.map(\.utm) == [UtmValue(value: "spring", attachedAt: Self.at("2024-01-10T00:00:00Z")),
                                         UtmValue(value: "summer", attachedAt: Self.at("2024-01-01T00:00:00Z")),
                                         UtmValue(value: "autumn", attachedAt: Self.at("2024-01-15T00:00:00Z"))])
        #expect(try Self.sessions(store) == ["c1": 1, "c2": 1, "c3": 1])
    }

    @Test("#12.9 §7 the current value also listed in utm_aliases.csv appears once in utm_aliases, as that file spells it")
    func appearsOnceInAliases() throws {
        let t = TestFolder()
        t.write(["campaigns.csv": Self.campaigns, "utm_aliases.csv": """
            campaign_id,utm_campaign,attached_at
            c1,spring-promo,2024-01-05T00:00:00Z
            c1,Spring,2024-01-10T00:00:00Z
            c2,summer,2024-06-01T00:00:00Z

            """])
        try t.importData()
        let store = try t.open()
        let campaigns = try store.loadDataset().campaigns
        #expect(campaigns[0].aliases == [UtmValue(value: "spring-promo", attachedAt: Self.at("2024-01-05T00:00:00Z")),
                                         UtmValue(value: "Spring", attachedAt: Self.at("2024-01-10T00:00:00Z"))])
        #expect(campaigns[0].allUtmValues.map(\.value) == ["spring-promo", "spring"], "the current value once among all values")
        #expect(campaigns[1].aliases == [UtmValue(value: "summer", attachedAt: Self.at("2024-01-01T00:00:00Z"))])
        #expect(campaigns[2].aliases.isEmpty)
        let report = try Self.report(store)
        #expect(report.campaigns.map(\.utmCampaign) == ["spring", "summer", "autumn"])
        #expect(report.campaigns.map(\.utmAliases) == [["spring-promo", "Spring"], ["summer"], []])
        // Renamed away from it, the value stays one alias; renamed back, it is current and still listed once.
        _ = try store.renameCampaign("c1", to: "Spring sale", now: TestData.now)
        #expect(try Self.report(store).campaigns[0].utmAliases == ["spring-promo", "Spring"])
        _ = try store.renameCampaign("c1", to: "Spring", now: TestData.now.adding(seconds: 1))
        let back = try Self.report(store).campaigns[0]
        #expect(back.utmCampaign == "spring" && back.utmAliases == ["spring-promo", "Spring", "spring-sale"])
    }

    @Test("#12.9 §7 a stored campaign's current value listed in a later utm_aliases.csv counts from the earlier attachment")
    func storedCampaign() throws {
        let t = TestFolder()
        t.write(["campaigns.csv": Self.campaigns, "events.csv": Self.events])
        try t.importData()
        let store = try t.open()
        #expect(try Self.sessions(store) == ["c2": 1])
        t.write(["utm_aliases.csv": "campaign_id,utm_campaign,attached_at\nc1,SPRING,2024-01-05T00:00:00Z\n"])
        #expect(try t.importData().utmValues == 1)
        #expect(try store.loadDataset().campaigns[0].utm == UtmValue(value: "spring", attachedAt: Self.at("2024-01-05T00:00:00Z")))
        #expect(try Self.sessions(store) == ["c1": 1, "c2": 1])
    }

    @Test("#12.9 §7 the current value listed twice in utm_aliases.csv: the second listing is refused")
    func listedTwice() throws {
        let t = TestFolder()
        t.write(["campaigns.csv": Self.campaigns, "utm_aliases.csv": """
            campaign_id,utm_campaign,attached_at
            c1,spring,2024-01-10T00:00:00Z
            c1,Spring,2024-01-11T00:00:00Z

            """])
        let error = #expect(throws: DataFileError.self) { try t.importData() }
        #expect(error?.location == "utm_aliases.csv:3:2 (utm_campaign)")
        #expect(error?.message.contains("campaign c1 already has the utm value \"Spring\"") == true, "\(String(describing: error))")
        #expect(t.storeBytes() == nil)
    }
}
