import Foundation
import Testing
import CampaignKit
import Attribution

/// R14 campaign metrics, report windows and zones, R17, R5 unlinked values.
@Suite("R14/R17/R5 metrics and windows")
struct MetricsTests {

    // MARK: R14 contacts

    @Test("R14 influenced contacts are counted in the window of their first qualifying interaction")
    func influencedFirstInteraction() {
        var f = Fixture()
        f.campaign("a")
        f.contact("k")
        f.view("01-15 10:00", "https://ex.com/x?utm_campaign=a", contact: "k")
        f.view("02-15 10:00", "https://ex.com/x?utm_campaign=a", contact: "k")
        #expect(f.report(from: "01-01", to: "01-31").influencedByCampaign == ["a": 1])
        let feb = f.report(from: "02-01", to: "02-29")
        #expect(feb.influencedByCampaign == [:])
        #expect(feb.sessionsByCampaign == ["a": 1])
        #expect(f.report().influencedByCampaign == ["a": 1])
    }

    @Test("R14 first qualifying interaction is per campaign")
    func influencedPerCampaign() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.contact("k")
        f.view("01-15 10:00", "https://ex.com/x?utm_campaign=a", contact: "k")
        f.view("02-15 10:00", "https://ex.com/x?utm_campaign=b", contact: "k")
        f.view("02-16 10:00", "https://ex.com/x?utm_campaign=a", contact: "k")
        #expect(f.report(from: "02-01", to: "02-29").influencedByCampaign == ["b": 1])
    }

    @Test("R14 anonymous visitors never count as influenced contacts")
    func anonymousNeverCounts() {
        var f = Fixture()
        f.campaign("a")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=a", visitor: "v")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 1])
        #expect(r.influencedByCampaign == [:])
    }

    @Test("R14 new contacts by first and last touch are counted by created_at in the window")
    func newContactsByCreation() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("fm", .form)
        f.contact("k", created: "02-10 00:00", visitors: ["v"])
        f.view("01-05 10:00", "https://ex.com/x?utm_campaign=a", visitor: "v")
        // The conversion page carries b's value: last touch b (R16 rule 1); the form qualifies for nothing.
        f.submit("02-10 00:00", form: "fm", contact: "k", visitor: "v", url: "https://ex.com/c?utm_campaign=b")
        let jan = f.report(from: "01-01", to: "01-31")
        #expect(jan.influencedByCampaign == ["a": 1])
        #expect(jan.firstTouchByCampaign == [:])
        #expect(jan.lastTouchByCampaign == [:])
        let feb = f.report(from: "02-01", to: "02-29")
        #expect(feb.influencedByCampaign == [:])
        #expect(feb.firstTouchByCampaign == ["a": 1])
        #expect(feb.lastTouchByCampaign == ["b": 1])
    }

    // MARK: R14 deals

    func dealFixture() -> Fixture {
        var f = Fixture()
        f.campaign("a"); f.campaign("b"); f.campaign("c")
        for k in ["k1", "k2", "k3", "k4", "k5"] { f.contact(k) }
        f.view("02-01 10:00", "https://ex.com/x?utm_campaign=a", contact: "k1")
        f.view("02-01 10:00", "https://ex.com/x?utm_campaign=b", contact: "k2")
        f.view("03-11 10:00", "https://ex.com/x?utm_campaign=a", contact: "k3")      // after d3's close
        f.view("03-12 12:00", "https://ex.com/x?utm_campaign=c", contact: "k4")      // exactly at d6's close
        f.view("02-01 10:00", "https://ex.com/x?utm_campaign=a", contact: "k5")
        f.view("02-02 10:00", "https://ex.com/x?utm_campaign=b", contact: "k5")
        // d1: counted for a.
        f.deal("d1", amount: "1000", closed: "03-10 12:00", contacts: [("k1", "03-01 00:00")])
        // d2: its contact was associated after the close.
        f.deal("d2", amount: "200", closed: "03-10 12:00", contacts: [("k2", "03-11 00:00")])
        // d3: its contact was influenced only after the close.
        f.deal("d3", amount: "300", closed: "03-10 12:00", contacts: [("k3", "03-01 00:00")])
        // d4 lost, d5 open: never counted.
        f.deal("d4", amount: "400", stage: .closedLost, closed: "03-10 12:00", contacts: [("k1", "03-01 00:00")])
        f.deal("d5", amount: "500", stage: .open, contacts: [("k1", "03-01 00:00")])
        // d6: associated and influenced exactly at the close: counted for c.
        f.deal("d6", amount: "600", closed: "03-12 12:00", contacts: [("k4", "03-12 12:00")])
        // d7: two contacts; counts once for a (k1 and k5) and once for b (k5).
        f.deal("d7", amount: "700", closed: "03-15 00:00", contacts: [("k1", "03-01 00:00"), ("k5", "03-01 00:00")])
        // d8: closes in April.
        f.deal("d8", amount: "800", closed: "04-05 00:00", contacts: [("k1", "03-01 00:00")])
        return f
    }

    @Test("R14 influenced deals: association and influence at or before the close, closed won, close in the window")
    func influencedDeals() {
        let f = dealFixture()
        let march = f.report(from: "03-01", to: "03-31")
        #expect(march.dealsByCampaign == ["a": 2, "b": 1, "c": 1])
        #expect(march.revenueByCampaign == amounts(["a": "1700", "b": "700", "c": "600"]))
        let april = f.report(from: "04-01", to: "04-30")
        #expect(april.dealsByCampaign == ["a": 1])
        #expect(april.revenueByCampaign == amounts(["a": "800"]))
        let all = f.report()
        #expect(all.dealsByCampaign == ["a": 3, "b": 1, "c": 1])
        #expect(all.revenueByCampaign == amounts(["a": "2500", "b": "700", "c": "600"]))
    }

    @Test("R14 a contact influenced through an asset before the close influences the deal")
    func dealInfluencedThroughAsset() {
        var f = Fixture()
        f.campaign("a")
        f.asset("em", .email, in: "a")
        f.contact("k")
        f.event(.emailOpen, "03-01 10:00", asset: "em", contact: "k")
        f.deal("d", amount: "99.99", closed: "03-05 00:00", contacts: [("k", "03-02 00:00")])
        #expect(f.report().revenueByCampaign == amounts(["a": "99.99"]))
    }

    // MARK: R14 per asset

    @Test("R14 per asset: qualifying events through it and views that fit it, with distinct contacts")
    func perAsset() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("lp", .landingPage, in: "a", url: "https://ex.com/lp")
        f.asset("ps", .paidSearch, in: "a", keywords: ["shoes"])
        f.asset("em", .email, in: "a")
        f.asset("fm", .form, in: "a")
        for k in ["k1", "k2", "k3"] { f.contact(k) }
        f.view("03-01 10:00", "https://ex.com/lp", contact: "k1")                        // lp (rule 2)
        f.view("03-02 10:00", "https://ex.com/lp", contact: "k1")                        // lp
        f.view("03-03 10:00", "https://ex.com/lp?utm_campaign=a", contact: "k2")         // lp (a by utm)
        f.view("03-04 10:00", "https://ex.com/lp", visitor: "anon")                      // lp, no contact
        f.view("03-05 10:00", "https://ex.com/lp?utm_campaign=b", contact: "k3")         // b's: not lp
        f.view("03-06 10:00", "https://ex.com/search", contact: "k1", keyword: "shoes")  // ps (rule 3)
        f.event(.adClick, "03-07 10:00", asset: "ps", contact: "k2")                     // ps
        f.event(.emailOpen, "03-08 10:00", asset: "em", contact: "k1")                   // em
        f.event(.emailClick, "03-08 10:01", asset: "em", contact: "k1")                  // em
        f.submit("03-09 10:00", form: "fm", contact: "k2")                               // fm
        f.view("03-10 10:00", "https://ex.com/lp", contact: "k3", keyword: "shoes")      // lp and ps
        f.view("04-01 10:00", "https://ex.com/lp", contact: "k1")                        // outside the window
        let r = f.report(from: "03-01", to: "03-31")
        let a = r.campaign("a")
        #expect(a?.asset("lp")?.interactions == 5)
        #expect(a?.asset("lp")?.contacts == 3)
        #expect(a?.asset("ps")?.interactions == 3)
        #expect(a?.asset("ps")?.contacts == 3)
        #expect(a?.asset("em")?.interactions == 2)
        #expect(a?.asset("em")?.contacts == 1)
        #expect(a?.asset("fm")?.interactions == 1)
        #expect(a?.asset("fm")?.contacts == 1)
        #expect(a?.sessions == 6)
        #expect(r.sessionsByCampaign == ["a": 6, "b": 1])
        #expect(r.influencedByCampaign == ["a": 3, "b": 1])
    }

    @Test("R14 the report lists the assets associated now, sorted by id")
    func assetsAssociatedNow() {
        var f = Fixture()
        f.asOf = at("06-01 00:00")
        f.campaign("a")
        f.asset("z", .landingPage, in: "a", url: "https://ex.com/z")
        f.asset("m", .landingPage, in: "a", until: "05-01 00:00", url: "https://ex.com/m")
        f.asset("B", .landingPage, in: "a", from: "07-01 00:00", url: "https://ex.com/b")
        f.asset("A", .landingPage, in: "a", url: "https://ex.com/a")
        #expect(f.report().campaign("a")?.assets.map(\.id) == ["A", "z"])
    }

    // MARK: windows and zones

    @Test("R14 window in Europe/Amsterdam: an event at 23:30Z falls on the next local day")
    func amsterdamWindow() {
        var f = Fixture()
        f.campaign("a")
        f.contact("k", created: "2024-03-04T23:30:00Z", visitors: ["v"])
        f.view("2024-03-04T23:30:00Z", "https://ex.com/x?utm_campaign=a", visitor: "v")
        f.deal("d", amount: "100", closed: "2024-03-04T23:30:00Z", contacts: [("k", "2024-03-04T23:30:00Z")])

        let localFifth = f.report(from: "03-05", to: "03-05", zone: amsterdam)
        #expect(localFifth.sessionsByCampaign == ["a": 1])
        #expect(localFifth.influencedByCampaign == ["a": 1])
        #expect(localFifth.firstTouchByCampaign == ["a": 1])
        #expect(localFifth.dealsByCampaign == ["a": 1])
        #expect(localFifth.attribution.attributedRevenue == 100)
        #expect(localFifth.campaign("a")?.sessionsByDay == [DayCount(day: date("03-05"), count: 1)])

        let localFourth = f.report(from: "03-04", to: "03-04", zone: amsterdam)
        #expect(localFourth.sessionsByCampaign == [:])
        #expect(localFourth.influencedByCampaign == [:])
        #expect(localFourth.firstTouchByCampaign == [:])
        #expect(localFourth.dealsByCampaign == [:])
        #expect(localFourth.attribution.attributedRevenue == 0)

        #expect(f.report(from: "03-04", to: "03-04", zone: utc).sessionsByCampaign == ["a": 1])
        #expect(f.report(from: "03-05", to: "03-05", zone: utc).sessionsByCampaign == [:])
    }

    @Test("R14 window in Europe/Amsterdam in summer time: local midnight is 22:00Z")
    func amsterdamSummer() {
        var f = Fixture()
        f.campaign("a")
        f.view("2024-07-04T21:59:59Z", "https://ex.com/x?utm_campaign=a", visitor: "v1")   // Jul 4 23:59:59 local
        f.view("2024-07-04T22:00:00Z", "https://ex.com/x?utm_campaign=a", visitor: "v2")   // Jul 5 00:00 local
        f.view("2024-07-05T21:59:59Z", "https://ex.com/x?utm_campaign=a", visitor: "v3")   // Jul 5 23:59:59 local
        f.view("2024-07-05T22:00:00Z", "https://ex.com/x?utm_campaign=a", visitor: "v4")   // Jul 6 local
        #expect(f.report(from: "07-04", to: "07-04", zone: amsterdam).sessionsByCampaign == ["a": 1])
        #expect(f.report(from: "07-05", to: "07-05", zone: amsterdam).sessionsByCampaign == ["a": 2])
        #expect(f.report(from: "07-06", to: "07-06", zone: amsterdam).sessionsByCampaign == ["a": 1])
        #expect(f.report(from: "07-04", to: "07-04", zone: utc).sessionsByCampaign == ["a": 2])
        #expect(f.report(from: "07-05", to: "07-05", zone: utc).sessionsByCampaign == ["a": 2])
    }

    @Test("R14 open window ends")
    func openEnds() {
        var f = Fixture()
        f.campaign("a")
        for (i, d) in ["2024-01-01T00:00:00Z", "2024-03-04T23:59:59Z", "2024-03-05T00:00:00Z", "2029-12-31T12:00:00Z"].enumerated() {
            f.view(d, "https://ex.com/x?utm_campaign=a", visitor: "v\(i)")
        }
        #expect(f.report(to: "03-04").sessionsByCampaign == ["a": 2])
        #expect(f.report(from: "03-05").sessionsByCampaign == ["a": 2])
        #expect(f.report().sessionsByCampaign == ["a": 4])
        #expect(f.report(from: "03-05", to: "03-05").sessionsByCampaign == ["a": 1])
    }

    @Test("R14 window days are local days even where a DST change skips local midnight (America/Sao_Paulo 2018-11-04)")
    func midnightSkippingZone() {
        // On 2018-11-04 São Paulo went from 00:00 -03 straight to 01:00 -02 (at 03:00Z):
        // the local day Nov 4 starts at 03:00Z; 02:30Z is still Nov 3, 23:30 local.
        let saoPaulo = TimeZone(identifier: "America/Sao_Paulo")!
        var f = Fixture()
        f.campaign("a", created: "2018-01-01T00:00:00Z")
        f.view("2018-11-04T02:30:00Z", "https://ex.com/x?utm_campaign=a", visitor: "v1")
        f.view("2018-11-04T03:00:00Z", "https://ex.com/x?utm_campaign=a", visitor: "v2")
        #expect(f.report(from: "2018-11-03", to: "2018-11-03", zone: saoPaulo).sessionsByCampaign == ["a": 1])
        #expect(f.report(from: "2018-11-04", to: "2018-11-04", zone: saoPaulo).sessionsByCampaign == ["a": 1])
    }

    @Test("R14 a local day a zone skipped holds nothing; the day before keeps its events (Pacific/Apia 2011-12-30)")
    func skippedDayZone() {
        // Samoa jumped from Dec 29 23:59:59 -10 to Dec 31 00:00 +14 at 2011-12-30T10:00Z:
        // local Dec 29 is [Dec 29 10:00Z, Dec 30 10:00Z) and local Dec 30 never happened.
        let apia = TimeZone(identifier: "Pacific/Apia")!
        var f = Fixture()
        f.campaign("a", created: "2011-01-01T00:00:00Z")
        f.view("2011-12-30T05:00:00Z", "https://ex.com/x?utm_campaign=a", visitor: "v1")   // Dec 29, 19:00 local
        f.view("2011-12-30T10:00:00Z", "https://ex.com/x?utm_campaign=a", visitor: "v2")   // Dec 31, 00:00 local
        #expect(f.report(from: "2011-12-29", to: "2011-12-29", zone: apia).sessionsByCampaign == ["a": 1])
        #expect(f.report(from: "2011-12-30", to: "2011-12-30", zone: apia).sessionsByCampaign == [:])
        #expect(f.report(from: "2011-12-31", to: "2011-12-31", zone: apia).sessionsByCampaign == ["a": 1])
    }

    @Test("R14 the 23-hour day of the spring DST change in Europe/Amsterdam")
    func amsterdamShortDay() {
        var f = Fixture()
        f.campaign("a")
        f.view("2024-03-30T22:59:59Z", "https://ex.com/x?utm_campaign=a", visitor: "v1")   // Mar 30, 23:59:59 CET
        f.view("2024-03-30T23:00:00Z", "https://ex.com/x?utm_campaign=a", visitor: "v2")   // Mar 31, 00:00 CET
        f.view("2024-03-31T21:59:59Z", "https://ex.com/x?utm_campaign=a", visitor: "v3")   // Mar 31, 23:59:59 CEST
        f.view("2024-03-31T22:00:00Z", "https://ex.com/x?utm_campaign=a", visitor: "v4")   // Apr 1, 00:00 CEST
        #expect(f.report(from: "03-31", to: "03-31", zone: amsterdam).sessionsByCampaign == ["a": 2])
        #expect(f.report(from: "03-30", to: "03-30", zone: amsterdam).sessionsByCampaign == ["a": 1])
        #expect(f.report(from: "04-01", to: "04-01", zone: amsterdam).sessionsByCampaign == ["a": 1])
    }

    @Test("R14 a deal contact associated twice, once after and once before the close, counts")
    func dealContactTwice() {
        var f = Fixture()
        f.campaign("a")
        f.contact("k")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=a", contact: "k")
        f.deal("d", amount: "10", closed: "03-10 00:00", contacts: [("k", "03-11 00:00"), ("k", "03-09 00:00")])
        #expect(f.report().dealsByCampaign == ["a": 1])
    }

    // MARK: R17

    @Test("R17 campaigns created before 2017-09-01T00:00:00Z are out of the analytics view")
    func analyticsCutoff() {
        var f = Fixture()
        f.campaign("old", created: "2017-08-31T23:59:59.999999Z")
        f.campaign("edge", created: "2017-09-01T00:00:00Z")
        f.campaign("offset", created: "2017-09-01T01:00:00+02:00")   // 2017-08-31T23:00:00Z
        f.campaign("new", created: "2024-01-01T00:00:00Z")
        let r = f.report()
        #expect(r.campaign("old")?.inAnalytics == false)
        #expect(r.campaign("edge")?.inAnalytics == true)
        #expect(r.campaign("offset")?.inAnalytics == false)
        #expect(r.campaign("new")?.inAnalytics == true)
        // Still reported, sorted by id.
        #expect(r.campaigns.map(\.id) == ["edge", "new", "offset", "old"])
    }

    // MARK: R5

    func unlinkedFixture() -> Fixture {
        var f = Fixture()
        f.campaign("a", utm: "spring-launch")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=Sprng-Launch", visitor: "v1")
        f.view("03-01 10:10", "https://ex.com/y?utm_campaign=sprng-launch", visitor: "v1")     // same session
        f.view("03-02 10:00", "https://ex.com/x?utm_campaign=%20SPRNG-LAUNCH%20", visitor: "v2")
        f.view("03-03 10:00", "https://ex.com/x?utm_campaign=Sprng%2DLaunch", visitor: "v3")
        f.view("03-04 10:00", "https://ex.com/x?utm_campaign=other+thing", visitor: "v4")
        f.view("03-04 10:00", "https://ex.com/x?utm_campaign=Spring-Launch", visitor: "v5")    // a's own value
        return f
    }

    @Test("R5 unlinked values are grouped by key with their sorted spellings, page views and sessions")
    func unlinkedGrouping() {
        let r = unlinkedFixture().report()
        #expect(r.unlinkedUtm.map(\.key) == ["other thing", "sprng-launch"])
        let sprng = r.unlinked("sprng-launch")
        #expect(sprng?.spellings == ["SPRNG-LAUNCH", "Sprng-Launch", "sprng-launch"])
        #expect(sprng?.pageViews == 4)
        #expect(sprng?.sessions == 3)
        let other = r.unlinked("other thing")
        #expect(other?.spellings == ["other thing"])
        #expect(other?.pageViews == 1)
        #expect(other?.sessions == 1)
        #expect(r.sessionsByCampaign == ["a": 1])
    }

    @Test("R5 unlinked values count the page views in the window")
    func unlinkedInWindow() {
        let r = unlinkedFixture().report(from: "03-02", to: "03-03")
        #expect(r.unlinkedUtm.map(\.key) == ["sprng-launch"])
        #expect(r.unlinked("sprng-launch")?.spellings == ["SPRNG-LAUNCH", "Sprng-Launch"])
        #expect(r.unlinked("sprng-launch")?.pageViews == 2)
        #expect(r.unlinked("sprng-launch")?.sessions == 2)
    }

    @Test("R5 a view with an unlinked value can still belong to a campaign through its page")
    func unlinkedButPage() {
        var f = Fixture()
        f.campaign("a")
        f.asset("lp", .landingPage, in: "a", url: "https://ex.com/lp")
        f.view("03-01 10:00", "https://ex.com/lp?utm_campaign=zzz", visitor: "v1")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 1])
        #expect(r.unlinked("zzz")?.pageViews == 1)
    }

    @Test("R5 a campaign's own value seen before it was attached is too early, not unlinked")
    func tooEarlyNotUnlinked() {
        var f = Fixture()
        f.campaign("a", utm: "a-val", created: "03-01 00:00")
        f.campaign("b", utm: "b-new", created: "01-01 00:00", utmAttached: "04-01 00:00", aliases: [("b-old", "01-01 00:00")])
        f.view("02-01 10:00", "https://ex.com/x?utm_campaign=A-Val", visitor: "v1")
        f.view("02-01 10:00", "https://ex.com/x?utm_campaign=b-new", visitor: "v2")
        let r = f.report()
        #expect(r.unlinkedUtm.isEmpty)
        #expect(r.sessionsByCampaign == [:])
    }

    @Test("R5 an unlinked value is suggested the campaign whose value it misspells")
    func suggestion() {
        var f = Fixture()
        f.campaign("a", utm: "spring-launch")
        f.campaign("b", utm: "winter-sale", aliases: [("black-friday", "2023-11-01T00:00:00Z")])
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=sprng-launch", visitor: "v1")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=Wintre-Sale", visitor: "v2")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=black_friday", visitor: "v3")
        let r = f.report()
        #expect(r.unlinked("sprng-launch")?.suggestedCampaignID == "a")
        #expect(r.unlinked("wintre-sale")?.suggestedCampaignID == "b")
        #expect(r.unlinked("black_friday")?.suggestedCampaignID == "b")
    }
}
