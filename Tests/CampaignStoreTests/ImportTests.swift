import CampaignKit
import Foundation
import GRDB
import Testing
@testable import CampaignStore

struct ImportTests {
    @Test("§8 a folder touching every file imports and loads in data order")
    func goodFolder() throws {
        let t = TestFolder()
        t.write(TestData.base)
        let summary = try t.importData()
        #expect(summary.campaigns == 3 && summary.assets == 5 && summary.associations == 4)
        #expect(summary.contacts == 2 && summary.deals == 2 && summary.dealContacts == 1 && summary.events == 4)
        let data = try t.open().loadDataset()
        #expect(data.campaigns.map(\.id) == ["c1", "c2", "c3"])
        let c1 = data.campaigns[0]
        #expect(c1.budget == Decimal(string: "1000.50"))
        #expect(c1.startDate == CalendarDate(year: 2024, month: 1, day: 1))
        #expect(c1.color == "#ff8800" && c1.owner == "Ann" && c1.notes == nil)
        #expect(data.assets.first { $0.id == "a3" }?.keywords == ["shoes", "red shoes"])
        #expect(data.associations.count == 4)
        #expect(data.associations[0].dissociatedAt == Instant(iso8601: "2024-02-01T00:00:00Z"))
        // sf1 is listed in contacts.csv; sf2 came from the rule on form a2, fired by k1's submission (R20).
        #expect(data.contacts[0].visitorIDs == ["v1", "v2"] && data.contacts[0].salesforceCampaignIDs == ["sf1", "sf2"])
        #expect(data.deals[0].amount == 1250 && data.deals[0].stage == .closedWon && data.deals[1].closeDate == nil)
        #expect(data.events.map(\.type) == [.pageView, .formSubmission, .adClick, .workflowEnrollment])
        #expect(data.events[0].url == "https://example.com/pricing?utm_campaign=spring-launch")
        #expect(data.events[0].sessionID == "s1" && data.events[0].referrer == nil)
        #expect(data.events[2].keyword == "shoes" && data.events[2].assetID == "a3")
        #expect(data.salesforceRules == [SalesforceRule(assetID: "a2", salesforceCampaignID: "sf2", status: "Responded")])
    }

    @Test("R2 at import: explicit values first, then empty cells in file order with suffixes")
    func generatedValues() throws {
        let t = TestFolder()
        t.write(TestData.base)
        let summary = try t.importData()
        #expect(summary.generatedUtmValues == ["c1": "spring-launch", "c3": "spring-launch-2"])
        let data = try t.open().loadDataset()
        #expect(data.campaigns[0].utm == UtmValue(value: "spring-launch", attachedAt: Instant(iso8601: "2024-01-01T00:00:00Z")!))
        #expect(data.campaigns[1].utm.value == "summer-24")
        #expect(data.campaigns[1].aliases == [UtmValue(value: "summer-promo", attachedAt: Instant(iso8601: "2024-01-15T00:00:00Z")!)])
        #expect(data.campaigns[2].utm.value == "spring-launch-2")
    }

    @Test("R2 an explicit value later in the file is taken before an earlier empty cell is filled")
    func explicitFirst() throws {
        let t = TestFolder()
        t.write(["campaigns.csv": """
            id,name,created_at,utm_campaign
            c1,Promo,2024-01-01T00:00:00Z,
            c2,Other,2024-01-01T00:00:00Z,PROMO
            """])
        let summary = try t.importData()
        #expect(summary.generatedUtmValues == ["c1": "promo-2"])
    }

    @Test("§8 BOM, CRLF, quoted newlines and quotes, any column order, extra columns, trimmed cells")
    func csvDialect() throws {
        let t = TestFolder()
        let campaigns = "\u{FEFF}Color , ID,extra,NAME,Created_At,notes\r\n"
            + " blue ,c1,whatever, \"Spring, \"\"big\"\" launch\" ,2024-01-01T00:00:00+02:00,\"line one\r\nline two\"\r\n"
        t.write(["campaigns.csv": campaigns])
        try t.importData()
        let c = try #require(try t.open().loadDataset().campaigns.first)
        #expect(c.name == "Spring, \"big\" launch")
        #expect(c.color == "blue")
        #expect(c.notes == "line one\r\nline two")
        #expect(c.createdAt == Instant(iso8601: "2023-12-31T22:00:00Z"))
        #expect(c.utm.value == "spring-big-launch")
    }

    @Test("§8 every file is optional: a later folder may add only events, naming stored assets and contacts")
    func eventsOnly() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        t.write(["events.csv": """
            type,time,contact_id,asset_id
            email_open,2024-03-01T00:00:00.250Z,k2,a5
            """])
        try t.importData()
        let events = try t.open().loadDataset().events
        #expect(events.count == 5)
        #expect(events.last?.time == Instant(iso8601: "2024-03-01T00:00:00.25Z"))
        #expect(events.last?.type == .emailOpen)
    }

    @Test("§8 a folder with none of the data files is refused")
    func emptyFolder() throws {
        let t = TestFolder()
        t.write(["readme.txt": "hello"])
        #expect(throws: DataFileError.self) { try t.importData() }
        #expect(t.storeBytes() == nil)
    }
}

struct ImportOrderTests {
    @Test("§8 events keep their file order across full insert batches and the rows after them")
    func batchesKeepOrder() throws {
        let t = TestFolder()
        var events = "time,type,visitor_id,url\n"
        for i in 0..<130 {
            events += "2024-01-01T00:00:\(String(format: "%02d", (130 - i) % 60))Z,page_view,v\(i),\"https://x.com/\(i)\"\n"
        }
        t.write(["events.csv": events])
        try t.importData()
        let loaded = try t.open().loadDataset().events
        #expect(loaded.map(\.visitorID) == (0..<130).map { "v\($0)" })
        #expect(loaded.last?.url == "https://x.com/129")
        let mode = try DatabaseQueue(path: t.storePath).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }
}
