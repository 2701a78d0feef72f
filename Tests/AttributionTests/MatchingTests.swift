import Foundation
import Testing
import CampaignKit
import Attribution

/// R4, R8, R12, R13: which campaign a page view or an event belongs to.
/// Each view comes from its own visitor, so a campaign's `sessions` counts the views it got.
@Suite("R4/R8/R12/R13 matching")
struct MatchingTests {

    // MARK: R12 priority

    @Test("R12 utm beats page association")
    func utmBeatsPage() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("lp", .landingPage, in: "b", url: "https://ex.com/lp")
        f.view("03-01 10:00", "https://ex.com/lp?utm_campaign=a", visitor: "v1")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 1])
        // The view belongs to a, so b's page gets no interaction from it (R14 per asset).
        #expect(r.campaign("b")?.asset("lp")?.interactions == 0)
    }

    @Test("R12 page beats keyword")
    func pageBeatsKeyword() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("lp", .landingPage, in: "a", url: "https://ex.com/lp")
        f.asset("ps", .paidSearch, in: "b", keywords: ["shoes"])
        f.view("03-01 10:00", "https://ex.com/lp", visitor: "v1", keyword: "shoes")
        f.view("03-01 10:00", "https://ex.com/elsewhere", visitor: "v2", keyword: "Shoes ")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 1, "b": 1])
        #expect(r.campaign("b")?.asset("ps")?.visible == true)
        #expect(r.campaign("b")?.asset("ps")?.interactions == 1)
    }

    @Test("R12 tracking URL beats page, even a page associated more recently")
    func trackingBeatsPage() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("lp", .landingPage, in: "a", from: "02-01 00:00", url: "https://ex.com/offer")
        f.asset("tu", .trackingURL, in: "b", from: "01-01 00:00",
                url: "https://ex.com/offer?utm_source=news&utm_medium=email")
        f.view("03-01 10:00", "https://www.ex.com/offer/?utm_medium=Email&utm_source=news&ref=x", visitor: "v1")
        f.view("03-01 10:00", "https://ex.com/offer?utm_source=news", visitor: "v2")
        #expect(f.report().sessionsByCampaign == ["a": 1, "b": 1])
    }

    @Test("R12 rule 2: the most recently associated page wins")
    func mostRecentPage() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("p1", .landingPage, in: "a", from: "01-01 00:00", url: "https://ex.com/lp")
        f.asset("p2", .blogPost, in: "b", from: "01-02 00:00", url: "http://www.ex.com/lp/")
        f.view("03-01 10:00", "https://ex.com/lp", visitor: "v1")
        #expect(f.report().sessionsByCampaign == ["b": 1])
    }

    @Test("R12 rule 2: the most recently associated tracking URL wins")
    func mostRecentTracking() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("t1", .trackingURL, in: "a", from: "01-05 00:00", url: "https://ex.com/lp?utm_source=s")
        f.asset("t2", .trackingURL, in: "b", from: "01-01 00:00", url: "https://ex.com/lp?utm_source=s&utm_medium=m")
        f.view("03-01 10:00", "https://ex.com/lp?utm_source=s&utm_medium=m", visitor: "v1")
        #expect(f.report().sessionsByCampaign == ["a": 1])
    }

    @Test("R12 rule 2: associated at the same instant, the smaller campaign id (byte order) wins")
    func sameInstantSmallerID() {
        var f = Fixture()
        f.campaign("c9"); f.campaign("c10")
        f.asset("p9", .websitePage, in: "c9", url: "https://ex.com/lp")
        f.asset("p10", .websitePage, in: "c10", url: "https://ex.com/lp")
        f.view("03-01 10:00", "https://ex.com/lp", visitor: "v1")
        // "c10" < "c9" as text.
        #expect(f.report().sessionsByCampaign == ["c10": 1])
    }

    @Test("R12 rule 3: keywords ignore case and surrounding space; most recent association, then smaller id")
    func keywordTieBreaks() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b"); f.campaign("c9"); f.campaign("c10")
        f.asset("ps1", .paidSearch, in: "a", from: "01-05 00:00", keywords: ["Running Shoes"])
        f.asset("ps2", .paidSearch, in: "b", from: "01-01 00:00", keywords: ["running shoes", "sneakers"])
        f.asset("ps9", .paidSearch, in: "c9", keywords: ["boots"])
        f.asset("ps10", .paidSearch, in: "c10", keywords: ["boots"])
        f.view("03-01 10:00", "https://ex.com/search", visitor: "v1", keyword: "  RUNNING shoes ")
        f.view("03-01 10:00", "https://ex.com/search", visitor: "v2", keyword: "sneakers")
        f.view("03-01 10:00", "https://ex.com/search", visitor: "v3", keyword: "Boots")
        #expect(f.report().sessionsByCampaign == ["a": 1, "b": 1, "c10": 1])
    }

    @Test("R12 a utm value seen before its attachment falls through to the page rule")
    func utmBeforeAttachment() {
        var f = Fixture()
        f.campaign("a", utm: "spring", created: "01-01 00:00", utmAttached: "02-01 00:00")
        f.campaign("b")
        f.asset("lp", .landingPage, in: "b", url: "https://ex.com/lp")
        f.view("01-15 10:00", "https://ex.com/lp?utm_campaign=spring", visitor: "v1")
        f.view("02-01 00:00", "https://ex.com/lp?utm_campaign=spring", visitor: "v2")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 1, "b": 1])
        #expect(r.unlinkedUtm.isEmpty)
    }

    @Test("R12 a utm value seen before the campaign's creation falls through to the keyword rule")
    func utmBeforeCreation() {
        var f = Fixture()
        // The value is attached before the campaign exists: R8 still needs t >= created_at.
        f.campaign("a", utm: "spring", created: "02-01 00:00", utmAttached: "01-01 00:00")
        f.campaign("b")
        f.asset("ps", .paidSearch, in: "b", keywords: ["shoes"])
        f.view("01-15 10:00", "https://ex.com/x?utm_campaign=spring", visitor: "v1", keyword: "shoes")
        f.view("02-01 00:00", "https://ex.com/x?utm_campaign=spring", visitor: "v2", keyword: "shoes")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 1, "b": 1])
        #expect(r.unlinkedUtm.isEmpty)
    }

    @Test("R3 R4 after a rename the old value still counts and the new one only from its attachment")
    func renamedCampaign() {
        var f = Fixture()
        f.campaign("a", utm: "summer", created: "01-01 00:00", utmAttached: "02-01 00:00",
                   aliases: [("spring", "01-01 00:00")])
        f.view("01-15 10:00", "https://ex.com/x?utm_campaign=spring", visitor: "v1")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=Spring", visitor: "v2")
        f.view("01-15 10:00", "https://ex.com/x?utm_campaign=summer", visitor: "v3")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=summer", visitor: "v4")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 3])
        #expect(r.unlinkedUtm.isEmpty)
    }

    // MARK: R12 page keys and tracking URLs

    @Test("#12.9 R12 page keys: host case and www., every trailing slash, scheme, port, query and fragment do not count")
    func pageKeys() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("pricing", .websitePage, in: "a", url: "https://www.Example.com/Pricing/")
        f.asset("home", .websitePage, in: "b", url: "https://example.com")
        let views = [
            "http://example.com/Pricing?x=1#top",      // a
            "https://EXAMPLE.COM:8443/Pricing",         // a
            "https://www.example.com/Pricing/",         // a
            "https://example.com/Pricing///",           // a: every trailing slash goes
            "https://example.com//",                    // b (root)
            "https://example.com/pricing",              // path keeps its case: no
            "https://example.com/Pricing/more",         // another page: no
            "https://example.com/Pric%69ng",            // not percent-decoded: no
            "https://shop.example.com/Pricing",         // another host: no
            "https://www.example.com/",                 // b (root)
            "https://example.com/?utm_source=x",        // b
            "https://example.com#x",                    // b
        ]
        for (i, u) in views.enumerated() { f.view("03-01 10:00", u, visitor: "v\(i)") }
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 4, "b": 4])
        #expect(r.campaign("a")?.asset("pricing")?.interactions == 4)
        let oracle = Oracle(d: f.dataset, asOf: f.asOf, zone: utc).metrics(window: ReportWindow(zone: utc))
        #expect(oracle["a"]?.sessions == 4 && oracle["b"]?.sessions == 4, "the naive reading agrees")
    }

    @Test("R12 tracking URL: parameter names ignore case, values compare by match key, utm_id exactly, first occurrence counts")
    func trackingParameters() {
        var f = Fixture()
        f.campaign("a")
        f.asset("tu", .trackingURL, in: "a",
                url: "https://ex.com/offer?utm_source=Newsletter&utm_medium=email&utm_id=AbC123")
        let views = [
            "https://ex.com/offer?UTM_SOURCE=newsletter&Utm_Medium=EMAIL&utm_id=AbC123&utm_content=x&foo=1", // yes
            "https://ex.com/offer?utm_source=newsletter&utm_medium=email&utm_id=abc123",                    // id case: no
            "https://ex.com/offer?utm_source=newsletter&utm_id=AbC123",                                     // no medium: no
            "https://ex.com/offer?utm_source=+newsletter+&utm_medium=%65mail&utm_id=AbC123",                // decoded, trimmed: yes
            "https://ex.com/offer?utm_source=other&utm_source=newsletter&utm_medium=email&utm_id=AbC123",   // first counts: no
            "https://ex.com/other?utm_source=newsletter&utm_medium=email&utm_id=AbC123",                    // other page: no
            "https://ex.com/offer/?utm_id=AbC123&utm_medium=email&utm_source=newsletter",                   // yes
        ]
        for (i, u) in views.enumerated() { f.view("03-01 10:00", u, visitor: "v\(i)") }
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 3])
        #expect(r.campaign("a")?.asset("tu")?.interactions == 3)
    }

    @Test("R12 an empty utm_campaign is no tag, and of two the first counts")
    func emptyAndRepeatedCampaign() {
        var f = Fixture()
        f.campaign("a", utm: "alpha"); f.campaign("b")
        f.asset("lp", .landingPage, in: "b", url: "https://ex.com/lp")
        f.view("03-01 10:00", "https://ex.com/lp?utm_campaign=&utm_campaign=alpha", visitor: "v1")    // b
        f.view("03-01 10:00", "https://ex.com/lp?utm_campaign=alpha&utm_campaign=zzz", visitor: "v2") // a
        f.view("03-01 10:00", "https://ex.com/lp?utm_campaign=zzz&utm_campaign=alpha", visitor: "v3") // b, zzz unlinked
        f.view("03-01 10:00", "https://ex.com/lp?utm_campaign=", visitor: "v4")                       // b
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 1, "b": 3])
        #expect(r.unlinkedUtm.map(\.key) == ["zzz"])
    }

    @Test("R4 utm values are percent-decoded (+ is a space), trimmed, and matched by lowercased key")
    func utmDecoding() {
        var f = Fixture()
        f.campaign("a", utm: "Spring Sale")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=spring+sale", visitor: "v1")
        f.view("03-01 10:00", "https://ex.com/x?UTM_CAMPAIGN=%20SPRING%20sale%20", visitor: "v2")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=spring%2Bsale", visitor: "v3")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=spring-sale", visitor: "v4")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 2])
        #expect(r.unlinkedUtm.map(\.key) == ["spring+sale", "spring-sale"])
    }

    // MARK: R8

    @Test("R8 a view at the campaign's created_at counts, one microsecond earlier does not")
    func createdAtBoundary() {
        var f = Fixture()
        f.campaign("a", created: "2024-03-01T12:00:00Z")
        f.view("2024-03-01T12:00:00Z", "https://ex.com/x?utm_campaign=a", visitor: "v1")
        f.view("2024-03-01T11:59:59.999999Z", "https://ex.com/x?utm_campaign=a", visitor: "v2")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 1])
        #expect(r.unlinkedUtm.isEmpty)
    }

    @Test("R8 an association counts from associated_at and not at dissociated_at")
    func associationBoundaries() {
        var f = Fixture()
        f.campaign("a")
        f.asset("lp", .landingPage, in: "a", from: "03-01 12:00", until: "03-10 12:00", url: "https://ex.com/lp")
        f.view("03-01 12:00", "https://ex.com/lp", visitor: "v1")                // yes
        f.view("03-01 11:59:59.999999", "https://ex.com/lp", visitor: "v2")      // no
        f.view("03-10 11:59:59.999999", "https://ex.com/lp", visitor: "v3")      // yes
        f.view("03-10 12:00", "https://ex.com/lp", visitor: "v4")                // no
        #expect(f.report().sessionsByCampaign == ["a": 2])
    }

    @Test("R8 R7 an asset moved between campaigns counts for each only while it belonged")
    func movedAsset() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("lp", .landingPage, url: "https://ex.com/lp")
        f.associate("lp", "a", from: "01-01 00:00", until: "03-01 00:00")
        f.associate("lp", "b", from: "03-01 00:00")
        f.view("02-29 23:59:59.999999", "https://ex.com/lp", visitor: "v1")
        f.view("03-01 00:00", "https://ex.com/lp", visitor: "v2")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 1, "b": 1])
        // Only b holds the page now.
        #expect(r.campaign("a")?.asset("lp") == nil)
        #expect(r.campaign("b")?.asset("lp")?.interactions == 1)
    }

    @Test("R8 an event through an asset before the campaign's creation does not qualify")
    func eventBeforeCreation() {
        var f = Fixture()
        f.campaign("a", created: "03-01 00:00")
        f.asset("em", .email, in: "a", from: "01-01 00:00", published: "01-01 00:00")
        f.contact("k1"); f.contact("k2")
        f.event(.emailOpen, "02-29 23:59:59", asset: "em", contact: "k1")
        f.event(.emailOpen, "03-01 00:00", asset: "em", contact: "k2")
        #expect(f.report().influencedByCampaign == ["a": 1])
    }

    @Test("R8 an event through an asset before its association does not qualify")
    func eventBeforeAssociation() {
        var f = Fixture()
        f.campaign("a")
        f.asset("em", .email, in: "a", from: "03-01 00:00")
        f.contact("k1"); f.contact("k2")
        f.event(.emailClick, "02-29 23:59:59", asset: "em", contact: "k1")
        f.event(.emailClick, "03-01 00:00", asset: "em", contact: "k2")
        let r = f.report()
        #expect(r.influencedByCampaign == ["a": 1])
        #expect(r.campaign("a")?.asset("em")?.interactions == 1)
        #expect(r.campaign("a")?.asset("em")?.contacts == 1)
    }

    // MARK: R13

    @Test("R13 every event type but workflow enrollment qualifies through its asset")
    func qualifyingEventTypes() {
        var f = Fixture()
        f.campaign("a")
        f.asset("fm", .form, in: "a")
        f.asset("em", .email, in: "a")
        f.asset("cta", .cta, in: "a")
        f.asset("ps", .paidSearch, in: "a", keywords: ["x"])
        f.asset("sp", .socialPost, in: "a", published: "01-01 00:00")
        for k in ["k1", "k2", "k3", "k4", "k5", "k6"] { f.contact(k) }
        f.submit("03-01 10:00", form: "fm", contact: "k1")
        f.event(.emailOpen, "03-01 10:00", asset: "em", contact: "k2")
        f.event(.emailClick, "03-01 10:00", asset: "em", contact: "k3")
        f.event(.ctaClick, "03-01 10:00", asset: "cta", contact: "k4")
        f.event(.adClick, "03-01 10:00", asset: "ps", contact: "k5")
        f.event(.socialClick, "03-01 10:00", asset: "sp", contact: "k6")
        let r = f.report()
        #expect(r.influencedByCampaign == ["a": 6])
        #expect(r.campaign("a")?.asset("em")?.interactions == 2)
        #expect(r.campaign("a")?.asset("em")?.contacts == 2)
        for id in ["fm", "cta", "ps", "sp"] {
            #expect(r.campaign("a")?.asset(id)?.interactions == 1, "\(id)")
        }
        // No page view among them.
        #expect(r.sessionsByCampaign == [:])
    }

    @Test("R13 a workflow enrollment never qualifies, even for a workflow in two campaigns")
    func workflowNeverQualifies() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("wf", .workflow, in: "a")
        f.associate("wf", "b")
        f.contact("k")
        f.event(.workflowEnrollment, "03-01 10:00", asset: "wf", contact: "k")
        let r = f.report()
        #expect(r.influencedByCampaign == [:])
        #expect(r.campaign("a")?.asset("wf")?.interactions == 0)
        #expect(r.campaign("b")?.asset("wf")?.contacts == 0)
    }

    @Test("R13 an event's url plays no part in qualifying")
    func eventURLIgnored() {
        var f = Fixture()
        f.campaign("a", utm: "alpha"); f.campaign("b")
        f.asset("lp", .landingPage, in: "b", url: "https://ex.com/lp")
        f.asset("em", .email)     // associated with nothing
        f.asset("fm", .form)      // associated with nothing
        f.asset("cta", .cta)      // associated with nothing
        f.contact("k1"); f.contact("k2"); f.contact("k3")
        f.event(.emailClick, "03-01 10:00", asset: "em", contact: "k1", url: "https://ex.com/lp?utm_campaign=alpha")
        f.submit("03-01 10:00", form: "fm", contact: "k2", url: "https://ex.com/lp")
        f.event(.ctaClick, "03-01 10:00", asset: "cta", contact: "k3", url: "https://ex.com/lp")
        let r = f.report()
        #expect(r.influencedByCampaign == [:])
        #expect(r.sessionsByCampaign == [:])
        #expect(r.campaign("b")?.asset("lp")?.interactions == 0)
    }

    @Test("R12 a tracking URL without utm parameters matches every view of its page")
    func bareTrackingURL() {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("lp", .landingPage, in: "a", from: "02-01 00:00", url: "https://ex.com/lp")
        f.asset("tu", .trackingURL, in: "b", from: "01-01 00:00", url: "https://ex.com/lp?ref=partner")
        f.view("03-01 10:00", "https://ex.com/lp", visitor: "v1")
        f.view("03-01 10:00", "https://ex.com/lp?utm_source=x", visitor: "v2")
        #expect(f.report().sessionsByCampaign == ["b": 2])
    }

    @Test("R8 a page associated before the campaign's creation counts only from the creation")
    func pageAssociatedBeforeCreation() {
        var f = Fixture()
        f.campaign("a", created: "03-01 00:00"); f.campaign("b")
        f.asset("lp", .landingPage, in: "a", from: "01-01 00:00", url: "https://ex.com/lp")
        f.asset("ps", .paidSearch, in: "b", keywords: ["shoes"])
        f.view("02-15 10:00", "https://ex.com/lp", visitor: "v1", keyword: "shoes")   // a not yet: rule 3 -> b
        f.view("03-01 00:00", "https://ex.com/lp", visitor: "v2", keyword: "shoes")   // a
        #expect(f.report().sessionsByCampaign == ["a": 1, "b": 1])
    }

    @Test("R11 R14 a contact's views under its id and under its visitor ids count once")
    func contactCountedOnce() {
        var f = Fixture()
        f.campaign("a")
        f.contact("k", visitors: ["v"])
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=a", visitor: "v")
        f.view("03-02 10:00", "https://ex.com/x?utm_campaign=a", contact: "k")
        f.view("03-03 10:00", "https://ex.com/x?utm_campaign=a", visitor: "w", contact: "k")
        let r = f.report()
        #expect(r.influencedByCampaign == ["a": 1])
        #expect(r.sessionsByCampaign == ["a": 3])
    }
}
