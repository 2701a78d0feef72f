import CampaignKit
import Foundation
import Testing
@testable import CampaignStore

/// SPEC §7: one bad folder per defect, imported on top of a store holding
/// `TestData.base`. Each must be refused with its file:line:column and leave
/// the store's bytes exactly as they were.
struct BadInputTests {
    private func refused(_ files: [String: String], at location: String, saying fragment: String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let before = try #require(t.storeBytes())
        t.write(files)
        do {
            try t.importData()
            Issue.record("the import was not refused", sourceLocation: sourceLocation)
        } catch let error as DataFileError {
            #expect(error.location == location, sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
        #expect(t.storeBytes() == before, "the store changed", sourceLocation: sourceLocation)
    }

    private let campaignsHeader = "id,name,created_at,color,utm_campaign\n"
    private let eventsHeader = "time,type,visitor_id,contact_id,url,asset_id\n"

    @Test("§7 malformed instant")
    func malformedInstant() throws {
        try refused(["campaigns.csv": campaignsHeader + "c8,Fine,2024-01-01T00:00:00Z,,\nc9,New,2024-13-01T00:00:00Z,,\n"],
                    at: "campaigns.csv:3:3 (created_at)", saying: "malformed instant \"2024-13-01T00:00:00Z\"")
    }

    @Test("§7 unknown asset type")
    func unknownAssetType() throws {
        try refused(["assets.csv": "id,type,name\na9,video,Clip\n"],
                    at: "assets.csv:2:2 (type)", saying: "unknown asset type \"video\"; expected blog_post, cta,")
    }

    @Test("§7 an event naming an unknown asset")
    func unknownAsset() throws {
        try refused(["events.csv": eventsHeader + "2024-02-01T00:00:00Z,cta_click,v1,,,a99\n"],
                    at: "events.csv:2:6 (asset_id)", saying: "unknown asset \"a99\"")
    }

    @Test("§7 an event naming an unknown contact")
    func unknownContact() throws {
        try refused(["events.csv": eventsHeader + "2024-02-01T00:00:00Z,email_open,,k99,,a5\n"],
                    at: "events.csv:2:4 (contact_id)", saying: "unknown contact \"k99\"")
    }

    @Test("§7 an event whose asset has the wrong type for it")
    func wrongAssetType() throws {
        try refused(["events.csv": eventsHeader + "2024-02-01T00:00:00Z,form_submission,,k1,,a5\n"],
                    at: "events.csv:2:6 (asset_id)", saying: "asset \"a5\" is an email; a form_submission names a form")
    }

    @Test("§1 an event missing a field its type needs")
    func eventNeeds() throws {
        try refused(["events.csv": eventsHeader + "2024-02-01T00:00:00Z,page_view,,,https://example.com/,\n"],
                    at: "events.csv:2:3 (visitor_id)", saying: "a page_view needs a visitor_id or a contact_id")
        try refused(["events.csv": eventsHeader + "2024-02-01T00:00:00Z,workflow_enrollment,v1,,,a4\n"],
                    at: "events.csv:2:4 (contact_id)", saying: "a value is required")
    }

    @Test("§7 negative amount")
    func negativeAmount() throws {
        try refused(["deals.csv": "id,name,amount,stage,created_at\nd9,,-5,open,2024-01-01T00:00:00Z\n"],
                    at: "deals.csv:2:3 (amount)", saying: "negative amount -5")
    }

    @Test("§7 malformed amount")
    func malformedAmount() throws {
        try refused(["deals.csv": "id,name,amount,stage,created_at\nd9,,\"1,200\",open,2024-01-01T00:00:00Z\n"],
                    at: "deals.csv:2:3 (amount)", saying: "malformed amount \"1,200\"")
    }

    @Test("#12.9 §7 an amount of 10^15 or more is refused: a deal's amount and a campaign's budget")
    func amountTooLarge() throws {
        try refused(["deals.csv": "id,name,amount,stage,created_at\nd8,,999999999999999.99,open,2024-01-01T00:00:00Z\nd9,,1000000000000000,open,2024-01-01T00:00:00Z\n"],
                    at: "deals.csv:3:3 (amount)", saying: "amount 1000000000000000 is too large")
        try refused(["campaigns.csv": "id,name,created_at,budget\nc9,Autumn,2024-01-01T00:00:00Z,123456789012345678901234567890\n"],
                    at: "campaigns.csv:2:4 (budget)", saying: "too large")
    }

    @Test("§7 unknown stage names the ones expected")
    func unknownStage() throws {
        try refused(["deals.csv": "id,name,amount,stage,created_at\nd9,,5,won,2024-01-01T00:00:00Z\n"],
                    at: "deals.csv:2:4 (stage)", saying: "unknown stage \"won\"; expected open, closed_won or closed_lost")
    }

    @Test("§7 closed deal without close date")
    func closedWithoutDate() throws {
        try refused(["deals.csv": "id,amount,stage,created_at,close_date\nd9,5,closed_lost,2024-01-01T00:00:00Z,\n"],
                    at: "deals.csv:2:5 (close_date)", saying: "a closed_lost deal needs a close_date")
    }

    @Test("R7 dissociated_at not after associated_at")
    func dissociatedNotAfter() throws {
        try refused(["associations.csv": "asset_id,campaign_id,associated_at,dissociated_at\na5,c1,2024-02-01T00:00:00Z,2024-02-01T00:00:00Z\n"],
                    at: "associations.csv:2:4 (dissociated_at)", saying: "is not after associated_at")
    }

    @Test("R7 overlapping associations in one file name the asset and both lines")
    func overlapInFile() throws {
        try refused(["associations.csv": """
            asset_id,campaign_id,associated_at,dissociated_at
            a5,c1,2024-01-01T00:00:00Z,2024-03-01T00:00:00Z
            a2,c1,2024-01-01T00:00:00Z,
            a5,c2,2024-02-01T00:00:00Z,

            """], at: "associations.csv:4:3 (associated_at)", saying: "asset \"a5\" would be in two campaigns at once")
        try refused(["associations.csv": """
            asset_id,campaign_id,associated_at,dissociated_at
            a5,c1,2024-01-01T00:00:00Z,2024-03-01T00:00:00Z
            a5,c2,2024-02-01T00:00:00Z,

            """], at: "associations.csv:3:3 (associated_at)", saying: "overlaps line 2's")
    }

    @Test("R7 an interval overlapping a stored one is refused; a workflow's with another campaign is not")
    func overlapWithStore() throws {
        try refused(["associations.csv": "asset_id,campaign_id,associated_at\na1,c3,2024-05-01T00:00:00Z\n"],
                    at: "associations.csv:2:3 (associated_at)", saying: "overlaps its stored")
        try refused(["associations.csv": "asset_id,campaign_id,associated_at\na4,c3,2024-05-01T00:00:00Z\na4,c1,2024-05-01T00:00:00Z\n"],
                    at: "associations.csv:3:3 (associated_at)", saying: "workflow \"a4\" would be in campaign c1 twice at once")
    }

    @Test("R4 one utm key given to two campaigns, against the store")
    func utmKeyTwiceStore() throws {
        try refused(["campaigns.csv": campaignsHeader + "c9,Autumn,2024-01-01T00:00:00Z,,Summer-24\n"],
                    at: "campaigns.csv:2:5 (utm_campaign)", saying: "already belongs to campaign c2 in the store")
    }

    @Test("R4 one utm key given to two campaigns names the second in reading order")
    func utmKeyTwiceFolder() throws {
        try refused(["campaigns.csv": campaignsHeader + "c9,Autumn,2024-01-01T00:00:00Z,,fall\n",
                     "utm_aliases.csv": "campaign_id,utm_campaign,attached_at\nc1,FALL,2024-01-01T00:00:00Z\n"],
                    at: "utm_aliases.csv:2:2 (utm_campaign)", saying: "already belongs to campaign c9 on campaigns.csv line 2")
    }

    @Test("R11 a visitor id claimed by two contacts names both")
    func visitorTwice() throws {
        try refused(["contacts.csv": "id,created_at,visitor_ids\nk9,2024-01-01T00:00:00Z,v7; v1\n"],
                    at: "contacts.csv:2:3 (visitor_ids)", saying: "visitor id \"v1\" is claimed by two contacts: k1 in the store and k9")
        try refused(["events.csv": eventsHeader + "2024-02-01T00:00:00Z,page_view,v3,k1,https://example.com/,\n"],
                    at: "events.csv:2:3 (visitor_id)", saying: "claimed by two contacts: k2 in the store and k1")
        try refused(["events.csv": eventsHeader + "2024-02-01T00:00:00Z,page_view,v8,k1,https://example.com/,\n"
                        + "2024-02-01T00:00:00Z,page_view,v8,k2,https://example.com/,\n"],
                    at: "events.csv:3:3 (visitor_id)", saying: "k1 on events.csv line 2 and k2")
    }

    @Test("§7 duplicate id, in the folder and against the store")
    func duplicateID() throws {
        try refused(["assets.csv": "id,type,name\na1,cta,Again\n"], at: "assets.csv:2:1 (id)",
                    saying: "duplicate asset id \"a1\"; it is already in the store")
        try refused(["contacts.csv": "id,created_at\nk8,2024-01-01T00:00:00Z\nk8,2024-01-01T00:00:00Z\n"],
                    at: "contacts.csv:3:1 (id)", saying: "it is already on contacts.csv line 2")
    }

    @Test("§8 import adds to the store: an id the store holds is a duplicate id, in every file")
    func duplicateOfStored() throws {
        try refused(["campaigns.csv": campaignsHeader + "c2,Autumn,2024-01-01T00:00:00Z,,\n"],
                    at: "campaigns.csv:2:1 (id)", saying: "duplicate campaign id \"c2\"; it is already in the store")
        try refused(["contacts.csv": "id,created_at\nk2,2024-01-01T00:00:00Z\n"],
                    at: "contacts.csv:2:1 (id)", saying: "duplicate contact id \"k2\"; it is already in the store")
        try refused(["deals.csv": "id,amount,stage,created_at\nd1,5,open,2024-01-01T00:00:00Z\n"],
                    at: "deals.csv:2:1 (id)", saying: "duplicate deal id \"d1\"; it is already in the store")
        try refused(["deal_contacts.csv": "deal_id,contact_id,associated_at\nd1,k1,2024-02-02T00:00:00Z\n"],
                    at: "deal_contacts.csv:2:2 (contact_id)", saying: "duplicate link of deal d1 with contact k1; it is already in the store")
        try refused(["salesforce_rules.csv": "asset_id,salesforce_campaign_id\na2,sf2\n"],
                    at: "salesforce_rules.csv:2:2 (salesforce_campaign_id)", saying: "it is already in the store")
        try refused(["utm_aliases.csv": "campaign_id,utm_campaign,attached_at\nc2,Summer-Promo,2024-03-01T00:00:00Z\n"],
                    at: "utm_aliases.csv:2:2 (utm_campaign)", saying: "campaign c2 already has the utm value \"Summer-Promo\" (key \"summer-promo\") in the store")
    }

    @Test("§7 malformed colour")
    func malformedColour() throws {
        try refused(["campaigns.csv": campaignsHeader + "c9,Autumn,2024-01-01T00:00:00Z,#12345,\n"],
                    at: "campaigns.csv:2:4 (color)", saying: "malformed colour \"#12345\"")
    }

    @Test("§7 a missing required column is named")
    func missingColumn() throws {
        try refused(["events.csv": "time,visitor_id,url\n2024-02-01T00:00:00Z,v1,https://example.com/\n"],
                    at: "events.csv:1", saying: "missing required column \"type\"")
    }

    @Test("R1 a name clash names the campaign holding the name")
    func nameClash() throws {
        try refused(["campaigns.csv": campaignsHeader + "c9, SPRING LAUNCH ,2024-01-01T00:00:00Z,,\n"],
                    at: "campaigns.csv:2:2 (name)", saying: "the name \"SPRING LAUNCH\" is taken by campaign c1 (\"Spring Launch\")")
        try refused(["campaigns.csv": campaignsHeader + "c9,\(String(repeating: "x", count: 257)),2024-01-01T00:00:00Z,,\n"],
                    at: "campaigns.csv:2:2 (name)", saying: "at most 256 characters")
    }

    @Test("§7 a refused import into no store creates no file")
    func noFileCreated() throws {
        let t = TestFolder()
        var files = TestData.base
        files["events.csv"] = eventsHeader + "2024-02-01T00:00:00Z,email_open,,k1,,a1\n"
        t.write(files)
        #expect(throws: DataFileError.self) { try t.importData() }
        #expect(!FileManager.default.fileExists(atPath: t.storePath))
        #expect(!FileManager.default.fileExists(atPath: t.storePath + "-wal"))
    }

    @Test("§7 a refused import into an empty file leaves it empty")
    func emptyFileStaysEmpty() throws {
        let t = TestFolder()
        _ = FileManager.default.createFile(atPath: t.storePath, contents: Data())
        t.write(["deals.csv": "id,amount,stage,created_at\nd9,-1,open,2024-01-01T00:00:00Z\n"])
        #expect(throws: DataFileError.self) { try t.importData() }
        #expect(t.storeBytes() == Data())
        t.write(TestData.base)
        try t.importData()
        #expect(try t.open().loadDataset().campaigns.count == 3)
    }
}
