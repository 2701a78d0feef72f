import Foundation
import Testing
import CampaignKit
import Attribution

/// R19: the explanations name the rule that decided. The wording is the product's to choose,
/// so these tests only look for the facts and rule ids the SPEC asks for.
@Suite("R19 explain")
struct ExplainTests {
    func explainer(_ f: Fixture, from: String? = nil, to: String? = nil, zone: TimeZone = utc) -> Explainer {
        Explainer(analysis: f.analysis(zone: zone),
                  window: ReportWindow(from: from.map(date), to: to.map(date), zone: zone))
    }

    func text(_ lines: [String]) -> String { lines.joined(separator: "\n") }

    @Test("R19 explain asset: association, hidden reason (R9), and events that did not count (R8)")
    func explainAsset() throws {
        var f = Fixture()
        f.campaign("a")
        f.asset("sp", .socialPost, in: "a", from: "03-01 00:00")
        f.asset("em", .email, in: "a", from: "03-01 00:00")
        f.asset("loose", .landingPage, url: "https://ex.com/loose")
        f.contact("k")
        f.event(.socialClick, "03-05 10:00", asset: "sp", contact: "k")
        f.event(.emailOpen, "02-01 10:00", asset: "em", contact: "k")
        f.event(.emailOpen, "03-02 10:00", asset: "em", contact: "k")
        let e = explainer(f)

        let sp = text(try e.asset("sp"))
        #expect(sp.contains("a"))
        #expect(sp.contains("2024-03-01T00:00:00Z"))
        #expect(sp.contains("R9"))
        #expect(sp.localizedCaseInsensitiveContains("not published") || sp.contains("unpublished"))

        let em = text(try e.asset("em"))
        #expect(em.contains("R8"))
        #expect(em.contains("1 of its interactions count"))

        let loose = text(try e.asset("loose"))
        #expect(loose.localizedCaseInsensitiveContains("not associated"))

        #expect(throws: (any Error).self) { try e.asset("nope") }
    }

    @Test("#17 R19 an event an explanation gives as an example reads the same, its contact and asset named, whichever of its strings the compile kept",
          arguments: [EventStrings.kept, .forAppending])
    func exampleEventNamed(strings: EventStrings) throws {
        var f = Fixture()
        f.campaign("a")
        f.asset("em", .email, in: "a", from: "03-01 00:00")
        f.contact("k")
        f.event(.emailOpen, "02-01 10:00", asset: "em", contact: "k")
        let analysis = Analysis(CompiledData(f.dataset, strings: strings), asOf: f.asOf, zone: utc)
        let em = text(try Explainer(analysis: analysis, window: ReportWindow(zone: utc)).asset("em"))
        #expect(em.contains("email_open at 2024-02-01T10:00:00Z by contact k of asset em (events row 1)"), "\(em)")
    }

    @Test("R19 explain deal: the first condition of R14 that fails, in the SPEC's order")
    func explainDeal() throws {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.contact("k1"); f.contact("k2"); f.contact("k3")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=a", contact: "k1")
        f.view("03-20 10:00", "https://ex.com/x?utm_campaign=b", contact: "k3")
        f.deal("lost", amount: "1", stage: .closedLost, closed: "03-10 00:00", contacts: [("k1", "03-02 00:00")])
        f.deal("april", amount: "1", closed: "04-10 00:00", contacts: [("k1", "03-02 00:00")])
        f.deal("alone", amount: "1", closed: "03-10 00:00")
        f.deal("late", amount: "1", closed: "03-10 00:00", contacts: [("k1", "03-11 00:00")])
        f.deal("won", amount: "1", closed: "03-10 00:00", contacts: [("k1", "03-02 00:00"), ("k2", "03-02 00:00")])
        f.deal("after", amount: "1", closed: "03-10 00:00", contacts: [("k3", "03-02 00:00")])
        let e = explainer(f, from: "03-01", to: "03-31")

        func verdict(_ deal: String, _ campaign: String) throws -> String {
            let lines = try e.deal(deal, campaign: campaign)
            return lines.first { $0.localizedCaseInsensitiveContains("counted") } ?? ""
        }
        #expect(try verdict("lost", "a").localizedCaseInsensitiveContains("not closed won"))
        #expect(try verdict("april", "a").localizedCaseInsensitiveContains("outside the window"))
        #expect(try verdict("alone", "a").localizedCaseInsensitiveContains("no contact"))
        #expect(try verdict("late", "a").localizedCaseInsensitiveContains("after the close"))
        let after = try verdict("after", "b")
        #expect(after.localizedCaseInsensitiveContains("influenced") || after.localizedCaseInsensitiveContains("qualifying"))
        #expect(try verdict("after", "b").hasPrefix("Not counted"))
        #expect(try verdict("won", "a").hasPrefix("Counted"))
        #expect(try verdict("won", "a").contains("k1"))
        #expect(try verdict("won", "b").hasPrefix("Not counted"))
        // R18 part: the touch and each model's share.
        let won = text(try e.deal("won", campaign: "a"))
        #expect(won.contains("R18"))
        #expect(won.contains("u_shaped"))
    }

    @Test("R19 explain contact: first and last touch with the rule that decided, or why none")
    func explainContact() throws {
        var f = Fixture()
        f.campaign("a"); f.campaign("b")
        f.asset("lpB", .landingPage, in: "b", url: "https://ex.com/b")
        f.asset("fx", .form)
        f.contact("k1", visitors: ["v1"]); f.contact("k2", visitors: ["v2"]); f.contact("k3")
        f.view("03-01 10:00", "https://ex.com/x?utm_campaign=a", visitor: "v1")
        f.view("03-01 10:05", "https://ex.com/b", visitor: "v1")
        f.submit("03-01 10:10", form: "fx", contact: "k1", visitor: "v1")
        f.view("03-01 10:00", "https://ex.com/home", visitor: "v2")
        f.submit("03-01 10:10", form: "fx", contact: "k2", visitor: "v2", url: "https://ex.com/c?utm_campaign=a")
        let e = explainer(f)

        let k1 = try e.contact("k1")
        let k1First = k1.first { $0.hasPrefix("First touch") } ?? ""
        #expect(k1First.contains("(a)") && k1First.contains("R15"))
        #expect(k1First.contains("R12 rule 1"))
        let k1Last = k1.first { $0.hasPrefix("Last touch") } ?? ""
        #expect(k1Last.contains("(b)") && k1Last.contains("R16 rule 2"))

        let k2 = try e.contact("k2")
        #expect((k2.first { $0.hasPrefix("First touch") } ?? "").contains("none"))
        let k2Last = k2.first { $0.hasPrefix("Last touch") } ?? ""
        #expect(k2Last.contains("(a)") && k2Last.contains("R16 rule 1"))

        let k3 = try e.contact("k3")
        #expect((k3.first { $0.hasPrefix("First touch") } ?? "").contains("none"))
        #expect((k3.first { $0.hasPrefix("Last touch") } ?? "").contains("none"))
    }

    @Test("R19 explain url: the campaign and the rule, or why none (unlinked, too early, hidden)")
    func explainURL() {
        var f = Fixture()
        f.campaign("a", created: "03-01 00:00"); f.campaign("b")
        f.asset("lp", .landingPage, in: "b", url: "https://ex.com/lp")
        f.asset("tu", .trackingURL, in: "b", url: "https://ex.com/t?utm_source=never")
        let e = explainer(f)
        let tagged = text(e.url("https://ex.com/x?utm_campaign=a", at: at("03-02 00:00")))
        #expect(tagged.contains("(a)") && tagged.contains("R12 rule 1"))
        let early = text(e.url("https://ex.com/x?utm_campaign=a", at: at("02-01 00:00")))
        #expect(early.contains("R8"))
        let page = text(e.url("https://www.ex.com/lp/", at: at("03-02 00:00")))
        #expect(page.contains("(b)") && page.contains("R12 rule 2"))
        let unlinked = text(e.url("https://ex.com/x?utm_campaign=zzz", at: at("03-02 00:00")))
        #expect(unlinked.contains("R5"))
        let hidden = text(e.url("https://ex.com/t?utm_source=never", at: at("03-02 00:00")))
        #expect(hidden.contains("R9"))
    }
}
