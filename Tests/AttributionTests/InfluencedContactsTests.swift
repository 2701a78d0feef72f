import Foundation
import Testing
import CampaignKit
import Attribution

/// The contacts behind `influenced_contacts`, as the dashboard's contacts list shows them.
struct InfluencedContactsTests {
    /// Campaigns a and b; k1 is influenced by a in March through a tagged view, k2 by a in
    /// February (outside the window), k3 only by b, and an anonymous visitor by a.
    func fixture() -> Fixture {
        var f = Fixture()
        f.campaign("a", created: "2023-01-01T00:00:00Z")
        f.campaign("b", created: "2023-01-01T00:00:00Z")
        f.asset("form-b", .form, in: "b")
        f.contact("k1", created: "03-01 00:00", visitors: ["v1"])
        f.contact("k2", created: "02-01 00:00")
        f.contact("k3", created: "03-01 00:00")
        f.dataset.contacts[0].salesforceCampaignIDs = ["701X"]
        f.view("03-02 10:00", "https://ex.com/p?utm_campaign=a", visitor: "v1")
        f.submit("03-02 10:05", form: "form-b", contact: "k1", visitor: "v1")
        f.view("02-03 10:00", "https://ex.com/p?utm_campaign=a", contact: "k2")
        f.view("03-04 10:00", "https://ex.com/p?utm_campaign=a", contact: "k2")
        f.view("03-05 10:00", "https://ex.com/p?utm_campaign=b", contact: "k3")
        f.view("03-06 10:00", "https://ex.com/p?utm_campaign=a", visitor: "anon")
        return f
    }

    @Test("R14 the influenced contacts of a campaign are those first influenced in the window, with R15/R16 touches")
    func listed() throws {
        let window = ReportWindow(from: date("03-01"), to: date("03-31"), zone: utc)
        let list = try #require(fixture().analysis().influencedContacts(campaign: "a", window: window))
        // k2's first interaction with a is in February: not in March's list. The anonymous visitor never counts.
        #expect(list.map(\.contactID) == ["k1"])
        #expect(list[0].firstInfluenced == at("03-02 10:00"))
        // k1's earliest page view carries a's value (R15); its conversion's session ends with b's form (R16 rule 2).
        #expect(list[0].firstTouchCampaignID == "a")
        #expect(list[0].lastTouchCampaignID == "b")
        #expect(fixture().report(from: "03-01", to: "03-31").campaign("a")?.influencedContacts == list.count)
    }

    @Test("R20 a segment keeps only its members in the list")
    func segment() throws {
        let all = ReportWindow(zone: utc)
        let analysis = fixture().analysis()
        #expect(analysis.influencedContacts(campaign: "a", window: all)?.map(\.contactID) == ["k2", "k1"])
        #expect(analysis.influencedContacts(campaign: "a", window: all, segment: "701X")?.map(\.contactID) == ["k1"])
        #expect(analysis.influencedContacts(campaign: "nope", window: all) == nil)
    }
}
