import Widgets
import Testing
import Attribution
import CampaignKit
@testable import Dashboard

@Suite("Keys: moving around")
struct NavigationTests {
    let state = Fixtures.state()

    @Test("j and ↓ move down, k and ↑ up; moving never recomputes")
    func upDown() {
        var (s, effects) = press(.char("j"), .down, on: state)
        #expect(s.selectedCampaign?.name == "Spring launch")
        #expect(effects.isEmpty)
        (s, effects) = press(.char("k"), on: s)
        #expect(s.selectedCampaign?.name == "Legacy newsletter")
        (s, effects) = press(.up, .up, .up, on: s)
        #expect(s.selectedCampaign?.name == "Always-on brand")
        #expect(effects.isEmpty)
    }

    @Test("g and G jump to the first and last row, PgDn and PgUp by a page")
    func jumps() {
        var s = press(.char("G"), on: state).0
        #expect(s.selectedCampaign?.name == "Webinar series")
        s = press(.char("g"), on: s).0
        #expect(s.selectedCampaign?.name == "Always-on brand")
        s = press(.pageDown, on: s).0
        #expect(s.selectedCampaign?.name == "Webinar series")
        s = press(.pageUp, on: s).0
        #expect(s.selectedCampaign?.name == "Always-on brand")
        s = press(.end, .home, on: s).0
        #expect(s.selectedCampaign?.name == "Always-on brand")
    }

    @Test("Tab and Shift-Tab cycle the panes; Enter and l go to the assets")
    func panes() {
        var s = press(.tab, on: state).0
        #expect(s.focus == .assets)
        s = press(.tab, on: s).0
        #expect(s.focus == .metrics)
        s = press(.tab, on: s).0
        #expect(s.focus == .campaigns)
        s = press(.backTab, on: s).0
        #expect(s.focus == .metrics)
        #expect(press(.enter, on: state).0.focus == .assets)
        #expect(press(.char("l"), on: state).0.focus == .assets)
    }

    @Test("1, 2 and 3 switch tabs")
    func tabs() {
        #expect(press(.char("2"), on: state).0.tab == .analytics)
        #expect(press(.char("3"), on: state).0.tab == .unlinked)
        #expect(press(.char("3"), .char("1"), on: state).0.tab == .campaigns)
    }

    @Test("assets pane: j/k move the asset cursor, visible assets first")
    func assets() {
        var s = Scenarios.spring(120, 35, focus: .assets)
        #expect(s.visibleAssets.map(\.id) == ["a2", "a5", "a1", "a4", "a3"])
        s = press(.char("j"), .char("j"), .char("j"), on: s).0
        #expect(s.selectedAsset?.id == "a4")
        s = press(.char("G"), on: s).0
        #expect(s.selectedAsset?.id == "a3")
    }

    @Test("metrics pane: h/l step through the tiles, j/k between their rows")
    func metrics() {
        var s = Scenarios.spring(120, 35, focus: .metrics)
        s = press(.char("l"), .char("l"), on: s).0
        #expect(s.metricIndex == 2)
        s = press(.char("j"), on: s).0
        #expect(s.metricIndex == 5)
        s = press(.char("j"), on: s).0
        #expect(s.metricIndex == 5)
        s = press(.char("k"), .char("h"), on: s).0
        #expect(s.metricIndex == 1)
        s = press(.left, .left, .left, on: s).0
        #expect(s.metricIndex == 0)
    }

    @Test("/ filters as you type, Enter keeps the filter, Esc clears it")
    func filter() {
        var s = press([.char("/")] + typing("WEB"), on: state).0
        #expect(s.filtering)
        #expect(s.visibleCampaigns.map(\.name) == ["Webinar series"])
        s = press(.enter, on: s).0
        #expect(!s.filtering)
        #expect(s.visibleCampaigns.count == 1)
        s = press(.escape, on: s).0
        #expect(s.visibleCampaigns.count == 5)
        s = press([.char("/")] + typing("promo"), on: state).0
        #expect(s.visibleCampaigns.map(\.name) == ["Spring launch"], "an earlier utm value matches too")
        s = press(.backspace, .escape, on: s).0
        #expect(!s.filtering && s.campaignFilter.text.isEmpty)
    }

    @Test("s cycles the campaigns' sort: name, revenue, sessions, newest")
    func sortCampaigns() {
        var s = press(.char("s"), on: state).0
        #expect(s.visibleCampaigns.map(\.id) == ["c4", "c1", "c2", "c5", "c3"])
        s = press(.char("s"), on: s).0
        #expect(s.campaignSort == .sessions)
        #expect(s.visibleCampaigns.first?.id == "c4")
        s = press(.char("s"), on: s).0
        #expect(s.visibleCampaigns.first?.id == "c3")
        s = press(.char("s"), on: s).0
        #expect(s.campaignSort == .name)
    }

    @Test("R17 analytics: h/l choose a column, s sorts by it and again reverses, Enter opens the campaign")
    func analytics() {
        var s = press(.char("2"), on: state).0
        #expect(s.analyticsCampaigns.map(\.id) == ["c4", "c1", "c2", "c3"])
        s = press(.char("h"), .char("h"), .char("s"), on: s).0
        #expect(s.analyticsSort == AnalyticsSort(column: .metric(.newContactsLastTouch), descending: true))
        #expect(s.analyticsCampaigns.map(\.id) == ["c4", "c1", "c2", "c3"])
        s = press(.char("s"), on: s).0
        #expect(s.analyticsCampaigns.map(\.id) == ["c3", "c2", "c1", "c4"])
        s = press(.char("g"), .char("j"), .enter, on: s).0
        #expect(s.tab == .campaigns)
        #expect(s.selectedCampaign?.id == "c2")
    }

    @Test("? opens the focused pane's keys, / filters them, Esc closes")
    func help() {
        var s = press(.char("?"), on: Scenarios.spring(120, 35, focus: .assets)).0
        guard case .help(let help)? = s.popup else { Issue.record("no help"); return }
        #expect(help.context == .assets)
        s = press([.char("/")] + typing("dissoc"), on: s).0
        let lines = HelpOverlay.lines({ if case .help(let h)? = s.popup { return h }; return help }(), glyphs: .unicode)
        #expect(lines.filter { !$0.heading && !$0.key.isEmpty }.map(\.text) == ["dissociate the asset"])
        s = press(.escape, on: s).0
        #expect(s.popup == nil)
        #expect(press(.char("?"), .char("?"), on: state).0.popup == nil)
    }

    @Test("[ and ] step the periods and ask for a report when the window changes (Always-on brand has no dates: its dates are all time)")
    func windows() {
        var (s, effects) = press(.char("]"), on: state)
        #expect(s.period == .campaignDates)
        #expect(s.selectedCampaign?.id == "c4")
        (s, effects) = press(.char("["), .char("["), on: s)
        #expect(s.period == .thisYear)
        #expect(effects.contains(.loadReport(ReportRequest(window: ReportWindow(from: Fixtures.day("2024-01-01"), to: Fixtures.day("2024-03-20"), zone: Fixtures.utc)), generation: 2)))
        (s, effects) = press(.char("["), .char("["), .char("["), .char("["), on: s)
        #expect(s.period == .last7Days)
        #expect(s.window == ReportWindow(from: Fixtures.day("2024-03-14"), to: Fixtures.day("2024-03-20"), zone: Fixtures.utc))
    }

    @Test("the campaign-dates preset takes the selected campaign's own dates")
    func campaignWindow() {
        var s = Scenarios.spring(120, 35, focus: .campaigns)
        s = press(.char("]"), on: s).0
        #expect(s.window == ReportWindow(from: Fixtures.day("2024-03-01"), to: Fixtures.day("2024-04-30"), zone: Fixtures.utc))
        #expect(Period.thisQuarter.window(today: Fixtures.day("2024-05-07"), zone: Fixtures.utc, campaign: nil).from == Fixtures.day("2024-04-01"))
    }

    @Test("q quits; Ctrl-C quits even from a popup")
    func quit() {
        let (s, effects) = press(.char("q"), on: state)
        #expect(s.quitting && effects == [.quit])
        let (t, more) = press(.char("?"), .ctrl("c"), on: state)
        #expect(t.quitting && more == [.quit])
    }

    @Test("Esc closes the explain popup; j/k scroll it")
    func explainScroll() {
        var s = Scenarios.named("explain")(120, 35)
        s = press(.char("j"), .char("j"), on: s).0
        guard case .explain(let popup)? = s.popup else { Issue.record("no popup"); return }
        #expect(popup.scroll == 2)
        #expect(press(.escape, on: s).0.popup == nil)
    }
}
