import Foundation
import Testing
import CampaignKit
import Attribution

/// R18 attribution models, with each split worked out by hand from the SPEC's table and
/// its collision rule (raw weight = sum of held positions' weights, or an equal part of
/// "others" when holding none; then scaled to 100 %), rounded by largest remainder.
/// Touches are views carrying a campaign's utm value (each campaign's value is its id).
@Suite("R18 attribution models")
struct AttributionModelTests {
    static let models = ["first", "last", "linear", "u_shaped", "w_shaped", "full_path", "time_decay", "j_shaped", "inverse_j"]

    func tag(_ c: String) -> String { "https://ex.com/x?utm_campaign=\(c)" }

    /// Campaigns a...e created long before any touch.
    func base() -> Fixture {
        var f = Fixture()
        for c in ["a", "b", "c", "d", "e"] { f.campaign(c, created: "2023-01-01T00:00:00Z") }
        return f
    }

    func check(_ r: Report, _ expected: [String: [String: String]], sourceLocation: SourceLocation = #_sourceLocation) {
        for (model, column) in expected {
            #expect(r.credits(model) == amounts(column), "model \(model)", sourceLocation: sourceLocation)
        }
    }

    @Test("R18 one touch gets the whole deal in every model")
    func oneTouch() {
        var f = base()
        f.contact("k", created: "01-01 00:00")
        f.view("01-05 00:00", tag("a"), contact: "k")
        f.deal("d", amount: "1000", created: "01-06 00:00", closed: "01-10 00:00", contacts: [("k", "01-06 00:00")])
        let r = f.report()
        #expect(r.attribution.attributedRevenue == 1000)
        #expect(r.attribution.unattributedDeals == 0)
        for m in Self.models { #expect(r.credits(m) == amounts(["a": "1000"]), "model \(m)") }
        #expect(Set(r.attribution.models.keys) == Set(Self.models))
    }

    @Test("R18 two touches: the first holds first, lead and deal creation; the other is closed won")
    func twoTouches() {
        var f = base()
        f.contact("k", created: "01-05 00:00")
        f.view("01-01 00:00", tag("a"), contact: "k")   // 14 days before the close
        f.view("01-10 00:00", tag("b"), contact: "k")   // 5 days before the close
        f.deal("d", amount: "1000", created: "01-08 00:00", closed: "01-15 00:00", contacts: [("k", "01-08 00:00")])
        let r = f.report()
        // Time decay: 2^-2 = 0.25 and 2^(-5/7) = 0.609484...; a = 1000 * 0.25 / 0.859484... = 290.8645.
        check(r, [
            "first": ["a": "1000"], "last": ["b": "1000"], "linear": ["a": "500", "b": "500"],
            "u_shaped": ["a": "800", "b": "200"],      // .4+.4 ; others .2
            "w_shaped": ["a": "900", "b": "100"],      // .3*3 ; others .1
            "full_path": ["a": "750", "b": "250"],     // .675 : .225, empty others
            "j_shaped": ["a": "250", "b": "750"],      // .2 : .6, empty others
            "inverse_j": ["a": "750", "b": "250"],     // .6 : .2
            "time_decay": ["a": "290.86", "b": "709.14"],
        ])
        let path = f.analysis().touches(ofDeal: f.dataset.deals[0])
        #expect(path.map(\.campaignID) == ["a", "b"])
        #expect(path.map(\.positions) == [[.first, .leadCreation, .dealCreation], [.closedWon]])
    }

    @Test("R18 no touch before lead creation; a touch holding no position; one campaign touching twice")
    func noLeadCreationTouch() {
        var f = base()
        f.contact("k", created: "2023-12-31T00:00:00Z")  // before every touch: no lead-creation touch
        f.view("01-01 00:00", tag("a"), contact: "k")   // first
        f.view("01-02 00:00", tag("b"), contact: "k")   // deal creation
        f.view("01-03 00:00", tag("c"), contact: "k")   // none
        f.view("01-04 00:00", tag("a"), contact: "k")   // closed won
        f.deal("d", amount: "1000", created: "01-02 12:00", closed: "01-05 00:00", contacts: [("k", "01-02 12:00")])
        let r = f.report()
        check(r, [
            "first": ["a": "1000"], "last": ["a": "1000"],
            "linear": ["a": "500", "b": "250", "c": "250"],
            // .4 ; .2/3 each for b, c, a(closed won is not weighted) ; total .6 -> 2/3, 1/9, 1/9, 1/9
            "u_shaped": ["a": "777.78", "b": "111.11", "c": "111.11"],
            // .3, .3, .05, .05 ; total .7 -> a 1/2, b 3/7, c 1/14
            "w_shaped": ["a": "500", "b": "428.57", "c": "71.43"],
            // .225, .225, .1, .225 ; total .775
            "full_path": ["a": "580.65", "b": "290.32", "c": "129.03"],
            "j_shaped": ["a": "800", "b": "100", "c": "100"],
            "inverse_j": ["a": "800", "b": "100", "c": "100"],
            // 2^(-4/7), 2^(-3/7), 2^(-2/7), 2^(-1/7), normalised
            "time_decay": ["a": "502.44", "b": "236.47", "c": "261.09"],
        ])
    }

    @Test("R18 several contacts on a deal; a contact associated after the close and touches after the close are left out")
    func severalContacts() {
        var f = base()
        f.contact("k1", created: "01-03 00:00", visitors: ["v1"])
        f.contact("k2", created: "01-06 00:00", visitors: ["v2"])
        f.contact("k3", created: "01-04 00:00", visitors: ["v3"])
        f.view("01-01 00:00", tag("a"), visitor: "v1")   // first
        f.view("01-02 00:00", tag("c"), visitor: "v2")   // lead creation: last touch at or before Jan 3
        f.view("01-04 00:00", tag("b"), visitor: "v1")   // deal creation: last touch at or before Jan 5
        f.view("01-05 00:00", tag("e"), visitor: "v3")   // k3 is associated after the close
        f.view("01-07 00:00", tag("d"), visitor: "v2")   // closed won
        f.view("01-10 00:00:00.000001", tag("a"), visitor: "v1")   // after the close
        f.deal("d", amount: "900", created: "01-05 00:00", closed: "01-10 00:00",
               contacts: [("k1", "01-05 00:00"), ("k2", "01-10 00:00"), ("k3", "01-10 00:00:01")])
        let r = f.report()
        check(r, [
            "first": ["a": "900"], "last": ["d": "900"],
            "linear": ["a": "225", "b": "225", "c": "225", "d": "225"],
            "u_shaped": ["a": "360", "c": "360", "b": "90", "d": "90"],
            "w_shaped": ["a": "270", "c": "270", "b": "270", "d": "90"],
            "full_path": ["a": "225", "b": "225", "c": "225", "d": "225"],
            "j_shaped": ["a": "180", "d": "540", "b": "90", "c": "90"],
            "inverse_j": ["a": "540", "d": "180", "b": "90", "c": "90"],
            // 9, 8, 6 and 3 days before the close.
            "time_decay": ["a": "171.06", "c": "188.86", "b": "230.22", "d": "309.86"],
        ])
        let path = f.analysis().touches(ofDeal: f.dataset.deals[0])
        #expect(path.map(\.campaignID) == ["a", "c", "b", "d"])
        #expect(path.map(\.contactID) == ["k1", "k2", "k1", "k2"])
    }

    @Test("R18 a touch at the close counts, one microsecond after does not")
    func touchAtClose() {
        var f = base()
        f.contact("k", created: "01-01 00:00")
        f.view("01-02 00:00", tag("a"), contact: "k")
        f.view("01-10 00:00", tag("b"), contact: "k")
        f.view("01-10 00:00:00.000001", tag("c"), contact: "k")
        f.deal("d", amount: "1000", created: "01-01 00:00", closed: "01-10 00:00", contacts: [("k", "01-01 00:00")])
        let r = f.report()
        check(r, ["last": ["b": "1000"], "linear": ["a": "500", "b": "500"]])
    }

    @Test("R18 time decay uses fractional days")
    func timeDecayFractional() {
        var f = base()
        f.contact("k", created: "01-01 00:00")
        f.view("01-06 12:00", tag("a"), contact: "k")   // 3.5 days before the close: 2^-0.5
        f.view("01-09 12:00", tag("b"), contact: "k")   // 0.5 days: 2^(-1/14)
        f.deal("d", amount: "1000", created: "01-01 00:00", closed: "01-10 00:00", contacts: [("k", "01-01 00:00")])
        // 0.707107 / (0.707107 + 0.951695) = 0.4262756
        check(f.report(), ["time_decay": ["a": "426.28", "b": "573.72"]])
    }

    @Test("R18 lead creation is the last touch at or before the contact's creation, exactly at it included")
    func leadCreationAtInstant() {
        var f = base()
        f.contact("k", created: "01-05 00:00")
        f.view("01-01 00:00", tag("a"), contact: "k")   // first
        f.view("01-05 00:00", tag("b"), contact: "k")   // lead creation
        f.view("01-08 00:00", tag("c"), contact: "k")   // deal creation and closed won
        f.deal("d", amount: "1000", created: "01-09 00:00", closed: "01-10 00:00", contacts: [("k", "01-09 00:00")])
        check(f.report(), [
            "u_shaped": ["a": "400", "b": "400", "c": "200"],
            // thirds: the missing cent goes to the smallest id
            "w_shaped": ["a": "333.34", "b": "333.33", "c": "333.33"],
            "full_path": ["a": "250", "b": "250", "c": "500"],
            "j_shaped": ["a": "200", "b": "200", "c": "600"],
        ])
    }

    @Test("R18 ties in time at a key position go by order in the data")
    func tieAtPosition() {
        var f = base()
        f.contact("k1", created: "01-06 00:00"); f.contact("k2", created: "01-06 00:00")
        f.view("01-01 00:00", tag("a"), contact: "k1")
        f.view("01-01 00:00", tag("b"), contact: "k1")
        f.view("01-05 00:00", tag("c"), contact: "k1")
        f.view("01-01 00:00", tag("b"), contact: "k2")
        f.view("01-01 00:00", tag("a"), contact: "k2")
        f.view("01-05 00:00", tag("c"), contact: "k2")
        f.deal("d1", amount: "1000", created: "01-07 00:00", closed: "01-10 00:00", contacts: [("k1", "01-07 00:00")])
        f.deal("d2", amount: "10", created: "01-07 00:00", closed: "01-10 00:00", contacts: [("k2", "01-07 00:00")])
        // d1: first a (.6), other b (.2), closed won c (.2); d2: first b (.6), other a (.2), c (.2).
        check(f.report(), [
            "first": ["a": "1000", "b": "10"],
            "inverse_j": ["a": "602", "b": "206", "c": "202"],
            "u_shaped": ["a": "402", "b": "204", "c": "404"],
        ])
    }

    @Test("R18 a touch through an asset (an email open) is a touch")
    func assetTouch() {
        var f = base()
        f.asset("em", .email, in: "e")
        f.contact("k", created: "01-01 00:00")
        f.event(.emailOpen, "01-02 00:00", asset: "em", contact: "k")
        f.asset("wf", .workflow, in: "a")
        f.event(.workflowEnrollment, "01-02 12:00", asset: "wf", contact: "k")
        f.view("01-03 00:00", tag("a"), contact: "k")
        f.deal("d", amount: "1000", created: "01-01 00:00", closed: "01-10 00:00", contacts: [("k", "01-01 00:00")])
        check(f.report(), ["linear": ["a": "500", "e": "500"], "first": ["e": "1000"]])
    }

    @Test("R18 deals without touches are unattributed; lost, open and out-of-window deals are left out")
    func unattributed() {
        var f = base()
        f.contact("k1", created: "01-01 00:00"); f.contact("k2", created: "01-01 00:00")
        f.view("01-02 00:00", "https://ex.com/nothing", contact: "k1")       // no campaign
        f.view("01-02 00:00", tag("a"), contact: "k2")
        f.deal("d1", amount: "500", closed: "01-10 00:00", contacts: [("k1", "01-01 00:00")])
        f.deal("d2", amount: "250.50", closed: "01-10 00:00", contacts: [("k2", "01-10 00:00:01")])  // associated after
        f.deal("d3", amount: "300", closed: "01-10 00:00")                                          // no contact
        f.deal("d4", amount: "1000", stage: .closedLost, closed: "01-10 00:00", contacts: [("k2", "01-01 00:00")])
        f.deal("d5", amount: "1000", stage: .open, contacts: [("k2", "01-01 00:00")])
        f.deal("d6", amount: "70", closed: "01-09 00:00", contacts: [("k2", "01-01 00:00")])
        f.deal("d7", amount: "1000", closed: "02-01 00:00", contacts: [("k2", "01-01 00:00")])
        let r = f.report(from: "01-01", to: "01-31")
        #expect(r.attribution.attributedRevenue == 70)
        #expect(r.attribution.unattributedDeals == 3)
        #expect(r.attribution.unattributedRevenue == dec("1050.50"))
        for m in Self.models { #expect(r.credits(m) == amounts(["a": "70"]), "model \(m)") }
    }

    @Test("R18 amounts too large for the integer fast path are split exactly, in every model")
    func enormousAmounts() {
        var f = base()
        f.contact("k", created: "01-01 00:00")
        f.view("01-02 00:00", tag("a"), contact: "k")
        f.view("01-03 00:00", tag("b"), contact: "k")
        f.view("01-04 00:00", tag("c"), contact: "k")
        // 10^30: the amount times a weight overflows 128-bit units, so the exact fractions decide.
        f.deal("d", amount: "1000000000000000000000000000000", created: "01-01 00:00", closed: "01-10 00:00",
               contacts: [("k", "01-01 00:00")])
        let r = f.report()
        // Linear: a third each; 10^32 cents split 33...33.33 + 1 cent to the smaller id (all remainders tie at 1/3).
        let third = "333333333333333333333333333333.33"
        #expect(r.credits("linear") == amounts(["a": "333333333333333333333333333333.34", "b": third, "c": third]))
        for m in Self.models {
            let column = r.credits(m)
            #expect(column.values.reduce(0, +) == dec("1000000000000000000000000000000"), "model \(m)")
        }
    }

    @Test("R18 cents by largest remainder: ties go to the smaller campaign id (byte order)")
    func largestRemainderTies() {
        var f = Fixture()
        for c in ["c9", "c10", "c2"] { f.campaign(c, created: "2023-01-01T00:00:00Z") }
        f.contact("k", created: "01-01 00:00")
        f.view("01-02 00:00", tag("c9"), contact: "k")
        f.view("01-03 00:00", tag("c2"), contact: "k")
        f.view("01-04 00:00", tag("c10"), contact: "k")
        f.deal("d", amount: "100", created: "01-01 00:00", closed: "01-10 00:00", contacts: [("k", "01-01 00:00")])
        let r = f.report()
        #expect(r.credits("linear") == amounts(["c10": "33.34", "c2": "33.33", "c9": "33.33"]))
        #expect(r.attribution.attributedRevenue == 100)
    }

    @Test("R18 an exact half-cent tie goes to the smaller campaign id")
    func exactHalfCentTie() {
        var f = base()
        f.contact("k", created: "03-01 00:00")
        f.view("03-07 05:47:01", tag("a"), contact: "k")   // first
        f.view("03-07 15:51:00", tag("a"), contact: "k")   // none
        f.view("03-07 15:56:00", tag("b"), contact: "k")   // closed won: one of the others in u_shaped
        f.deal("d", amount: "4507.41", created: "03-05 12:29:00", closed: "03-08 19:54:30", contacts: [("k", "03-06 00:00")])
        // u_shaped: .4, .1, .1 of .6 -> a 5/6 = 3756.175, b 1/6 = 751.235: equal remainders, a gets the cent.
        check(f.report(), ["u_shaped": ["a": "3756.18", "b": "751.23"]])
    }

    @Test("R18 credits equal in exact arithmetic tie, even when they come from different deals")
    func exactTieAcrossDeals() {
        var f = Fixture()
        for c in ["c1", "c2", "c3", "c4", "c5"] { f.campaign(c, created: "2023-01-01T00:00:00Z") }
        f.contact("k1", created: "01-01 00:00"); f.contact("k2", created: "01-01 00:00"); f.contact("k3", created: "01-01 00:00")
        for (k, campaigns) in [("k1", ["c1", "c3", "c5"]), ("k2", ["c1", "c3", "c5"]), ("k3", ["c2", "c4", "c4"])] {
            for (i, c) in campaigns.enumerated() { f.view("01-0\(i + 2) 00:00", tag(c), contact: k) }
        }
        f.deal("d1", amount: "1.01", created: "01-01 00:00", closed: "01-10 00:00", contacts: [("k1", "01-01 00:00")])
        f.deal("d2", amount: "1.01", created: "01-01 00:00", closed: "01-10 00:00", contacts: [("k2", "01-01 00:00")])
        f.deal("d3", amount: "2.02", created: "01-01 00:00", closed: "01-10 00:00", contacts: [("k3", "01-01 00:00")])
        // Linear, in cents: c1, c3, c5 get 2 x 101/3 = 67 1/3; c2 gets 202/3 = 67 1/3; c4 gets 404/3 = 134 2/3.
        // Floors 67+67+67+67+134 = 402 of 404: c4 (remainder 2/3) gets one cent, then c1, c2, c3 and c5
        // tie at exactly 1/3 and the smallest id, c1, gets the other.
        let r = f.report()
        #expect(r.attribution.attributedRevenue == dec("4.04"))
        #expect(r.credits("linear") == amounts(["c1": "0.68", "c2": "0.67", "c3": "0.67", "c4": "1.35", "c5": "0.67"]))
        // u_shaped (no lead-creation touch: first .4, the two others .1 each, of .6), in cents:
        // c1 2 x 101 x 2/3 = 134 2/3, c2 202 x 2/3 = 134 2/3, c3 and c5 2 x 101/6 = 33 2/3, c4 2 x 202/6 = 67 1/3.
        // Floors 401 of 404: the three cents go to c1, c2, c3 (remainder 2/3, smallest ids first).
        #expect(r.credits("u_shaped") == amounts(["c1": "1.35", "c2": "1.35", "c3": "0.34", "c4": "0.67", "c5": "0.33"]))
    }

    @Test("R18 cents are rounded over the campaign totals, to the attributed total rounded half up")
    func largestRemainderOverTotals() {
        var f = base()
        f.contact("k1", created: "01-01 00:00"); f.contact("k2", created: "01-01 00:00"); f.contact("k3", created: "01-01 00:00")
        f.view("01-02 00:00", tag("a"), contact: "k1")
        f.view("01-03 00:00", tag("b"), contact: "k1")
        f.view("01-04 00:00", tag("c"), contact: "k1")
        f.view("01-02 00:00", tag("b"), contact: "k2")
        f.view("01-03 00:00", tag("c"), contact: "k2")
        f.view("01-02 00:00", tag("d"), contact: "k3")
        f.view("01-03 00:00", tag("e"), contact: "k3")
        f.deal("d1", amount: "100", created: "01-01 00:00", closed: "01-10 00:00", contacts: [("k1", "01-01 00:00")])
        f.deal("d2", amount: "0.01", created: "01-01 00:00", closed: "01-10 00:00", contacts: [("k2", "01-01 00:00")])
        f.deal("d3", amount: "10.015", created: "01-01 00:00", closed: "01-10 00:00", contacts: [("k3", "01-01 00:00")])
        let r = f.report()
        // Exact linear credits: a 33.3333.., b and c 33.3383.., d and e 5.0075; total 110.025 -> 110.03 (half up).
        // In cents the floors are 3333, 3333, 3333, 500, 500 = 10999: 4 cents missing, given to the
        // largest remainders b .83, c .83, d .75, e .75 (a's .33 gets none).
        // (Rounding each deal separately would instead give a 33.34, b 33.34, c 33.33.)
        #expect(r.attribution.attributedRevenue == dec("110.03"))
        #expect(r.credits("linear") == amounts(["a": "33.33", "b": "33.34", "c": "33.34", "d": "5.01", "e": "5.01"]))
    }

    @Test("R18 a deal's time-decay credits sum to its amount within 1e-20 (found by the property test)")
    func timeDecayCreditsSum() {
        var f = base()
        f.contact("k", created: "03-01 00:00")
        f.view("03-07 05:19:00", tag("a"), contact: "k")
        f.view("03-07 05:55:59", tag("b"), contact: "k")
        f.view("03-07 18:52:30", tag("c"), contact: "k")
        f.deal("d", amount: "2857.11", created: "03-07 18:52:30", closed: "03-07 18:52:30", contacts: [("k", "03-01 00:00")])
        let a = f.analysis()
        let deal = f.dataset.deals[0]
        let path = a.touches(ofDeal: deal)
        #expect(path.count == 3)
        let epsilon = Decimal(sign: .plus, exponent: -20, significand: 1)
        for model in AttributionModel.builtIn {
            var diff = a.credits(of: path, deal: deal, model: model).reduce(0, +) - deal.amount
            if diff < 0 { diff = -diff }
            #expect(diff <= epsilon, "model \(model.name): off by \(diff)")
        }
    }
}
