import Attribution
import Testing
import Widgets
@testable import Dashboard

/// Issue 14: the mouse. Hit tests click every row and tab of drawn screens, so that
/// `HitTest` cannot drift from the views; the reducer tests check what a click and the
/// wheel do.
@Suite("#14 the mouse: clicks and the wheel")
struct MouseTests {
    func click(_ state: DashboardState, x: Int, y: Int, button: MouseEvent.Button = .left) -> (DashboardState, [Effect]) {
        update(state, .mouse(MouseEvent(.press(button), x: x, y: y)))
    }

    func wheel(_ state: DashboardState, down: Bool, x: Int, y: Int) -> DashboardState {
        update(state, .mouse(MouseEvent(down ? .wheelDown : .wheelUp, x: x, y: y))).0
    }

    /// The text of the cells of line `y` within `area`'s columns.
    func text(_ grid: CellGrid, y: Int, in area: Rect) -> String {
        String((area.x..<area.maxX).filter { !grid[$0, y].isContinuation }.map { grid[$0, y].character })
    }

    /// The line of `area` that shows `label`, when exactly one does.
    func line(of label: String, in area: Rect, _ grid: CellGrid) -> Int? {
        let lines = (area.y..<area.maxY).filter { text(grid, y: $0, in: area).contains(label) }
        return lines.count == 1 ? lines[0] : nil
    }

    /// Each row drawn in `area` (inside a frame) is hit on its line, across the area, and
    /// every line that hits a row shows that row's label: clicks land where the eye sees rows.
    func expectRowsHitWhereDrawn(_ state: DashboardState, _ context: BindingContext, area: Rect, labels: [String],
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        let grid = Screen.render(state)
        let inside = area.inset(1)
        var drawn = 0
        for (row, label) in labels.enumerated() {
            guard let y = line(of: label, in: inside, grid) else { continue }
            drawn += 1
            for x in [inside.x, inside.x + inside.width / 2, inside.maxX - 1] {
                #expect(HitTest.target(state, x: x, y: y) == .area(context, row: row),
                        "\(label) is drawn on line \(y)", sourceLocation: sourceLocation)
            }
        }
        #expect(drawn > 0, "no row of \(context) is drawn:\n\(grid.text)", sourceLocation: sourceLocation)
        for y in inside.y..<inside.maxY {
            guard case .area(context, let row?) = HitTest.target(state, x: inside.x + 1, y: y) else { continue }
            #expect(labels.indices.contains(row) && text(grid, y: y, in: inside).contains(labels[row]),
                    "line \(y) hits row \(row) but shows \(text(grid, y: y, in: inside))", sourceLocation: sourceLocation)
        }
    }

    func names(_ campaigns: [CampaignReport]) -> [String] { campaigns.map { String($0.name.prefix(5)) } }

    // MARK: Where things are

    @Test("#14 hit tests: every campaign and asset row is hit where the panes draw it, at 120×35, 80×24 and in one pane", arguments: [(120, 35), (80, 24), (60, 20)])
    func paneRows(size: (Int, Int)) {
        let (w, h) = size
        let layout = Layout(width: w, height: h)
        let campaigns = Scenarios.spring(w, h, focus: .campaigns)
        expectRowsHitWhereDrawn(campaigns, .campaigns, area: layout.mode == .full ? layout.campaigns : layout.body,
                                labels: names(campaigns.visibleCampaigns))
        let assets = Scenarios.spring(w, h, focus: .assets)
        expectRowsHitWhereDrawn(assets, .assets, area: layout.mode == .full ? layout.assets : layout.body,
                                labels: assets.visibleAssets.map { String($0.name.prefix(5)) })
    }

    @Test("#14 hit tests: a scrolled list is hit at the rows it shows", arguments: [(120, 35), (80, 24)])
    func scrolledRows(size: (Int, Int)) {
        let (w, h) = size
        var state = Fixtures.state(width: w, height: h)
        var report = Fixtures.report()
        report.campaigns += (10..<50).map { n in
            var c = Fixtures.summer
            c.id = "x\(n)"; c.name = "Zeta \(n) campaign"; c.utmCampaign = "zeta-\(n)"
            return c
        }
        report.unlinkedUtm = (10..<50).map { UnlinkedUtm(key: "value-\($0)", spellings: [], pageViews: $0, sessions: 1, suggestedCampaignID: nil) }
        state.report = report
        state.selectedCampaignID = "x40"
        let layout = Layout(width: w, height: h)
        expectRowsHitWhereDrawn(state, .campaigns, area: layout.campaigns, labels: state.visibleCampaigns.map { String($0.name.prefix($0.name.hasPrefix("Zeta") ? 8 : 5)) })
        state.tab = .unlinked
        state.unlinkedKey = "value-45"
        expectRowsHitWhereDrawn(state, .unlinked, area: layout.body, labels: state.unlinkedValues.map { $0.key + " " })
    }

    @Test("#14 hit tests: the rows of tabs 2, 3 and 4 are hit where they are drawn", arguments: [(120, 35), (80, 24), (60, 20)])
    func tabRows(size: (Int, Int)) {
        let (w, h) = size
        let body = Layout(width: w, height: h).body
        let analytics = press(.char("2"), on: Fixtures.state(width: w, height: h)).0
        expectRowsHitWhereDrawn(analytics, .analytics, area: body, labels: names(analytics.analyticsCampaigns))
        let unlinked = press(.char("3"), on: Fixtures.state(width: w, height: h)).0
        expectRowsHitWhereDrawn(unlinked, .unlinked, area: body, labels: unlinked.unlinkedValues.map { String($0.key.prefix(9)) })
        let attribution = press(.char("4"), on: Fixtures.state(width: w, height: h)).0
        expectRowsHitWhereDrawn(attribution, .attribution, area: body, labels: names(attribution.attributionCampaigns))
    }

    @Test("#14 hit tests: a picker's rows are hit where the popup draws them; the rest of a popup takes no click", arguments: [(120, 35), (80, 24)])
    func pickerRows(size: (Int, Int)) {
        let (w, h) = size
        let picker = Scenarios.named("picker")(w, h)
        guard case .assetPicker(let assets)? = picker.popup else { Issue.record("no picker"); return }
        let rows = assets.rows(campaignName: { picker.campaign(id: $0)?.name })
        let screen = Rect(x: 0, y: 1, width: w, height: h - 2)
        let list = PickerView.listArea(rows: rows.count, in: screen)
        // The list's own rectangle, framed by one cell so that `expectRowsHitWhereDrawn` looks inside it.
        let framed = Rect(x: list.x - 1, y: list.y - 1, width: list.width + 2, height: list.height + 2)
        expectRowsHitWhereDrawn(picker, .picker, area: framed, labels: rows.map { String($0.name.prefix(8)) })
        let aliases = Scenarios.named("alias-picker")(w, h)
        guard case .campaignPicker(let campaigns)? = aliases.popup else { Issue.record("no alias picker"); return }
        let aliasList = PickerView.listArea(rows: campaigns.rows.count, in: screen)
        expectRowsHitWhereDrawn(aliases, .picker, area: Rect(x: aliasList.x - 1, y: aliasList.y - 1, width: aliasList.width + 2, height: aliasList.height + 2),
                                labels: campaigns.rows.map { String($0.name.prefix(6)) })
        // The search line, the frame, the panes around it: nothing.
        for (x, y) in [(list.x, list.y - 3), (list.x, list.y - 1), (0, h / 2), (w - 1, 2)] {
            #expect(HitTest.target(picker, x: x, y: y) == .nothing)
        }
        for popup in ["help", "explain", "confirm-move", "rename", "contacts", "top-deals"] {
            let state = Scenarios.named(popup)(w, h)
            let hits = (0..<h).flatMap { y in (0..<w).map { x in HitTest.target(state, x: x, y: y) } }
            #expect(hits.allSatisfy { $0 == .nothing }, "\(popup)")
        }
    }

    @Test("#14 hit tests: each tab's label in the header is hit where the header draws it, short titles and segment too", arguments: [(120, 35), (80, 24)])
    func tabLabels(size: (Int, Int)) {
        let (w, h) = size
        for state in [Fixtures.state(width: w, height: h), Scenarios.segmented(Fixtures.state(width: w, height: h))] {
            let header = Screen.render(state).line(0)
            for tab in Tab.allCases {
                guard let range = header.range(of: " \(tab.rawValue) \(tab.shortTitle)") else {
                    Issue.record("tab \(tab.rawValue) is not in the header: \(header)"); continue
                }
                let start = header.distance(from: header.startIndex, to: range.lowerBound)
                let label = " \(tab.rawValue) \(tab.shortTitle) ".count
                for x in start..<start + label - 1 {
                    #expect(HitTest.target(state, x: x, y: 0) == .tab(tab), "column \(x) of \(header)")
                }
            }
            #expect(HitTest.target(state, x: 2, y: 0) == .nothing, "the product's name")
            #expect(HitTest.target(state, x: w - 2, y: 0) == .nothing, "the window")
            #expect(HitTest.target(state, x: 5, y: h - 1) == .nothing, "the status bar")
        }
    }

    @Test("#14 a terminal too small for the dashboard takes no click")
    func tooSmall() {
        let state = Fixtures.state(width: 30, height: 8)
        for y in 0..<8 { for x in 0..<30 { #expect(HitTest.target(state, x: x, y: y) == .nothing) } }
        #expect(click(state, x: 3, y: 3).0 == state)
    }

    // MARK: What a click does

    /// Where row `row` of the campaigns pane is at 120×35 (the list starts under the frame and the column titles).
    func campaignRowY(_ row: Int) -> Int { 3 + row }

    @Test("#14 a click on a tab's label shows the tab")
    func clickTab() {
        let state = Fixtures.state()
        let header = Screen.render(state).line(0)
        for tab in Tab.allCases {
            let x = header.distance(from: header.startIndex, to: header.range(of: " \(tab.rawValue) ")!.lowerBound) + 1
            #expect(click(state, x: x, y: 0).0.tab == tab)
        }
    }

    @Test("#14 a click in a pane focuses it and selects the row under it; a click on the selected row opens it as Enter")
    func clickRows() {
        var (state, effects) = click(Fixtures.state(), x: 10, y: campaignRowY(2))
        #expect(state.selectedCampaign?.name == "Spring launch" && state.focus == .campaigns && effects.isEmpty)
        (state, effects) = click(state, x: 10, y: campaignRowY(2))
        #expect(state.focus == .assets, "Enter on a campaign goes to its assets")
        // A click in another pane focuses it and picks its row; a second click explains the asset (Enter there).
        state.focus = .campaigns
        let layout = Layout(width: 120, height: 35)
        let assetY = layout.assets.y + 3
        (state, effects) = click(state, x: layout.assets.x + 5, y: assetY)
        #expect(state.focus == .assets && state.selectedAsset?.id == state.visibleAssets[1].id && effects.isEmpty)
        (state, effects) = click(state, x: layout.assets.x + 5, y: assetY)
        guard case .explain(let popup)? = state.popup, case .explain(.asset(let asset, "c1"), _)? = effects.first else {
            Issue.record("a click on the selected asset explains it: \(String(describing: state.popup))"); return
        }
        #expect(asset == state.visibleAssets[1].id && popup.title.hasPrefix(state.visibleAssets[1].name))
        // The metrics pane takes the focus; its tiles are not rows.
        state.popup = nil
        (state, effects) = click(state, x: layout.metrics.x + 5, y: layout.metrics.y + 4)
        #expect(state.focus == .metrics && state.popup == nil && effects.isEmpty)
    }

    @Test("#14 a double click on a row that is not selected selects and opens it")
    func doubleClick() {
        var state = click(Fixtures.state(), x: 10, y: campaignRowY(4)).0
        state = click(state, x: 10, y: campaignRowY(4)).0
        #expect(state.selectedCampaign?.name == "Webinar series" && state.focus == .assets)
    }

    @Test("#14 a click on a row in an unfocused pane focuses the pane and selects, without opening")
    func clickUnfocused() {
        var state = Scenarios.spring(120, 35, focus: .assets)
        state = click(state, x: 10, y: campaignRowY(2)).0
        #expect(state.focus == .campaigns && state.selectedCampaign?.name == "Spring launch")
        state = click(state, x: 10, y: campaignRowY(0)).0
        #expect(state.selectedCampaign?.name == "Always-on brand" && state.focus == .campaigns)
    }

    @Test("#14 tabs 2–4: a click selects the row; on the selected row it opens as Enter does")
    func clickTabRows() {
        let body = Layout(width: 120, height: 35).body
        // Tab 2: the list starts under the window line, a blank and the column titles.
        var state = press(.char("2"), on: Fixtures.state()).0
        let analytics = state.analyticsCampaigns[1]
        state = click(state, x: 20, y: body.y + 4 + 1).0
        #expect(state.analyticsCampaignID == analytics.id && state.tab == .analytics)
        state = click(state, x: 20, y: body.y + 4 + 1).0
        #expect(state.tab == .campaigns && state.selectedCampaign?.id == analytics.id)
        // Tab 3: Enter attaches the value: the campaign picker.
        state = press(.char("3"), on: Fixtures.state()).0
        state = click(state, x: 20, y: body.y + 4 + 1).0
        #expect(state.unlinkedKey == "tradeshow" && state.popup == nil)
        let (picked, effects) = click(state, x: 20, y: body.y + 4 + 1)
        guard case .campaignPicker(let picker)? = picked.popup else { Issue.record("no campaign picker"); return }
        #expect(picker.value.key == "tradeshow" && effects == [.loadCampaigns])
        // Tab 4: Enter lists the top deals.
        state = press(.char("4"), on: Fixtures.state()).0
        let second = state.attributionCampaigns[1]
        state = click(state, x: 20, y: body.y + 5 + 1).0
        #expect(state.selectedAttributionCampaign?.id == second.id && state.popup == nil)
        guard case .topDeals(let deals)? = click(state, x: 20, y: body.y + 5 + 1).0.popup else { Issue.record("no top deals"); return }
        #expect(deals.request.campaignID == second.id)
    }

    @Test("#14 a picker: a click moves the cursor to the row, a click on the cursor's row chooses it")
    func clickPicker() {
        var state = Scenarios.named("picker")(120, 35)
        guard case .assetPicker(let picker)? = state.popup else { Issue.record("no picker"); return }
        let rows = picker.rows(campaignName: { state.campaign(id: $0)?.name })
        let list = PickerView.listArea(rows: rows.count, in: Rect(x: 0, y: 1, width: 120, height: 33))
        state = click(state, x: list.x + 3, y: list.y + 2).0
        guard case .assetPicker(let moved)? = state.popup else { Issue.record("the picker closed"); return }
        #expect(moved.cursor == 2)
        state = click(state, x: list.x + 3, y: list.y + 2).0
        guard case .confirm(let confirm)? = state.popup else { Issue.record("no confirmation"); return }
        #expect(confirm.lines.joined().contains(rows[2].name))
    }

    @Test("#14 while a popup is open, clicks outside a picker's rows change nothing; other buttons do nothing anywhere")
    func ignoredClicks() {
        for name in ["help", "explain", "confirm-move", "rename", "contacts", "top-deals"] {
            var state = Scenarios.named(name)(120, 35)
            state.message = nil
            for (x, y) in [(0, 0), (60, 17), (2, 5), (119, 34), (30, 0)] {
                #expect(click(state, x: x, y: y).0 == state, "\(name) at \(x),\(y)")
            }
        }
        let state = Fixtures.state()
        for button in [MouseEvent.Button.middle, .right] {
            #expect(click(state, x: 10, y: campaignRowY(2), button: button).0 == state)
            #expect(click(state, x: 30, y: 0, button: button).0 == state)
        }
    }

    @Test("#14 a click ends typing the campaigns filter and keeps it, as Enter does")
    func clickWhileFiltering() {
        var state = press([.char("/")] + typing("s"), on: Fixtures.state()).0
        #expect(state.filtering)
        state = click(state, x: 10, y: campaignRowY(1)).0
        #expect(!state.filtering && state.campaignFilter.text == "s")
        #expect(state.selectedCampaign?.id == state.visibleCampaigns[1].id)
    }

    // MARK: The wheel

    @Test("#14 the wheel moves the cursor of the list under the pointer, three rows a turn, the focus stays")
    func wheelUnderPointer() {
        let layout = Layout(width: 120, height: 35)
        var state = Scenarios.spring(120, 35, focus: .campaigns)
        state = wheel(state, down: true, x: layout.assets.x + 4, y: layout.assets.y + 4)
        #expect(state.focus == .campaigns && state.assetIndex == 3 && state.selectedCampaign?.name == "Spring launch")
        state = wheel(state, down: false, x: layout.assets.x + 4, y: layout.assets.y + 4)
        #expect(state.assetIndex == 0)
        state = wheel(state, down: true, x: 10, y: 10)
        #expect(state.selectedCampaign?.name == "Webinar series", "the last row: it stops there")
        state = wheel(state, down: false, x: 10, y: 10)
        #expect(state.selectedCampaign?.name == "Legacy newsletter")
    }

    @Test("#14 the wheel elsewhere (header, status bar, metrics) moves the focused list; on tabs 2–4 their rows")
    func wheelElsewhere() {
        var state = Fixtures.state()
        state = wheel(state, down: true, x: 50, y: 0)
        #expect(state.campaignIndex == 3)
        state = wheel(state, down: false, x: 50, y: 34)
        #expect(state.campaignIndex == 0)
        state.focus = .metrics
        let before = state
        #expect(wheel(state, down: true, x: 50, y: 0) == before, "the metrics pane is no list")
        state = press(.char("3"), on: Fixtures.state()).0
        state = wheel(state, down: true, x: 50, y: 10)
        #expect(state.unlinkedKey == "tradeshow")
    }

    @Test("#14 the wheel scrolls the popup in front; in a question it does nothing")
    func wheelInPopups() {
        var explain = Scenarios.named("explain")(120, 35)
        explain = wheel(explain, down: true, x: 0, y: 0)
        guard case .explain(let scrolled)? = explain.popup else { Issue.record("the explanation closed"); return }
        #expect(scrolled.scroll == 3)
        var picker = Scenarios.named("picker")(120, 35)
        picker = wheel(picker, down: true, x: 60, y: 17)
        guard case .assetPicker(let moved)? = picker.popup else { Issue.record("the picker closed"); return }
        #expect(moved.cursor == 3)
        for name in ["confirm-move", "rename"] {
            let state = Scenarios.named(name)(120, 35)
            #expect(wheel(state, down: true, x: 60, y: 17).popup == state.popup, "\(name)")
        }
    }
}
