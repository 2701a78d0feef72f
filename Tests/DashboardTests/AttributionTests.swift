import Widgets
import Foundation
import Testing
import Attribution
import CampaignKit
@testable import Dashboard

/// Tab 4 and `m` (R18): every key is a pure state change on the last report,
/// except Enter, which asks the backend for the deals behind a cell.
@Suite("Keys: attribution")
struct AttributionKeyTests {
    let state = Fixtures.state()
    var tab: DashboardState { press(.char("4"), on: state).0 }

    @Test("4 opens the attribution tab; moving never recomputes")
    func four() {
        let (s, effects) = press(.char("4"), on: state)
        #expect(s.tab == .attribution && s.bindingContext == .attribution)
        #expect(effects.isEmpty)
        #expect(s.attributionModels == AttributionModel.builtIn.map(\.name))
        #expect(s.selectedModel == "first")
        // Credited campaigns only (Summer sale has none), by name.
        #expect(s.attributionCampaigns.map(\.id) == ["c4", "c5", "c1", "c2"])
        #expect(press(.char("4"), .char("1"), on: state).0.tab == .campaigns)
    }

    @Test("j/k and g/G move the campaign cursor")
    func moves() {
        var (s, effects) = press(.char("j"), .char("j"), on: tab)
        #expect(s.selectedAttributionCampaign?.id == "c1")
        #expect(effects.isEmpty)
        (s, effects) = press(.char("k"), on: s)
        #expect(s.selectedAttributionCampaign?.id == "c5")
        #expect(press(.char("G"), on: s).0.selectedAttributionCampaign?.id == "c2")
        #expect(press(.char("G"), .char("g"), on: s).0.selectedAttributionCampaign?.id == "c4")
    }

    @Test("h/l choose the model, stopping at the ends; at 80 columns the model columns scroll")
    func sideways() {
        var (s, effects) = press(.char("l"), .right, on: tab)
        #expect(s.selectedModel == "linear")
        #expect(effects.isEmpty)
        s = press(.char("h"), .left, .char("h"), on: s).0
        #expect(s.selectedModel == "first")
        s = press(Array(repeating: .char("l"), count: 12), on: s).0
        #expect(s.selectedModel == "inverse_j")

        var narrow = press(.char("4"), on: Fixtures.state(width: 80, height: 24)).0
        let width = Layout(width: 80, height: 24).body.width - 4
        #expect(AttributionView.visibleModels(narrow, width: width).models.map { $0 } == ["first", "last", "linear", "u_shaped", "w_shaped"])
        narrow = press(Array(repeating: .char("l"), count: 5), on: narrow).0
        #expect(narrow.selectedModel == "full_path")
        #expect(AttributionView.visibleModels(narrow, width: width).models.map { $0 } == ["last", "linear", "u_shaped", "w_shaped", "full_path"])
        narrow = press(.char("G"), .char("l"), .char("l"), .char("l"), on: narrow).0
        #expect(AttributionView.visibleModels(narrow, width: width).models.last == "inverse_j")
        #expect(AttributionView.visibleModels(Fixtures.state(width: 120, height: 35), width: 116).models.count == 9)
    }

    @Test("s sorts by the selected model's column, again reverses, a third time back to names; the cursor keeps its campaign")
    func sort() {
        var s = press(.char("l"), .char("l"), .char("j"), on: tab).0   // linear, on Legacy newsletter
        #expect(s.selectedAttributionCampaign?.id == "c5")
        var effects: [Effect]
        (s, effects) = press(.char("s"), on: s)
        #expect(effects.isEmpty)
        #expect(s.attributionSort == AttributionSort(model: "linear", descending: true))
        #expect(s.attributionCampaigns.map(\.id) == ["c4", "c1", "c2", "c5"])
        #expect(s.selectedAttributionCampaign?.id == "c5")
        s = press(.char("s"), on: s).0
        #expect(s.attributionCampaigns.map(\.id) == ["c5", "c2", "c1", "c4"])
        s = press(.char("s"), on: s).0
        #expect(s.attributionSort == AttributionSort())
        #expect(s.attributionCampaigns.map(\.id) == ["c4", "c5", "c1", "c2"])
        // Sorting by another model starts again from its largest credit; a campaign with none sorts last.
        s = press(.char("h"), .char("s"), on: s).0
        #expect(s.attributionSort == AttributionSort(model: "last", descending: true))
        #expect(s.attributionCampaigns.map(\.id) == ["c4", "c1", "c2", "c5"])
    }

    @Test("Enter asks the backend for the campaign's top deals under the selected model; the answer fills the popup")
    func enter() async {
        let s0 = press(.char("l"), .char("l"), .char("j"), .char("j"), on: tab).0   // linear, Spring launch
        let (s, effects) = press(.enter, on: s0)
        let request = TopDealsRequest(campaignID: "c1", model: "linear", window: s0.window, limit: 10)
        #expect(effects == [.loadTopDeals(request)])
        guard case .topDeals(let popup)? = s.popup else { Issue.record("no popup"); return }
        #expect(popup.request == request && popup.campaignName == "Spring launch" && popup.result == nil)

        let backend = FakeBackend()
        let done = await settle(s, effects, backend: backend)
        #expect(await backend.calls == ["topDeals c1 linear all dates 10"])
        guard case .topDeals(let loaded)? = done.popup else { Issue.record("popup closed"); return }
        #expect(loaded.result == Fixtures.topDeals)
        #expect(loaded.lineCount == 7)   // 2 deals, 4 touches, 1 gap
    }

    @Test("the top-deals popup: j/k scroll within its lines, Esc closes, a stale or failed answer is handled")
    func popupKeys() {
        let (s, effects) = press(.enter, on: tab)
        guard case .loadTopDeals(let request)? = effects.first else { Issue.record("no request"); return }
        // An answer for another campaign or model is dropped.
        var other = request
        other.model = "last"
        #expect(update(s, .topDealsLoaded(other, .success(Fixtures.topDeals))).0 == s)

        var t = update(s, .topDealsLoaded(request, .success(Fixtures.topDeals))).0
        t = press(.char("j"), .char("j"), on: t).0
        guard case .topDeals(let popup)? = t.popup else { Issue.record("no popup"); return }
        #expect(popup.scroll == 2)
        t = press(Array(repeating: .char("j"), count: 20), on: t).0
        if case .topDeals(let popup)? = t.popup { #expect(popup.scroll == 6) }
        t = press(.char("k"), .char("g"), on: t).0
        if case .topDeals(let popup)? = t.popup { #expect(popup.scroll == 0) }
        #expect(press(.escape, on: t).0.popup == nil)
        #expect(press(.char("q"), on: t).0.popup == nil)
        #expect(!press(.char("q"), on: t).0.quitting)

        let failed = update(s, .topDealsLoaded(request, .failure(BackendFailure("the store is locked")))).0
        guard case .topDeals(let f)? = failed.popup else { Issue.record("no popup"); return }
        #expect(f.error == "the store is locked")
        #expect(screen(failed).contains("Could not list the deals: the store is locked"))
    }

    @Test("? on the attribution tab lists its keys from the key map, and 4 among the global ones")
    func help() {
        let s = press(.char("?"), on: tab).0
        guard case .help(let help)? = s.popup else { Issue.record("no help"); return }
        #expect(help.context == .attribution)
        let lines = HelpOverlay.lines(help, glyphs: .unicode).filter { !$0.heading && !$0.key.isEmpty }
        let keys = Dictionary(lines.map { ($0.key, $0.text) }, uniquingKeysWith: { a, _ in a })
        #expect(keys["h ←"] == "previous model" && keys["l →"] == "next model")
        #expect(keys["s"] == "sort by the model (again: reverse, then by name)")
        #expect(keys["Enter"] == "the campaign's top deals and their touches")
        #expect(keys["4"] == "attribution models (R18)")
        #expect(KeyMap.command(for: .char("m"), in: .campaigns) == .cycleModel)
        #expect(KeyMap.command(for: .escape, in: .campaigns) == .resetModel)
    }

    @Test("Enter with no credited campaign says so and asks nothing")
    func enterEmpty() {
        var s = tab
        s.report?.attribution = AttributionReport()
        let (t, effects) = press(.enter, on: s)
        #expect(effects.isEmpty && t.popup == nil)
        #expect(t.message?.isError == true)
        #expect(screen(t).contains("No campaign has attributed revenue"))
    }
}

@Suite("Keys: m in the campaigns pane")
struct RevenueModelKeyTests {
    let state = Fixtures.state()

    @Test("m cycles the revenue column through the nine models and back to influenced revenue, recomputing nothing")
    func cycle() {
        var s = state
        var seen: [String?] = []
        for _ in 0...9 {
            let (next, effects) = press(.char("m"), on: s)
            #expect(effects.isEmpty)
            s = next
            seen.append(s.revenueModel)
        }
        #expect(seen == AttributionModel.builtIn.map(\.name) + [nil])
        #expect(press(.char("m"), on: state).0.message?.text.hasPrefix("Revenue: First touch credit (R18)") == true)
    }

    @Test("Esc goes back to influenced revenue; with a filter, Esc clears the filter first")
    func escape() {
        var s = press(.char("m"), .char("m"), .char("m"), on: state).0
        #expect(s.revenueModel == "linear")
        #expect(press(.escape, on: s).0.revenueModel == nil)
        s = press([.char("/")] + typing("spr") + [.enter], on: s).0
        s = press(.escape, on: s).0
        #expect(s.campaignFilter.text.isEmpty && s.revenueModel == "linear")
        s = press(.escape, on: s).0
        #expect(s.revenueModel == nil)
        // m belongs to the campaigns pane.
        #expect(press(.tab, .char("m"), on: state).0.revenueModel == nil)
    }

    @Test("R18 the revenue column and its sort follow the model's credit")
    func revenue() {
        var s = press(.char("m"), .char("m"), .char("m"), on: state).0
        let spring = Fixtures.spring
        #expect(s.revenue(of: spring) == Fixtures.money("50333.34"))
        #expect(s.revenue(of: Fixtures.summer) == 0)
        s.campaignSort = .revenue
        #expect(s.visibleCampaigns.map(\.id) == ["c4", "c1", "c2", "c5", "c3"])
        s = press(.char("m"), on: s).0   // u_shaped
        s.campaignSort = .revenue
        #expect(s.visibleCampaigns.map(\.id) == ["c4", "c1", "c2", "c5", "c3"])
        s = press(.escape, on: s).0
        #expect(s.revenue(of: spring) == spring.influencedRevenue)
    }
}

@Suite("Attribution numbers on screen")
struct AttributionPlacementTests {
    /// The column where `text` ends on row `y`, nil when absent.
    func end(of text: String, in grid: CellGrid, row y: Int) -> Int? {
        let line = grid.line(y)
        guard let range = line.range(of: text) else { return nil }
        return line.distance(from: line.startIndex, to: range.upperBound)
    }

    func row(_ prefix: String, in grid: CellGrid) -> Int? {
        (0..<grid.height).first { grid.line($0).dropFirst(2).hasPrefix(prefix) }
    }

    @Test("R18 totals row equals the attributed revenue, under every model, at 120 and 80 columns", arguments: [(120, 35), (80, 24)])
    func totals(size: (Int, Int)) {
        var s = press(.char("4"), on: Fixtures.state(width: size.0, height: size.1)).0
        let attributed = Fixtures.attribution.attributedRevenue
        for model in s.attributionModels {
            let sum = s.attributionCampaigns.reduce(Decimal(0)) { $0 + s.credit(model, campaignID: $1.id) }
            #expect(sum == attributed, "\(model)")
        }
        for _ in 0..<3 {
            let grid = Screen.render(s)
            guard let y = row("Total", in: grid) else { Issue.record("no totals row"); return }
            let shown = grid.line(y).split(separator: " ").filter { $0.first?.isNumber == true }
            #expect(!shown.isEmpty && shown.allSatisfy { $0 == "150,000.00" })
            #expect(grid.line(y).contains("150,000.00"))
            s = press(.char("l"), .char("l"), .char("l"), .char("l"), on: s).0
        }
        #expect(screen(s).contains("Attributed 150,000.00"))
        #expect(screen(s).contains("unattributed: 2 deals without a touch, 1,800.00"))
    }

    @Test("R18 each credit is right-aligned under its model's header, in its campaign's row")
    func placement() {
        let s = press(.char("4"), on: Fixtures.state()).0
        let grid = Screen.render(s)
        guard let header = row("Campaign", in: grid), let spring = row("Spring launch", in: grid),
              let webinar = row("Webinar series", in: grid), let total = row("Total", in: grid) else {
            Issue.record("rows missing"); return
        }
        let cells: [(String, Int, String)] = [("Linear", spring, "50,333.34"), ("Last", webinar, "9,499.75"),
                                              ("Time decay", spring, "58,123.45"), ("First", total, "150,000.00")]
        for (model, y, amount) in cells {
            let right = end(of: model, in: grid, row: header)
            #expect(right != nil && right == end(of: amount, in: grid, row: y), "\(model) \(amount)")
        }
        // The legacy newsletter has no credit under `last`: a dash, not 0.00.
        guard let legacy = row("Legacy newsletter", in: grid) else { Issue.record("no legacy row"); return }
        #expect(end(of: "Last", in: grid, row: header) == end(of: "-", in: grid, row: legacy))
    }

    @Test("R18 a column that does not add up to the attributed revenue is shown in the error colour")
    func mismatch() {
        var s = press(.char("4"), on: Fixtures.state()).0
        s.report?.attribution.models["linear"]?["c1"] = Fixtures.money("50333.33")
        let grid = Screen.render(s)
        guard let y = row("Total", in: grid), let right = end(of: "149,999.99", in: grid, row: y) else {
            Issue.record("no totals"); return
        }
        #expect(grid[right - 1, y].style.foreground == .negative)
        #expect(grid[right - 12, y].style.foreground != .negative)
    }

    @Test("R18 the selected model's header is highlighted; the sorted one carries the arrow")
    func highlight() {
        var s = press(.char("4"), .char("l"), .char("l"), .char("s"), on: Fixtures.state()).0
        var grid = Screen.render(s)
        guard let header = row("Campaign", in: grid), let right = end(of: "▼Linear", in: grid, row: header) else {
            Issue.record("no sorted header"); return
        }
        #expect(grid[right - 1, header].style.background == .selection)
        s = press(.char("l"), on: s).0
        grid = Screen.render(s)
        #expect(grid[right - 1, header].style.background != .selection)
        #expect(grid.line(header).contains("▼Linear"))
    }

    @Test("R18 the campaigns pane under m: the model's name heads the revenue column, its credits below")
    func campaignsPane() {
        let s = press(.char("m"), .char("m"), .char("m"), on: Fixtures.state()).0
        let grid = Screen.render(s)
        guard let header = (0..<grid.height).first(where: { grid.line($0).contains("Campaign ▲") }),
              let spring = (0..<grid.height).first(where: { grid.line($0).contains("Spring launch") }) else {
            Issue.record("rows missing"); return
        }
        #expect(!grid.line(header).contains("Revenue"))
        #expect(end(of: "Linear", in: grid, row: header) == end(of: "50,333", in: grid, row: spring))
    }

    @Test("R18 in the top deals, a position the model gives no weight is dimmed (u_shaped: closed won is one of the others)")
    func positionsUnderModel() {
        var s = Fixtures.state()
        s.attributionModel = "u_shaped"
        s.attributionCampaignID = "c1"
        let (t, effects) = press(.char("4"), .enter, on: s)
        guard case .loadTopDeals(let request)? = effects.last, request.model == "u_shaped" else { Issue.record("no request"); return }
        let grid = Screen.render(update(t, .topDealsLoaded(request, .success(Fixtures.topDeals))).0)
        #expect(screen(update(t, .topDealsLoaded(request, .success(Fixtures.topDeals))).0).contains("(F L D W); dimmed: no weight in U-shaped."))
        guard let won = (0..<grid.height).first(where: { grid.line($0).contains("03-11 14:30") }),
              let first = (0..<grid.height).first(where: { grid.line($0).contains("02-20 09:15") }),
              let wonX = end(of: "won", in: grid, row: won), let firstX = end(of: "first", in: grid, row: first) else {
            Issue.record("touches missing"); return
        }
        #expect(grid[wonX - 1, won].style.dim)
        #expect(!grid[firstX - 1, first].style.dim)
    }

    @Test("the attribution tab and its popup draw at any size without a crash", arguments: [(40, 10), (41, 11), (60, 20), (79, 23), (200, 60)])
    func sizes(size: (Int, Int)) {
        var s = Fixtures.state(width: size.0, height: size.1)
        s = press([.char("4")] + Array(repeating: .char("l"), count: 8), on: s).0
        #expect(Screen.render(s).width == size.0)
        let (t, effects) = press(.enter, on: s)
        guard case .loadTopDeals(let request)? = effects.last else { Issue.record("no request"); return }
        let loaded = update(t, .topDealsLoaded(request, .success(Fixtures.topDeals))).0
        #expect(Screen.render(loaded).height == size.1)
        #expect(Screen.render(t).height == size.1)
    }
}
