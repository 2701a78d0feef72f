import Foundation
import Testing
import CampaignKit
import Attribution

/// R15 first touch and R16 last touch, read through `new_contacts_first_touch` and
/// `new_contacts_last_touch` over an open window (every contact is created in it).
@Suite("R15/R16 first and last touch")
struct TouchTests {

    // MARK: R15

    @Test("R15 the first touch is the earliest page view, even one that belongs to no campaign")
    func earliestViewEvenUnmatched() {
        var f = Fixture()
        f.campaign("a")
        f.contact("k", created: "03-10 00:00", visitors: ["v"])
        f.view("03-01 10:00", "https://ex.com/home", visitor: "v")
        f.view("03-02 10:00", "https://ex.com/x?utm_campaign=a", visitor: "v")
        let r = f.report()
        #expect(r.firstTouchByCampaign == [:])
        #expect(r.influencedByCampaign == ["a": 1])
    }

    @Test("R15 page views at the same instant: the earlier row is the first touch")
    func tieByDataOrder() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.contact("k1", visitors: ["v1"]); f.contact("k2", visitors: ["v2"])
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=a", visitor: "v1")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=b", visitor: "v1")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=b", visitor: "v2")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=a", visitor: "v2")
        #expect(f.report().firstTouchByCampaign == ["a": 1, "b": 1])
    }

    @Test("R15 the first touch is taken over all the contact's visitor ids and its own views")
    func overAllVisitorIDs() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b"); f.campaign("c")
        f.contact("k", visitors: ["v1", "v2"])
        f.view("03-05 10:00", "https://ex.com/x?utm_campaign=a", visitor: "v1")
        f.view("03-04 10:00", "https://ex.com/x?utm_campaign=c", contact: "k")
        f.view("03-03 10:00", "https://ex.com/x?utm_campaign=b", visitor: "v2")
        #expect(f.report().firstTouchByCampaign == ["b": 1])
    }

    @Test("R15 only page views are touches: an earlier email open does not count")
    func onlyPageViews() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("em", .email, in: "a")
        f.contact("k", visitors: ["v"])
        f.event(.emailOpen, "03-01 10:00", asset: "em", contact: "k")
        f.view("03-02 10:00", "https://ex.com/x?utm_campaign=b", visitor: "v")
        #expect(f.report().firstTouchByCampaign == ["b": 1])
    }

    @Test("R15 the first touch's campaign is decided by R12, whichever rule")
    func firstTouchByPageOrKeyword() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("lp", .landingPage, in: "a", url: "https://ex.com/lp")
        f.asset("ps", .paidSearch, in: "b", keywords: ["shoes"])
        f.contact("k1", visitors: ["v1"]); f.contact("k2", visitors: ["v2"]); f.contact("k3")
        f.view("03-01 10:00", "https://www.ex.com/lp/", visitor: "v1")
        f.view("03-01 10:00", "https://ex.com/search", visitor: "v2", keyword: "SHOES")
        #expect(f.report().firstTouchByCampaign == ["a": 1, "b": 1])
    }

    // MARK: R16

    /// b has a landing page, c a tracking URL, d a form; fx is a form of no campaign;
    /// contact k browses as visitor v.
    func lastTouchFixture() -> Fixture {
        var f = Fixture()
        f.campaign("a"); f.campaign("b"); f.campaign("c"); f.campaign("d")
        f.asset("lpB", .landingPage, in: "b", url: "https://ex.com/b")
        f.asset("tuC", .trackingURL, in: "c", url: "https://ex.com/c?utm_source=s&utm_medium=m")
        f.asset("fmD", .form, in: "d")
        f.asset("fx", .form)
        f.contact("k", visitors: ["v"])
        return f
    }

    @Test("R16 the utm value on the conversion page decides first")
    func utmOnConversionPage() {
        var f = lastTouchFixture()
        f.view("03-01 10:00", "https://ex.com/b", visitor: "v")
        f.submit("03-01 10:05", form: "fmD", contact: "k", visitor: "v", url: "https://ex.com/contact?utm_campaign=a")
        #expect(f.report().lastTouchByCampaign == ["a": 1])
    }

    @Test("R16 same session: a view of a page asset credits its campaign")
    func sameSessionPage() {
        var f = lastTouchFixture()
        f.view("03-01 10:00", "https://ex.com/b", visitor: "v")
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v", url: "https://ex.com/contact")
        #expect(f.report().lastTouchByCampaign == ["b": 1])
    }

    @Test("R16 same session: a view matching a tracking URL credits its campaign")
    func sameSessionTracking() {
        var f = lastTouchFixture()
        f.view("03-01 10:00", "https://ex.com/b", visitor: "v")
        f.view("03-01 10:03", "https://ex.com/c?utm_medium=m&utm_source=s", visitor: "v")
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v", url: "https://ex.com/contact")
        #expect(f.report().lastTouchByCampaign == ["c": 1])
    }

    @Test("R16 same session: a qualifying form submission is the latest candidate")
    func sameSessionForm() {
        var f = lastTouchFixture()
        f.view("03-01 10:00", "https://ex.com/b", visitor: "v")
        f.submit("03-01 10:05", form: "fmD", contact: "k", visitor: "v", url: "https://ex.com/contact")
        #expect(f.report().lastTouchByCampaign == ["d": 1])
    }

    @Test("R16 the conversion wins a tie in time, in either data order")
    func conversionWinsTie() {
        var f = lastTouchFixture()
        f.contact("k2", visitors: ["v2"])
        // k: the view is the later row at the conversion's instant.
        f.submit("03-01 10:05", form: "fmD", contact: "k", visitor: "v", url: "https://ex.com/contact")
        f.view("03-01 10:05", "https://ex.com/b", visitor: "v")
        // k2: the view is the earlier row.
        f.view("03-01 10:05", "https://ex.com/b", visitor: "v2")
        f.submit("03-01 10:05", form: "fmD", contact: "k2", visitor: "v2", url: "https://ex.com/contact")
        #expect(f.report().lastTouchByCampaign == ["d": 2])
    }

    @Test("R16 otherwise a tie in time goes to the later row")
    func laterRowWinsTie() {
        var f = lastTouchFixture()
        f.contact("k2", visitors: ["v2"])
        f.view("03-01 10:03", "https://ex.com/b", visitor: "v")
        f.view("03-01 10:03", "https://ex.com/c?utm_source=s&utm_medium=m", visitor: "v")
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v")
        f.view("03-01 10:03", "https://ex.com/c?utm_source=s&utm_medium=m", visitor: "v2")
        f.view("03-01 10:03", "https://ex.com/b", visitor: "v2")
        f.submit("03-01 10:05", form: "fx", contact: "k2", visitor: "v2")
        #expect(f.report().lastTouchByCampaign == ["b": 1, "c": 1])
    }

    @Test("R16 a qualifying form submitted at the conversion's instant, in a later row, is a candidate")
    func simultaneousForms() {
        var f = lastTouchFixture()
        f.view("03-01 10:00", "https://ex.com/b", visitor: "v")
        // Two earliest submissions at the same instant: the earlier row (fx) is the conversion.
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v")
        f.submit("03-01 10:05", form: "fmD", contact: "k", visitor: "v")
        #expect(f.report().lastTouchByCampaign == ["d": 1])
    }

    @Test("R16 of two submissions at the same instant the earlier row is the conversion")
    func simultaneousConversionUTM() {
        var f = lastTouchFixture()
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v", url: "https://ex.com/x?utm_campaign=a")
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v", url: "https://ex.com/x?utm_campaign=b")
        #expect(f.report().lastTouchByCampaign == ["a": 1])
    }

    @Test("R16 events after the conversion are ignored")
    func afterConversionIgnored() {
        var f = lastTouchFixture()
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v")
        f.view("03-01 10:05:00.000001", "https://ex.com/b", visitor: "v")
        f.submit("03-01 10:06", form: "fmD", contact: "k", visitor: "v")
        #expect(f.report().lastTouchByCampaign == [:])
    }

    @Test("R16 only the conversion's session counts")
    func otherSessionIgnored() {
        var f = lastTouchFixture()
        f.view("03-01 09:00", "https://ex.com/b", visitor: "v")
        f.submit("03-01 09:30:01", form: "fx", contact: "k", visitor: "v")
        #expect(f.report().lastTouchByCampaign == [:])
    }

    @Test("R16 a given session id ties the conversion to earlier views")
    func givenSession() {
        var f = lastTouchFixture()
        f.view("03-01 09:00", "https://ex.com/b", visitor: "v", session: "s1")
        f.submit("03-01 11:00", form: "fx", contact: "k", visitor: "v", session: "s1")
        #expect(f.report().lastTouchByCampaign == ["b": 1])
    }

    @Test("R16 a page asset's view credits the asset's campaign, whichever rule decided the view")
    func pageAssetWhicheverRule() {
        var f = lastTouchFixture()
        // The view belongs to a by its utm value (R12 rule 1), but it is a view of b's page.
        f.view("03-01 10:00", "https://ex.com/b?utm_campaign=a", visitor: "v")
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v")
        #expect(f.report().lastTouchByCampaign == ["b": 1])
    }

    @Test("R16 a view that belongs to a campaign by its utm value alone is no rule-2 candidate")
    func utmViewNoCandidate() {
        var f = lastTouchFixture()
        f.view("03-01 10:00", "https://ex.com/b", visitor: "v")
        f.view("03-01 10:02", "https://ex.com/other?utm_campaign=a", visitor: "v")
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v")
        #expect(f.report().lastTouchByCampaign == ["b": 1])
    }

    @Test("R16 the conversion is the earliest form submission, even one that matches nothing")
    func earliestSubmission() {
        var f = lastTouchFixture()
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v")
        f.view("03-02 10:00", "https://ex.com/b", visitor: "v")
        f.submit("03-02 10:05", form: "fmD", contact: "k", visitor: "v", url: "https://ex.com/x?utm_campaign=a")
        #expect(f.report().lastTouchByCampaign == [:])
    }

    @Test("R16 no conversion: no last touch")
    func noConversion() {
        var f = lastTouchFixture()
        f.view("03-01 10:00", "https://ex.com/b", visitor: "v")
        let r = f.report()
        #expect(r.lastTouchByCampaign == [:])
        #expect(r.firstTouchByCampaign == ["b": 1])
    }

    @Test("R16 a utm value on the conversion page seen before its attachment falls through to rule 2")
    func tooEarlyUTMOnConversion() {
        var f = lastTouchFixture()
        f.campaign("e", utm: "e", created: "01-01 00:00", utmAttached: "03-10 00:00")
        f.view("03-01 10:00", "https://ex.com/b", visitor: "v")
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v", url: "https://ex.com/x?utm_campaign=e")
        #expect(f.report().lastTouchByCampaign == ["b": 1])
    }

    @Test("R16 a form not yet associated at the conversion, or a hidden page, is no candidate")
    func nonQualifyingCandidates() {
        var f = Fixture()
        f.campaign("d"); f.campaign("h", start: "2024-03-01")
        f.asset("fmD", .form, in: "d", from: "03-10 00:00")
        f.asset("lpH", .landingPage, in: "h", url: "https://ex.com/h", published: "2024-02-01T00:00:00Z")
        f.contact("k", visitors: ["v"])
        f.view("03-01 10:00", "https://ex.com/h", visitor: "v")
        f.submit("03-01 10:05", form: "fmD", contact: "k", visitor: "v")
        #expect(f.report().lastTouchByCampaign == [:])
    }

    @Test("R16 a view fitting assets of two campaigns credits the one R12's rule-2 tie-break picks")
    func twoCampaignsOnePage() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("lpA", .landingPage, in: "a", from: "01-01 00:00", url: "https://ex.com/lp")
        f.asset("lpB", .landingPage, in: "b", from: "02-01 00:00", url: "https://ex.com/lp")
        f.asset("tuA", .trackingURL, in: "a", from: "01-01 00:00", url: "https://ex.com/lp?utm_source=s")
        f.asset("fx", .form)
        f.contact("k1", visitors: ["v1"]); f.contact("k2", visitors: ["v2"])
        // Page only: b's page is the most recently associated.
        f.view("03-01 10:00", "https://ex.com/lp", visitor: "v1")
        f.submit("03-01 10:05", form: "fx", contact: "k1", visitor: "v1")
        // Tracking URL of a beats b's page.
        f.view("03-01 10:00", "https://ex.com/lp?utm_source=s", visitor: "v2")
        f.submit("03-01 10:05", form: "fx", contact: "k2", visitor: "v2")
        #expect(f.report().lastTouchByCampaign == ["a": 1, "b": 1])
    }

    @Test("R16 a cta click in the session is no candidate")
    func ctaNoCandidate() {
        var f = lastTouchFixture()
        f.asset("ctaA", .cta, in: "a")
        f.view("03-01 10:00", "https://ex.com/b", visitor: "v")
        f.event(.ctaClick, "03-01 10:03", asset: "ctaA", contact: "k", visitor: "v")
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v")
        #expect(f.report().lastTouchByCampaign == ["b": 1])
    }

    @Test("R16 the conversion's url is no page view: a form on a page asset's page alone gives none")
    func conversionURLNoView() {
        var f = lastTouchFixture()
        f.submit("03-01 10:05", form: "fx", contact: "k", visitor: "v", url: "https://ex.com/b")
        #expect(f.report().lastTouchByCampaign == [:])
    }

    @Test("R15 a first page view from before the campaign existed belongs to no campaign: no first touch")
    func firstTouchTooEarly() {
        var f = Fixture()
        f.campaign("a", created: "03-05 00:00")
        f.contact("k", visitors: ["v"])
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=a", visitor: "v")
        f.view("03-06 10:00", "https://ex.com/x?utm_campaign=a", visitor: "v")
        let r = f.report()
        #expect(r.firstTouchByCampaign == [:])
        #expect(r.influencedByCampaign == ["a": 1])
    }
}
