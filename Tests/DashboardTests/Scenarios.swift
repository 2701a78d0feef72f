import Widgets
import Attribution
import CampaignKit
@testable import Dashboard

/// The states the view tests draw, each at 120×35 and 80×24.
enum Scenarios {
    typealias Build = @Sendable (Int, Int) -> DashboardState

    static let all: [(name: String, build: Build)] = [
        ("campaigns", { w, h in Fixtures.state(width: w, height: h) }),
        ("assets", { w, h in spring(w, h, focus: .assets) }),
        ("metrics", { w, h in
            var s = spring(w, h, focus: .metrics)
            s.metricIndex = 5
            return s
        }),
        ("analytics", { w, h in press(.char("2"), on: Fixtures.state(width: w, height: h)).0 }),
        ("unlinked", { w, h in press(.char("3"), on: Fixtures.state(width: w, height: h)).0 }),
        ("help", { w, h in press(.char("?"), on: Fixtures.state(width: w, height: h)).0 }),
        ("explain", { w, h in
            var s = spring(w, h, focus: .assets)
            s.selectedAssetID = "a4"
            s = press(.char("e"), on: s).0
            s = update(s, .explained(.asset(assetID: "a4", campaignID: "c1"), .success(explanation))).0
            return s
        }),
        ("picker", { w, h in
            var s = press(.char("a"), on: spring(w, h, focus: .campaigns)).0
            s = update(s, .assetsLoaded(.success(Fixtures.assets))).0
            return s
        }),
        ("confirm-move", { w, h in
            var s = press(.char("a"), on: spring(w, h, focus: .campaigns)).0
            s = update(s, .assetsLoaded(.success(Fixtures.assets))).0
            return press(typing("signup") + [.enter], on: s).0
        }),
        ("rename", { w, h in press([.char("r"), .ctrl("u")] + typing("Spring launch 2024"), on: spring(w, h, focus: .campaigns)).0 }),
        ("single-pane-filter", { w, h in press([.char("/")] + typing("spr"), on: Fixtures.state(width: w, height: h)).0 }),
        ("ascii", { w, h in spring(w, h, focus: .assets, glyphs: .ascii) }),
        ("new-campaign", { w, h in press([.char("n")] + typing("Webinar series"), on: Fixtures.state(width: w, height: h)).0 }),
        ("alias-picker", { w, h in
            var s = press(.char("3"), .char("a"), on: Fixtures.state(width: w, height: h)).0
            s = update(s, .campaignsLoaded(.success(Fixtures.report().campaigns.map {
                CampaignListing(id: $0.id, name: $0.name, utmCampaign: $0.utmCampaign)
            }))).0
            return s
        }),
        ("attribution", { w, h in press(.char("4"), on: Fixtures.state(width: w, height: h)).0 }),
        ("attribution-scrolled", { w, h in
            press([.char("4")] + Array(repeating: .char("l"), count: 6) + [.char("s")], on: Fixtures.state(width: w, height: h)).0
        }),
        ("top-deals", { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.attributionModel = "linear"
            s.attributionCampaignID = "c1"
            let (t, effects) = press(.char("4"), .enter, on: s)
            guard case .loadTopDeals(let request)? = effects.last else { return t }
            return update(t, .topDealsLoaded(request, .success(Fixtures.topDeals))).0
        }),
        ("campaigns-model", { w, h in press(.char("m"), .char("m"), .char("m"), on: Fixtures.state(width: w, height: h)).0 }),
        ("segment-picker", { w, h in
            var s = press(.char("f"), on: Fixtures.state(width: w, height: h)).0
            s = update(s, .segmentsLoaded(.success(Fixtures.segments))).0
            return press(.down, on: s).0
        }),
        ("segment", { w, h in segmented(spring(w, h, focus: .campaigns)) }),
        ("contacts", { w, h in
            let (s, effects) = press(.char("c"), on: segmented(spring(w, h, focus: .campaigns), Fixtures.tradeshow, members: 24))
            guard case .loadContacts(let request)? = effects.last else { return s }
            let rows = Fixtures.contacts.filter { $0.salesforceCampaignIDs.contains(Fixtures.tradeshow) }
            return update(s, .contactsLoaded(request, .success(CampaignContacts(contacts: rows, total: rows.count)))).0
        }),
        ("contacts-all", { w, h in
            let (s, effects) = press(.char("c"), on: spring(w, h, focus: .campaigns))
            guard case .loadContacts(let request)? = effects.last else { return s }
            return update(s, .contactsLoaded(request, .success(CampaignContacts(contacts: Fixtures.contacts, total: 312)))).0
        }),
    ]

    static func named(_ name: String) -> Build { all.first { $0.name == name }!.build }

    /// Spring launch selected, the focus on a pane.
    static func spring(_ w: Int, _ h: Int, focus: Pane, glyphs: Glyphs = .unicode) -> DashboardState {
        var s = Fixtures.state(width: w, height: h, glyphs: glyphs)
        s.selectedCampaignID = "c1"
        s.focus = focus
        return s
    }

    /// R20: the segment in force, as the picker leaves it (the report is the fixtures' own).
    static func segmented(_ state: DashboardState, _ id: String = Fixtures.tradeshow, members: Int = 24) -> DashboardState {
        var s = state
        s.segment = Segment(id: id, members: members)
        // As the picker leaves it: the segment's report was asked for.
        s.requestedReport = s.reportRequest
        return s
    }

    static let explanation = [
        "Brand keywords (paid_search a4) in Spring launch",
        "",
        "Associated with Spring launch since 2024-02-03T10:00:00Z, still associated.",
        "Hidden (R9 rule 2, not_visited): no ad_click on it and no page view with one of its keywords since it was associated.",
        "  2 ad clicks before 2024-02-03 did not count: before the association (R8).",
    ]
}
