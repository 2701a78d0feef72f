import Foundation
import Testing
import CampaignKit
import Attribution

/// R10 sessions and R11 identity. Every view below carries campaign a's utm value,
/// so campaign a's `sessions` counts the sessions (R14).
@Suite("R10/R11 sessions and identity")
struct SessionIdentityTests {
    let tagged = "https://ex.com/p?utm_campaign=a"

    func base() -> Fixture {
        var f = Fixture()
        f.campaign("a")
        return f
    }

    @Test("R10 views exactly 30 minutes apart are one session")
    func exactlyThirtyMinutes() {
        var f = base()
        f.view("03-01 10:00", tagged, visitor: "v")
        f.view("03-01 10:30", tagged, visitor: "v")
        #expect(f.report().sessionsByCampaign == ["a": 1])
    }

    @Test("R10 30 minutes and 1 second apart starts a new session")
    func thirtyMinutesOneSecond() {
        var f = base()
        f.view("03-01 10:00", tagged, visitor: "v")
        f.view("03-01 10:30:01", tagged, visitor: "v")
        #expect(f.report().sessionsByCampaign == ["a": 2])
    }

    @Test("R10 30 minutes and 1 microsecond apart starts a new session")
    func thirtyMinutesOneMicrosecond() {
        var f = base()
        f.view("03-01 10:00", tagged, visitor: "v")
        f.view("03-01 10:30:00.000001", tagged, visitor: "v")
        #expect(f.report().sessionsByCampaign == ["a": 2])
    }

    @Test("R10 the gap runs from the visitor's previous event, not the session's start")
    func chainedGaps() {
        var f = base()
        for time in ["03-01 10:00", "03-01 10:25", "03-01 10:50", "03-01 11:15", "03-01 11:45"] {
            f.view(time, tagged, visitor: "v")
        }
        #expect(f.report().sessionsByCampaign == ["a": 1])
    }

    @Test("R10 events need not be sorted in the data")
    func unsortedEvents() {
        var f = base()
        f.view("03-01 10:50", tagged, visitor: "v")
        f.view("03-01 10:00", tagged, visitor: "v")
        f.view("03-01 10:25", tagged, visitor: "v")
        // Sorted: 10:00, 10:25, 10:50 — gaps of 25 minutes, one session.
        #expect(f.report().sessionsByCampaign == ["a": 1])
    }

    @Test("R10 a given session id is the session however far apart its events are")
    func givenSessionIDSpansHours() {
        var f = base()
        f.view("03-01 10:00", tagged, visitor: "v", session: "s1")
        f.view("03-01 18:00", tagged, visitor: "v", session: "s1")
        #expect(f.report().sessionsByCampaign == ["a": 1])
    }

    @Test("R10 different given session ids are different sessions, even a minute apart")
    func givenSessionIDsSplit() {
        var f = base()
        f.view("03-01 10:00", tagged, visitor: "v", session: "s1")
        f.view("03-01 10:01", tagged, visitor: "v", session: "s2")
        #expect(f.report().sessionsByCampaign == ["a": 2])
    }

    @Test("R10 sessions are derived per visitor")
    func perVisitor() {
        var f = base()
        f.view("03-01 10:00", tagged, visitor: "v1")
        f.view("03-01 10:00", tagged, visitor: "v2")
        f.view("03-01 10:10", tagged, visitor: "v1")
        #expect(f.report().sessionsByCampaign == ["a": 2])
    }

    @Test("R10 without a visitor id, sessions are derived per contact")
    func perContact() {
        var f = base()
        f.contact("k")
        f.view("03-01 10:00", tagged, contact: "k")
        f.view("03-01 10:20", tagged, contact: "k")
        f.view("03-01 11:00", tagged, contact: "k")
        // 10:00 and 10:20 together; 11:00 is 40 minutes later: a second session.
        #expect(f.report().sessionsByCampaign == ["a": 2])
    }

    @Test("R10 a form submission is a website event and keeps the session going")
    func formKeepsSession() {
        var f = base()
        f.contact("k")
        f.asset("f", .form)
        f.view("03-01 10:00", tagged, visitor: "v")
        f.submit("03-01 10:30", form: "f", contact: "k", visitor: "v")
        f.view("03-01 11:00", tagged, visitor: "v")
        #expect(f.report().sessionsByCampaign == ["a": 1])
    }

    @Test("R10 a cta click is a website event and keeps the session going")
    func ctaKeepsSession() {
        var f = base()
        f.asset("cta", .cta)
        f.view("03-01 10:00", tagged, visitor: "v")
        f.event(.ctaClick, "03-01 10:30", asset: "cta", visitor: "v")
        f.view("03-01 11:00", tagged, visitor: "v")
        #expect(f.report().sessionsByCampaign == ["a": 1])
    }

    /// Campaign a's sessions by the engine and by the naive reading (`Oracle`), which must agree.
    func sessionsBothWays(_ f: Fixture) -> (engine: Int, oracle: Int?) {
        let window = ReportWindow(zone: utc)
        return (f.report().campaign("a")?.sessions ?? 0,
                Oracle(d: f.dataset, asOf: f.asOf, zone: utc).metrics(window: window)["a"]?.sessions)
    }

    @Test("#12.9 R10 an event with a session_id never starts, extends or bridges a derived session (engine and oracle)")
    func givenSessionNeverBridges() {
        var f = base()
        f.view("03-01 10:00", tagged, visitor: "v")
        f.view("03-01 10:25", tagged, visitor: "v", session: "s1")
        f.view("03-01 10:50", tagged, visitor: "v")
        // 10:00 and 10:50 are 50 minutes apart without a derived event between them: two derived sessions, and s1.
        #expect(sessionsBothWays(f) == (3, 3))
    }

    @Test("#12.9 R10 a non-website event never starts, extends or bridges a derived session (engine and oracle)")
    func nonWebsiteNeverBridges() {
        var f = base()
        f.contact("k", visitors: ["v"])
        f.asset("e", .email)
        f.asset("w", .workflow)
        f.view("03-01 10:00", tagged, visitor: "v")
        f.event(.emailClick, "03-01 10:25", asset: "e", contact: "k", visitor: "v")
        f.event(.workflowEnrollment, "03-01 10:40", asset: "w", contact: "k", visitor: "v")
        f.view("03-01 10:50", tagged, visitor: "v")
        #expect(sessionsBothWays(f) == (2, 2))
        // With a view at 10:25 instead, the gaps are 25 minutes: one session.
        var g = base()
        g.view("03-01 10:00", tagged, visitor: "v")
        g.view("03-01 10:25", tagged, visitor: "v")
        g.view("03-01 10:50", tagged, visitor: "v")
        #expect(sessionsBothWays(g) == (1, 1))
    }

    @Test("R14 a session with views of two campaigns counts once for each")
    func sessionForTwoCampaigns() {
        var f = base()
        f.campaign("b")
        f.view("03-01 10:00", tagged, visitor: "v")
        f.view("03-01 10:05", "https://ex.com/p?utm_campaign=b", visitor: "v")
        f.view("03-01 10:06", tagged, visitor: "v")
        #expect(f.report().sessionsByCampaign == ["a": 1, "b": 1])
    }

    @Test("R14 a session straddling the window's edge counts in each window it has a view in")
    func straddlingSession() {
        var f = base()
        f.view("03-01 23:50", tagged, visitor: "v")
        f.view("03-02 00:10", tagged, visitor: "v")
        #expect(f.report(from: "03-01", to: "03-01").sessionsByCampaign == ["a": 1])
        #expect(f.report(from: "03-02", to: "03-02").sessionsByCampaign == ["a": 1])
        #expect(f.report(from: "03-01", to: "03-02").sessionsByCampaign == ["a": 1])
    }

    // MARK: R11

    @Test("R11 a tracking cookie's history before the contact existed is the contact's")
    func cookieHistoryJoins() {
        var f = base()
        f.contact("k", created: "03-10 00:00", visitors: ["v"])
        f.view("03-01 12:00", tagged, visitor: "v")
        let march = f.report(from: "03-01", to: "03-31")
        #expect(march.influencedByCampaign == ["a": 1])
        #expect(march.firstTouchByCampaign == ["a": 1])
        // Influence is counted when it happened; new contacts when the contact was created.
        let early = f.report(from: "03-01", to: "03-05")
        #expect(early.influencedByCampaign == ["a": 1])
        #expect(early.firstTouchByCampaign == [:])
        let late = f.report(from: "03-06", to: "03-31")
        #expect(late.influencedByCampaign == [:])
        #expect(late.firstTouchByCampaign == ["a": 1])
    }

    @Test("R11 a visitor linked only by an event carrying both ids is the contact's")
    func linkedByEvent() {
        var f = base()
        f.contact("k", created: "03-10 00:00")
        f.asset("f", .form)
        f.view("03-01 12:00", tagged, visitor: "v")
        f.submit("03-10 00:00", form: "f", contact: "k", visitor: "v")
        let r = f.report()
        #expect(r.influencedByCampaign == ["a": 1])
        #expect(r.firstTouchByCampaign == ["a": 1])
        #expect(r.sessionsByCampaign == ["a": 1])
    }

    @Test("R11 a visitor no contact claims stays anonymous")
    func anonymousVisitor() {
        var f = base()
        f.contact("k", created: "03-10 00:00")
        f.asset("f", .form)
        f.view("03-01 12:00", tagged, visitor: "v")
        // The submission carries the contact only: nothing ties v to k.
        f.submit("03-10 00:00", form: "f", contact: "k")
        let r = f.report()
        #expect(r.sessionsByCampaign == ["a": 1])
        #expect(r.influencedByCampaign == [:])
        #expect(r.firstTouchByCampaign == [:])
    }

    @Test("R11 all of a contact's visitor ids are its")
    func severalVisitorIDs() {
        var f = base()
        f.campaign("b")
        f.contact("k", visitors: ["v1", "v2"])
        f.view("03-01 12:00", tagged, visitor: "v1")
        f.view("03-02 12:00", "https://ex.com/p?utm_campaign=b", visitor: "v2")
        #expect(f.report().influencedByCampaign == ["a": 1, "b": 1])
    }
}
