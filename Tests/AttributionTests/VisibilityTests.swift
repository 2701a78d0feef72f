import Foundation
import Testing
import CampaignKit
import Attribution

/// R9: hidden assets, their reasons, and that they contribute nothing.
@Suite("R9 visibility")
struct VisibilityTests {

    @Test("R9 an unpublished social post is hidden and its clicks do not qualify")
    func unpublishedSocialPost() {
        var f = Fixture()
        f.campaign("a")
        f.asset("sp", .socialPost, in: "a")
        f.contact("k")
        f.event(.socialClick, "03-01 10:00", asset: "sp", contact: "k")
        let r = f.report()
        #expect(r.influencedByCampaign == [:])
        let sp = r.campaign("a")?.asset("sp")
        #expect(sp?.hiddenReason == .unpublished)
        #expect(sp?.visible == false)
        #expect(sp?.interactions == 0)
        #expect(sp?.contacts == 0)
    }

    @Test("R9 R13 an event naming a tracking URL or paid_search asset by another type qualifies only once the asset was visited")
    func unvisitedAssetNamedByOtherEvents() {
        var f = Fixture()
        f.campaign("a")
        f.asset("t", .trackingURL, in: "a", url: "https://ex.com/lp?utm_source=mail")
        f.asset("p", .paidSearch, in: "a", keywords: ["shoes"])
        f.contact("k1"); f.contact("k2"); f.contact("k3")
        // Data an import would refuse (R13's event types name other assets), kept by the engine all the same.
        f.event(.emailOpen, "03-01 10:00", asset: "t", contact: "k1")
        f.event(.ctaClick, "03-01 11:00", asset: "p", contact: "k2")
        let unvisited = f.report()
        #expect(unvisited.influencedByCampaign == [:])
        #expect(unvisited.campaign("a")?.asset("t")?.hiddenReason == .notVisited)
        #expect(unvisited.campaign("a")?.asset("p")?.hiddenReason == .notVisited)

        f.view("03-02 09:00", "https://ex.com/lp?utm_source=mail", contact: "k3")
        f.view("03-02 09:30", "https://ex.com/x", contact: "k3", keyword: "Shoes")
        let visited = f.report()
        #expect(visited.influencedByCampaign == ["a": 3])
        #expect(visited.campaign("a")?.asset("t")?.interactions == 2)
        #expect(visited.campaign("a")?.asset("p")?.interactions == 2)
    }

    @Test("R9 a social post scheduled after the clock is unpublished; one published at the clock is not")
    func scheduledSocialPost() {
        var f = Fixture()
        f.asOf = at("2024-06-01T00:00:00Z")
        f.campaign("a")
        f.asset("sp1", .socialPost, in: "a", published: "2024-06-01T00:00:00.000001Z")
        f.asset("sp2", .socialPost, in: "a", published: "2024-06-01T00:00:00Z")
        f.contact("k1"); f.contact("k2")
        f.event(.socialClick, "05-01 10:00", asset: "sp1", contact: "k1")
        f.event(.socialClick, "05-01 10:00", asset: "sp2", contact: "k2")
        let r = f.report()
        #expect(r.campaign("a")?.asset("sp1")?.hiddenReason == .unpublished)
        #expect(r.campaign("a")?.asset("sp2")?.hiddenReason == nil)
        #expect(r.campaign("a")?.asset("sp2")?.interactions == 1)
        #expect(r.influencedByCampaign == ["a": 1])
    }

    @Test("R9 a click on a social post before it was published counts once it is published")
    func clickBeforePublishing() {
        var f = Fixture()
        f.campaign("a")
        f.asset("sp", .socialPost, in: "a", published: "03-10 00:00")
        f.contact("k")
        f.event(.socialClick, "03-05 10:00", asset: "sp", contact: "k")
        let published = f.report()
        #expect(published.influencedByCampaign == ["a": 1])
        #expect(published.campaign("a")?.asset("sp")?.interactions == 1)
        #expect(published.campaign("a")?.asset("sp")?.contacts == 1)

        f.asOf = at("03-07 00:00")
        let scheduled = f.report()
        #expect(scheduled.influencedByCampaign == [:])
        #expect(scheduled.campaign("a")?.asset("sp")?.hiddenReason == .unpublished)
    }

    @Test("R9 a never-visited tracking URL or paid search is hidden as not_visited")
    func neverVisited() {
        var f = Fixture()
        f.campaign("a")
        f.asset("tu", .trackingURL, in: "a", url: "https://ex.com/p?utm_source=s&utm_medium=m")
        f.asset("ps", .paidSearch, in: "a", keywords: ["hats"])
        f.asset("lp", .landingPage, in: "a", url: "https://ex.com/lp")
        // Visits that do not match them: another page, another keyword.
        f.view("03-01 10:00", "https://ex.com/p?utm_source=s", visitor: "v1", keyword: "caps")
        let a = f.report().campaign("a")
        #expect(a?.asset("tu")?.hiddenReason == .notVisited)
        #expect(a?.asset("ps")?.hiddenReason == .notVisited)
        // A page asset is not subject to rule 2.
        #expect(a?.asset("lp")?.hiddenReason == nil)
    }

    @Test("R9 a tracking URL visited only before the campaign's creation stays hidden")
    func visitedBeforeCreation() {
        var f = Fixture()
        f.campaign("a", utm: "alpha", created: "03-01 00:00")
        f.asset("tu", .trackingURL, in: "a", from: "02-01 00:00", url: "https://ex.com/p?utm_source=s&utm_medium=m")
        f.view("02-15 10:00", "https://ex.com/p?utm_source=s&utm_medium=m", visitor: "v1")
        let r = f.report()
        #expect(r.campaign("a")?.asset("tu")?.hiddenReason == .notVisited)
        #expect(r.sessionsByCampaign == [:])
    }

    @Test("R9 a tracking URL visited only before its association stays hidden")
    func visitedBeforeAssociation() {
        var f = Fixture()
        f.campaign("a")
        f.asset("tu", .trackingURL, in: "a", from: "03-10 00:00", url: "https://ex.com/p?utm_source=s&utm_medium=m")
        f.view("03-05 10:00", "https://ex.com/p?utm_source=s&utm_medium=m", visitor: "v1")
        #expect(f.report().campaign("a")?.asset("tu")?.hiddenReason == .notVisited)
    }

    @Test("R9 visits judged on all the data: a tracking URL visited outside the window is visible in it")
    func visitedOutsideWindow() {
        var f = Fixture()
        f.campaign("a")
        f.asset("tu", .trackingURL, in: "a", url: "https://ex.com/p?utm_source=s&utm_medium=m")
        f.view("03-05 10:00", "https://ex.com/p?utm_source=s&utm_medium=m", visitor: "v1")
        let april = f.report(from: "04-01", to: "04-30")
        #expect(april.campaign("a")?.asset("tu")?.hiddenReason == nil)
        #expect(april.campaign("a")?.asset("tu")?.interactions == 0)
        #expect(f.report(from: "03-01", to: "03-31").campaign("a")?.asset("tu")?.interactions == 1)
    }

    @Test("R9 paid search is visited by an ad click or a page view with its keyword, while associated")
    func paidSearchVisits() {
        var f = Fixture()
        f.campaign("a")
        f.asset("ps1", .paidSearch, in: "a", keywords: ["shoes"])
        f.asset("ps2", .paidSearch, in: "a", keywords: ["boots"])
        f.asset("ps3", .paidSearch, in: "a", from: "03-01 00:00", keywords: ["socks"])
        f.event(.adClick, "03-02 10:00", asset: "ps1", visitor: "v1")
        f.view("03-02 10:00", "https://ex.com/search", visitor: "v2", keyword: " Boots")
        f.event(.adClick, "02-15 10:00", asset: "ps3", visitor: "v3")
        let a = f.report().campaign("a")
        #expect(a?.asset("ps1")?.hiddenReason == nil)
        #expect(a?.asset("ps2")?.hiddenReason == nil)
        #expect(a?.asset("ps3")?.hiddenReason == .notVisited)
    }

    @Test("R9 a publish date outside the campaign's dates is judged in the report time zone")
    func outsideDatesInZone() {
        var f = Fixture()
        f.campaign("a", start: "2024-03-01", end: "2024-03-31")
        // Feb 29 23:30 UTC is Mar 1 00:30 in Amsterdam (CET).
        f.asset("b1", .blogPost, in: "a", url: "https://ex.com/b1", published: "2024-02-29T23:30:00Z")
        // Mar 31 22:30 UTC is Apr 1 00:30 in Amsterdam (CEST).
        f.asset("b2", .blogPost, in: "a", url: "https://ex.com/b2", published: "2024-03-31T22:30:00Z")
        f.view("03-15 10:00", "https://ex.com/b1", visitor: "v1")
        f.view("03-15 10:00", "https://ex.com/b2", visitor: "v2")

        let inUTC = f.report(zone: utc).campaign("a")
        #expect(inUTC?.asset("b1")?.hiddenReason == .outsideDates)
        #expect(inUTC?.asset("b2")?.hiddenReason == nil)
        #expect(inUTC?.asset("b1")?.interactions == 0)
        #expect(inUTC?.asset("b2")?.interactions == 1)
        #expect(inUTC?.sessions == 1)

        let inAmsterdam = f.report(zone: amsterdam).campaign("a")
        #expect(inAmsterdam?.asset("b1")?.hiddenReason == nil)
        #expect(inAmsterdam?.asset("b2")?.hiddenReason == .outsideDates)
        #expect(inAmsterdam?.asset("b1")?.interactions == 1)
        #expect(inAmsterdam?.sessions == 1)
    }

    @Test("R9 only a start date, or only an end date, bounds one side; no publish date is never outside")
    func oneSidedDates() {
        var f = Fixture()
        f.campaign("s", start: "2024-03-01")
        f.campaign("e", end: "2024-03-31")
        f.asset("s1", .blogPost, in: "s", url: "https://ex.com/s1", published: "2024-02-29T12:00:00Z")
        f.asset("s2", .blogPost, in: "s", url: "https://ex.com/s2", published: "2025-06-01T12:00:00Z")
        f.asset("s3", .landingPage, in: "s", url: "https://ex.com/s3")
        f.asset("e1", .email, in: "e", published: "2024-04-01T00:00:00Z")
        f.asset("e2", .email, in: "e", published: "2023-01-01T00:00:00Z")
        let r = f.report()
        #expect(r.campaign("s")?.asset("s1")?.hiddenReason == .outsideDates)
        #expect(r.campaign("s")?.asset("s2")?.hiddenReason == nil)
        #expect(r.campaign("s")?.asset("s3")?.hiddenReason == nil)
        #expect(r.campaign("e")?.asset("e1")?.hiddenReason == .outsideDates)
        #expect(r.campaign("e")?.asset("e2")?.hiddenReason == nil)
    }

    @Test("R9 when several reasons hold, the first in the list is given")
    func reasonOrder() {
        var f = Fixture()
        f.asOf = at("2024-06-01T00:00:00Z")
        f.campaign("a", start: "2024-03-01", end: "2024-03-31")
        // Unpublished (scheduled after the clock) and outside the dates: unpublished.
        f.asset("sp1", .socialPost, in: "a", published: "2024-07-01T00:00:00Z")
        // No publish date at all: unpublished (rule 3 needs a publish date).
        f.asset("sp2", .socialPost, in: "a")
        // Never visited and published outside the dates: not_visited.
        f.asset("tu1", .trackingURL, in: "a", url: "https://ex.com/t1?utm_source=s", published: "2024-02-01T00:00:00Z")
        // Visited, but published outside the dates: outside_dates.
        f.asset("tu2", .trackingURL, in: "a", url: "https://ex.com/t2?utm_source=s", published: "2024-02-01T00:00:00Z")
        f.view("03-05 10:00", "https://ex.com/t2?utm_source=s", visitor: "v1")
        // Published social post outside the dates: outside_dates.
        f.asset("sp3", .socialPost, in: "a", published: "2024-04-15T00:00:00Z")
        let a = f.report().campaign("a")
        #expect(a?.asset("sp1")?.hiddenReason == .unpublished)
        #expect(a?.asset("sp2")?.hiddenReason == .unpublished)
        #expect(a?.asset("tu1")?.hiddenReason == .notVisited)
        #expect(a?.asset("tu2")?.hiddenReason == .outsideDates)
        #expect(a?.asset("sp3")?.hiddenReason == .outsideDates)
        #expect(a?.assets.map(\.id) == ["sp1", "sp2", "sp3", "tu1", "tu2"])
    }

    @Test("R9 a hidden page asset does not match by rule 2: the view falls through to rule 3")
    func hiddenPageFallsThrough() {
        var f = Fixture()
        f.campaign("a", start: "2024-03-01"); f.campaign("b")
        f.asset("lp", .landingPage, in: "a", url: "https://ex.com/lp", published: "2024-02-01T00:00:00Z")
        f.asset("ps", .paidSearch, in: "b", keywords: ["shoes"])
        f.view("03-05 10:00", "https://ex.com/lp", visitor: "v1", keyword: "shoes")
        f.view("03-05 10:00", "https://ex.com/lp", visitor: "v2")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["b": 1])
        #expect(r.campaign("a")?.asset("lp")?.hiddenReason == .outsideDates)
        #expect(r.campaign("a")?.asset("lp")?.interactions == 0)
    }

    @Test("R9 opens of an email sent outside the campaign's dates do not qualify")
    func hiddenEmail() {
        var f = Fixture()
        f.campaign("a", start: "2024-03-01")
        f.asset("em", .email, in: "a", published: "2024-02-15T09:00:00Z")
        f.contact("k")
        f.event(.emailOpen, "03-02 10:00", asset: "em", contact: "k")
        let r = f.report()
        #expect(r.influencedByCampaign == [:])
        #expect(r.campaign("a")?.asset("em")?.hiddenReason == .outsideDates)
        #expect(r.campaign("a")?.asset("em")?.contacts == 0)
    }

    @Test("R9 a hidden tracking URL's matching views fall to the page rule of another campaign")
    func hiddenTrackingURL() {
        var f = Fixture()
        f.campaign("a", created: "03-01 00:00"); f.campaign("b")
        // Associated with a from Feb 1, visited only on Feb 15, before a existed: hidden in a.
        f.asset("tu", .trackingURL, in: "a", from: "02-01 00:00", url: "https://ex.com/lp?utm_source=s")
        f.asset("lp", .landingPage, in: "b", url: "https://ex.com/lp")
        f.view("02-15 10:00", "https://ex.com/lp?utm_source=s", visitor: "v1")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["b": 1])
        #expect(r.campaign("a")?.asset("tu")?.hiddenReason == .notVisited)
    }

    @Test("R9 visibility is one state per asset and campaign: a visit in an earlier interval shows it in a later one")
    func onePairOneState() {
        var f = Fixture()
        f.campaign("a")
        f.asset("tu", .trackingURL, url: "https://ex.com/p?utm_source=s")
        f.associate("tu", "a", from: "01-01 00:00", until: "02-01 00:00")
        f.associate("tu", "a", from: "04-01 00:00")
        f.view("01-15 10:00", "https://ex.com/p?utm_source=s", visitor: "v1")
        f.view("02-15 10:00", "https://ex.com/p?utm_source=s", visitor: "v2")   // not associated then
        let r = f.report()
        #expect(r.campaign("a")?.asset("tu")?.hiddenReason == nil)
        #expect(r.sessionsByCampaign == ["a": 1])
    }

    @Test("R9 publish dates on the start and on the end date are inside (both inclusive, report zone)")
    func inclusiveDates() {
        var f = Fixture()
        f.campaign("a", start: "2024-03-01", end: "2024-03-31")
        f.asset("first", .blogPost, in: "a", url: "https://ex.com/1", published: "2024-02-29T23:00:00Z")  // Mar 1 00:00 CET
        f.asset("last", .blogPost, in: "a", url: "https://ex.com/2", published: "2024-03-31T21:59:59Z")   // Mar 31 23:59:59 CEST
        f.asset("after", .blogPost, in: "a", url: "https://ex.com/3", published: "2024-03-31T22:00:00Z")  // Apr 1 00:00 CEST
        let a = f.report(zone: amsterdam).campaign("a")
        #expect(a?.asset("first")?.hiddenReason == nil)
        #expect(a?.asset("last")?.hiddenReason == nil)
        #expect(a?.asset("after")?.hiddenReason == .outsideDates)
    }
}
