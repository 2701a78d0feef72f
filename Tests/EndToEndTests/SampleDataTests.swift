import Foundation
import Testing

/// `sample-data/README.md`'s "Expected numbers", checked through the real binary:
/// `utmost import sample-data` into a fresh store, then
/// `utmost report --format json --as-of 2026-11-29T00:00:00Z`.
@Suite("Sample data: the README's expected numbers")
struct SampleDataTests {
    /// The README's table: sessions, influenced, new (first touch), new (last touch), deals, revenue.
    static let expected: [String: Metrics] = [
        "c-ads": Metrics(sessions: 424, influenced: 155, firstTouch: 64, lastTouch: 42, deals: 8, revenueCents: 2_153_760),
        "c-always-on": Metrics(sessions: 540, influenced: 191, firstTouch: 72, lastTouch: 71, deals: 7, revenueCents: 3_591_840),
        "c-launch3": Metrics(sessions: 174, influenced: 151, firstTouch: 10, lastTouch: 26, deals: 3, revenueCents: 528_720),
        "c-nurture": Metrics(sessions: 79, influenced: 138, firstTouch: 0, lastTouch: 0, deals: 11, revenueCents: 4_018_560),
        "c-partner": Metrics(sessions: 37, influenced: 20, firstTouch: 6, lastTouch: 6, deals: 1, revenueCents: 228_000),
        "c-spring": Metrics(sessions: 89, influenced: 47, firstTouch: 8, lastTouch: 25, deals: 4, revenueCents: 1_479_480),
        "c-webinar": Metrics(sessions: 45, influenced: 48, firstTouch: 2, lastTouch: 12, deals: 3, revenueCents: 1_095_600),
        "c-yearend": Metrics(sessions: 86, influenced: 110, firstTouch: 2, lastTouch: 21, deals: 3, revenueCents: 2_145_120),
    ]

    /// One store and one report for the read-only checks below (import and report take
    /// a fraction of a second, but there is no need to repeat them).
    static let shared: Result<ReportJSON, Error> = Result {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        return try scratch.report()
    }

    func report() throws -> ReportJSON { try Self.shared.get() }

    @Test("R14 every campaign's six metrics match the README's table")
    func campaignMetrics() throws {
        let report = try report()
        #expect(report.campaignIDs == Self.expected.keys.sorted(), "campaigns sorted by id, all eight")
        for (id, metrics) in Self.expected.sorted(by: { $0.key < $1.key }) {
            #expect(try report.metrics(id) == metrics, "\(id)")
        }
    }

    @Test("R14 the report's window is all time in UTC")
    func window() throws {
        let window = try #require(try report().root["window"] as? [String: Any])
        #expect(window["from"] is NSNull)
        #expect(window["to"] is NSNull)
        #expect(window["tz"] as? String == "UTC")
    }

    @Test("R17 only Always-on content, created in 2016, is out of the analytics view")
    func inAnalytics() throws {
        let report = try report()
        for id in Self.expected.keys {
            #expect(try report.campaign(id)["in_analytics"] as? Bool == (id != "c-always-on"), "\(id)")
        }
    }

    @Test("R3 Spring launch carries spring-promo as an alias; the webinar's value is made from its name (R2)")
    func utmValues() throws {
        let report = try report()
        #expect(try report.campaign("c-spring")["utm_campaign"] as? String == "spring-launch")
        #expect(try report.campaign("c-spring")["utm_aliases"] as? [String] == ["spring-promo"])
        #expect(try report.campaign("c-webinar")["utm_campaign"] as? String == "webinar-cash-flow-for-agencies")
        #expect(try report.campaign("c-yearend")["utm_campaign"] as? String == "year-end-push")
    }

    @Test("R9 the five hidden assets and their reasons; every other asset is visible")
    func hiddenAssets() throws {
        let report = try report()
        let expected: [String: (campaign: String, reason: String)] = [
            "a-soc-birthday": ("c-always-on", "unpublished"),
            "a-soc-launch-story": ("c-launch3", "unpublished"),
            "a-ppc-timesheets": ("c-ads", "not_visited"),
            "a-tu-podcast": ("c-partner", "not_visited"),
            "a-blog-webinar-recap": ("c-webinar", "outside_dates"),
        ]
        var hidden: [String: (String, String)] = [:]
        for campaign in report.campaigns {
            let cid = campaign["id"] as? String ?? "?"
            for asset in campaign["assets"] as? [[String: Any]] ?? [] {
                let aid = asset["id"] as? String ?? "?"
                let visible = asset["visible"] as? Bool
                let reason = asset["hidden_reason"] as? String
                if visible == false {
                    hidden[aid] = (cid, reason ?? "nil")
                    #expect(asset["interactions"] as? Int == 0, "a hidden asset shows 0 interactions (R14): \(aid)")
                    #expect(asset["contacts"] as? Int == 0, "a hidden asset shows 0 contacts (R14): \(aid)")
                } else {
                    #expect(visible == true, "\(aid) in \(cid) has no visible flag")
                    #expect(asset["hidden_reason"] is NSNull, "\(aid) is visible, so its reason is null")
                }
            }
        }
        #expect(Set(hidden.keys) == Set(expected.keys))
        for (aid, want) in expected {
            #expect(hidden[aid]?.0 == want.campaign, "\(aid)'s campaign")
            #expect(hidden[aid]?.1 == want.reason, "\(aid)'s reason")
        }
    }

    @Test("R9 --as-of decides unpublished posts: the 2030 birthday post shows once its date has passed")
    func asOfPublishes() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let result = try scratch.utmost("report", "--format", "json", "--as-of", "2030-03-16T00:00:00Z")
        #expect(result.status == 0, "\(result)")
        let later = try ReportJSON(result.stdout)
        let birthday = try later.asset("a-soc-birthday", in: "c-always-on")
        #expect(birthday["visible"] as? Bool == true && birthday["hidden_reason"] is NSNull, "\(birthday)")
        let draft = try later.asset("a-soc-launch-story", in: "c-launch3")
        #expect(draft["hidden_reason"] as? String == "unpublished", "a draft has no date: still hidden")
    }

    @Test("R14 the window's days and zone are echoed in the JSON")
    func windowEcho() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let report = try scratch.report("--from", "2024-01-01", "--to", "2024-06-30", "--tz", "Europe/Amsterdam")
        let window = try #require(report.root["window"] as? [String: Any])
        #expect(window["from"] as? String == "2024-01-01")
        #expect(window["to"] as? String == "2024-06-30")
        #expect(window["tz"] as? String == "Europe/Amsterdam")
        #expect(try report.metrics("c-webinar").sessions == 0, "the webinar ran in 2023")
        #expect(try report.metrics("c-launch3").sessions > 0)
    }

    @Test("R14 Partner program's assets: the README's interactions and contacts")
    func partnerAssets() throws {
        let report = try report()
        let expected = ["a-tu-agencyhub": (18, 6), "a-wp-partners": (37, 13), "a-em-partner": (23, 14), "a-form-partner": (6, 6)]
        for (aid, (interactions, contacts)) in expected {
            let asset = try report.asset(aid, in: "c-partner")
            #expect(asset["interactions"] as? Int == interactions, "\(aid) interactions")
            #expect(asset["contacts"] as? Int == contacts, "\(aid) contacts")
        }
        #expect(try report.assetIDs("c-partner") == ["a-em-partner", "a-form-partner", "a-tu-agencyhub", "a-tu-podcast", "a-wp-partners"],
                "assets sorted by id")
    }

    @Test("R7 the moved templates page is listed under the 3.0 launch only; the workflow under two campaigns")
    func movedAndShared() throws {
        let report = try report()
        #expect(report.campaignsListing("a-lp-templates") == ["c-launch3"])
        #expect(report.campaignsListing("a-form-templates") == ["c-launch3"])
        #expect(report.campaignsListing("a-wf-onboarding") == ["c-launch3", "c-nurture"])
    }

    @Test("R5 the six unlinked utm values with their spellings, page views and sessions")
    func unlinked() throws {
        let report = try report()
        let expected: [(key: String, spellings: [String], views: Int, sessions: Int)] = [
            ("black-friday-2023", ["black-friday-2023"], 10, 10),
            ("g2-reviews", ["g2-reviews"], 62, 62),
            ("newsletter-june", ["newsletter-june"], 16, 16),
            ("partner_program", ["partner_program"], 3, 3),
            ("spring launch", ["Spring Launch", "spring launch"], 4, 4),
            ("sprng-launch", ["Sprng-Launch", "sprng-launch"], 12, 12),
        ]
        let got = report.unlinked
        #expect(got.compactMap { $0["key"] as? String } == expected.map(\.key), "sorted by key; spring-launch (too early) is not unlinked")
        for want in expected {
            guard let value = got.first(where: { $0["key"] as? String == want.key }) else { continue }
            #expect(value["spellings"] as? [String] == want.spellings, "\(want.key) spellings")
            #expect(value["page_views"] as? Int == want.views, "\(want.key) page views")
            #expect(value["sessions"] as? Int == want.sessions, "\(want.key) sessions")
        }
    }

    @Test("R18 attribution totals: 67,857.60 attributed, 5 deals (15,544.80) not")
    func attributionTotals() throws {
        let a = try report().attribution
        #expect(ReportJSON.cents(a["attributed_revenue"]) == 6_785_760)
        #expect(a["unattributed_deals"] as? Int == 5)
        #expect(ReportJSON.cents(a["unattributed_revenue"]) == 1_554_480)
    }

    @Test("R18 first-touch and last-touch credits match the README")
    func firstAndLast() throws {
        let report = try report()
        #expect(report.model("first") == [
            "c-ads": 1_784_160, "c-always-on": 2_606_880, "c-launch3": 369_600, "c-nurture": 702_000,
            "c-partner": 228_000, "c-spring": 936_000, "c-yearend": 159_120,
        ])
        #expect(report.model("last") == [
            "c-ads": 1_004_400, "c-always-on": 228_000, "c-launch3": 346_320, "c-nurture": 1_536_360,
            "c-partner": 228_000, "c-spring": 361_080, "c-webinar": 1_095_600, "c-yearend": 1_986_000,
        ])
    }

    @Test("R18 every model of the SPEC is there and sums to the attributed total, to the cent")
    func everyModelSums() throws {
        let report = try report()
        let total = ReportJSON.cents(report.attribution["attributed_revenue"])
        let models = try #require(report.attribution["models"] as? [String: Any])
        let names = ["first", "last", "linear", "u_shaped", "w_shaped", "full_path", "time_decay", "j_shaped", "inverse_j"]
        #expect(Set(models.keys).isSuperset(of: names), "models: \(models.keys.sorted())")
        for name in names {
            #expect(report.model(name).values.reduce(0, +) == total, "\(name) sums to the attributed total")
            #expect(Set(report.model(name).keys).isSubset(of: Set(Self.expected.keys)), "\(name) credits known campaigns")
        }
    }

    @Test("R14 the same numbers as CSV: one row per campaign, parsed")
    func csvAgrees() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let csv = try scratch.utmost("report", "--format", "csv", "--as-of", CLI.asOf)
        #expect(csv.status == 0, "\(csv)")
        let rows = CSVText.parse(csv.stdout)
        let header = try #require(rows.first)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "CSV has no \(name) column: \(header)") }
        let id = try column("id"), sessions = try column("sessions"), influenced = try column("influenced_contacts")
        let first = try column("new_contacts_first_touch"), last = try column("new_contacts_last_touch")
        let deals = try column("influenced_deals"), revenue = try column("influenced_revenue")
        var seen: [String: Metrics] = [:]
        for row in rows.dropFirst() where row.count == header.count {
            guard Self.expected[row[id]] != nil else { continue }
            seen[row[id]] = Metrics(sessions: Int(row[sessions]) ?? -1, influenced: Int(row[influenced]) ?? -1,
                                    firstTouch: Int(row[first]) ?? -1, lastTouch: Int(row[last]) ?? -1,
                                    deals: Int(row[deals]) ?? -1,
                                    revenueCents: Int(((Double(row[revenue]) ?? -1) * 100).rounded()))
        }
        #expect(seen == Self.expected)
    }

    @Test("R14 after importing more-events: sessions and influenced move as the README says, deals do not")
    func moreEvents() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let imported = try scratch.utmost("import", CLI.moreEvents.path)
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("382 events"), "\(imported.stdout)")
        let report = try scratch.report()
        var expected = Self.expected
        expected["c-ads"]!.sessions = 454
        expected["c-always-on"]!.sessions = 578
        expected["c-launch3"]!.sessions = 178
        expected["c-partner"]!.sessions = 45
        expected["c-ads"]!.influenced = 162
        expected["c-always-on"]!.influenced = 197
        expected["c-launch3"]!.influenced = 158
        for (id, want) in expected.sorted(by: { $0.key < $1.key }) {
            let got = try report.metrics(id)
            #expect(got.sessions == want.sessions, "\(id) sessions")
            #expect(got.influenced == want.influenced, "\(id) influenced (the partner program's new visitors stay anonymous)")
            #expect(got.deals == want.deals && got.revenueCents == want.revenueCents, "\(id) deals unchanged")
        }
        let a = report.attribution
        #expect(ReportJSON.cents(a["attributed_revenue"]) == 6_785_760, "attribution unchanged")
        #expect(a["unattributed_deals"] as? Int == 5)
    }
}

/// A small RFC 4180 reader for checking `--format csv`.
enum CSVText {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, afterQuote = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false; afterQuote = true }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !afterQuote: quoted = true
            case ",": row.append(field); field = ""; afterQuote = false
            case "\n", "\r\n":
                row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
            case "\r": continue
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
