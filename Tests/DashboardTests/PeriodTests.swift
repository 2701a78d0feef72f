import Attribution
import CampaignKit
import Testing
import Widgets
@testable import Dashboard

/// Issue 14's periods: HubSpot's presets, custom dates, the campaign's dates following
/// the selection, the period anchored where the data ends, and the comparison with the
/// period before.
@Suite("#14 periods")
struct PeriodTests {
    static let wednesday = Fixtures.day("2024-03-20")

    func window(_ period: Period, today: CalendarDate = wednesday) -> ReportWindow {
        period.window(today: today, zone: Fixtures.utc, campaign: nil)
    }

    func days(_ from: String, _ to: String) -> ReportWindow {
        ReportWindow(from: Fixtures.day(from), to: Fixtures.day(to), zone: Fixtures.utc)
    }

    @Test("#14 each preset covers the days HubSpot's picker gives it (weeks start on Monday)")
    func presets() {
        #expect(window(.today) == days("2024-03-20", "2024-03-20"))
        #expect(window(.yesterday) == days("2024-03-19", "2024-03-19"))
        #expect(window(.thisWeek) == days("2024-03-18", "2024-03-20"))
        #expect(window(.lastWeek) == days("2024-03-11", "2024-03-17"))
        #expect(window(.thisMonth) == days("2024-03-01", "2024-03-20"))
        #expect(window(.lastMonth) == days("2024-02-01", "2024-02-29"))
        #expect(window(.thisQuarter) == days("2024-01-01", "2024-03-20"))
        #expect(window(.lastQuarter) == days("2023-10-01", "2023-12-31"))
        #expect(window(.thisYear) == days("2024-01-01", "2024-03-20"))
        #expect(window(.lastYear) == days("2023-01-01", "2023-12-31"))
        #expect(window(.last7Days) == days("2024-03-14", "2024-03-20"))
        #expect(window(.last30Days) == days("2024-02-20", "2024-03-20"))
        #expect(window(.last90Days) == days("2023-12-22", "2024-03-20"))
        #expect(window(.allTime) == ReportWindow(zone: Fixtures.utc))
        #expect(window(.thisWeek, today: Fixtures.day("2024-03-17")) == days("2024-03-11", "2024-03-17"))
    }

    @Test("#14 months step to the month's last day when it is shorter; the previous period is as long and just before")
    func calendar() {
        #expect(Fixtures.day("2024-01-31").addingMonths(1) == Fixtures.day("2024-02-29"))
        #expect(Fixtures.day("2024-03-31").addingMonths(-13) == Fixtures.day("2023-02-28"))
        #expect(Fixtures.day("2024-03-18").weekday == 0)
        #expect(days("2024-03-01", "2024-03-31").previous == days("2024-01-30", "2024-02-29"))
        #expect(ReportWindow(from: Fixtures.day("2024-03-01"), to: nil, zone: Fixtures.utc).previous == nil)
        #expect(days("2023-03-01", "2023-03-31").spokenRange == "1 Mar 2023 – 31 Mar 2023")
    }

    @Test("#14 p opens the editor on the period in force; Enter on a preset uses it and asks for its report and the one before")
    func editorPreset() {
        var (s, effects) = press(.char("p"), on: Fixtures.state())
        guard case .period(let popup)? = s.popup else { Issue.record("no editor"); return }
        #expect(Period.presets[popup.cursor] == .allTime)
        (s, effects) = press([.up, .up, .up, .enter], on: s)
        #expect(s.popup == nil && s.period == .last30Days)
        #expect(effects.contains(.loadReport(ReportRequest(window: days("2024-02-20", "2024-03-20")), generation: 2)))
        #expect(effects.contains(.loadComparison(ReportRequest(window: days("2024-01-21", "2024-02-19")), generation: 2)))
    }

    @Test("#14 custom dates: typed, stepped with the arrows, refused when they do not read or are out of order")
    func editorCustom() {
        var s = press(.char("p"), on: Fixtures.state()).0
        s = press(.down, on: s).0
        guard case .period(let custom)? = s.popup, custom.onCustom else { Issue.record("not on the custom row"); return }
        s = press([.enter, .ctrl("u")] + typing("2023-03-01") + [.tab, .ctrl("u")] + typing("2023-02-31") + [.enter], on: s).0
        guard case .period(let refused)? = s.popup else { Issue.record("a bad day was taken"); return }
        #expect(refused.error?.contains("not a day") == true)
        s = press([.ctrl("u")] + typing("2023-03-30") + [.right, .enter], on: s).0
        #expect(s.popup == nil)
        #expect(s.period == .custom(from: Fixtures.day("2023-03-01"), to: Fixtures.day("2023-03-31")))
        #expect(s.window == days("2023-03-01", "2023-03-31"))
        s = press([.char("p"), .enter, .ctrl("u")] + typing("2023-04-01") + [.enter], on: s).0
        if case .period(let popup)? = s.popup { #expect(popup.error == "To (2023-03-31) is before From (2023-04-01)") }
        else { Issue.record("dates out of order were taken") }
    }

    @Test("#14 the campaign's dates follow the selected campaign; moving to another asks for its dates' report")
    func campaignDatesFollow() {
        var s = Scenarios.spring(120, 35, focus: .campaigns)
        s.period = .campaignDates
        s.requestedReport = s.reportRequest
        #expect(s.window == days("2024-03-01", "2024-04-30"))
        #expect(s.periodLabel == "Dates of Spring launch")
        let (t, effects) = press(.char("j"), on: s)
        #expect(t.selectedCampaign?.id != "c1")
        #expect(requestedReport(in: effects)?.window == t.window)
        #expect(t.periodLabel == "Dates of \(t.selectedCampaign!.name)")
    }

    @Test("#14 a period after the data's end says so, and L counts it back from the data's last day; L again from today")
    func anchor() {
        var s = Fixtures.state()
        s.period = .last30Days
        var report = Fixtures.report(window: s.window)
        report.lastEventAt = Fixtures.at("2023-12-15T10:00:00Z")
        s.report = report
        s.requestedReport = s.reportRequest
        #expect(s.dataEndsBefore == Fixtures.day("2023-12-15"))
        #expect(screen(s).contains("Last 30 days · no data"))
        s.focus = .metrics
        #expect(screen(s).contains("The data ends 15 Dec 2023 · L: the period up to there"))
        let (anchored, effects) = press(.char("L"), on: s)
        #expect(anchored.window == days("2023-11-16", "2023-12-15"))
        #expect(anchored.periodLabel == "Last 30 days to 15 Dec 2023")
        #expect(requestedReport(in: effects)?.window == anchored.window)
        #expect(press(.char("L"), on: anchored).0.window == s.window)
        var all = s
        all.period = .allTime
        #expect(press(.char("L"), on: all).0.anchor == nil)
    }

    @Test("#14 each tile shows its change against the previous period; tab 2 shows the changes as columns with %")
    func comparison() {
        var s = Scenarios.spring(120, 35, focus: .metrics)
        var before = Fixtures.report()
        before.campaigns[0].sessions = 1_000
        before.campaigns[0].influencedDeals = 0
        before.campaigns[0].influencedContacts = 400
        s.previousReport = before
        let shown = screen(s)
        #expect(shown.contains("1,240  ▲ 24 %"), "\(shown)")
        #expect(shown.contains("9  new"))
        #expect(shown.contains("312  ▼ 22 %"))
        s = press(.char("2"), .char("%"), on: s).0
        #expect(s.showsChange)
        #expect(screen(s).contains("▲ 24 %"))
        #expect(Change(now: .count(0), before: .count(0)) == Change.none)
        #expect(Change(now: .money(150), before: .money(100)) == .percent(50))
    }
}

@Suite("#14 lists on tabs 2 to 4")
struct TabListTests {
    @Test("#14 / filters tabs 2, 3 and 4, each with its own text; the title says n of N and the filter; Esc clears it")
    func filters() {
        var s = press([.char("2"), .char("/")] + typing("spr") + [.enter], on: Fixtures.state()).0
        #expect(s.analyticsCampaigns.map(\.id) == ["c1"])
        #expect(screen(s).contains("Campaign analytics (R17) · 1 of 1 · /spr"))
        s = press(.char("3"), on: s).0
        #expect(s.unlinkedValues.count == 2)
        s = press([.char("/")] + typing("trade") + [.enter], on: s).0
        #expect(s.unlinkedValues.map(\.key) == ["tradeshow"])
        s = press(.char("2"), .escape, on: s).0
        #expect(s.analyticsFilter.text.isEmpty && s.analyticsCampaigns.count == 4)
        #expect(s.unlinkedFilter.text == "trade")
        s = press([.char("4"), .char("/")] + typing("web") + [.enter], on: s).0
        #expect(s.attributionCampaigns.map(\.id) == ["c2"])
    }

    @Test("#14 s on tab 3 sorts by value, then by page views, then by sessions")
    func unlinkedSort() {
        var s = press(.char("3"), on: Fixtures.state()).0
        #expect(s.unlinkedValues.map(\.key) == ["spring-lauch", "tradeshow"])
        var report = s.report!
        report.unlinkedUtm[1].pageViews = 99
        s.report = report
        s = press(.char("s"), on: s).0
        #expect(s.unlinkedSort == .pageViews && s.unlinkedValues.map(\.key) == ["tradeshow", "spring-lauch"])
        #expect(screen(s).contains("▼Page views"))
        s = press(.char("s"), on: s).0
        #expect(s.unlinkedValues.map(\.key) == ["spring-lauch", "tradeshow"])
    }

    @Test("#14 names sort naturally: 2 before 10, case ignored")
    func naturalOrder() {
        let names = ["Webinar 10", "webinar 2", "Webinar 1", "Alpha", "webinar 02b"]
        #expect(NaturalOrder.byName(names, name: { $0 }, id: { $0 }) == ["Alpha", "Webinar 1", "webinar 2", "webinar 02b", "Webinar 10"])
    }
}

@Suite("#14 budget")
struct BudgetTests {
    @Test("#14 the metrics pane shows influenced revenue against the campaign's budget where one is set")
    func ratio() {
        var s = Scenarios.spring(120, 35, focus: .metrics)
        #expect(!screen(s).contains("budget"))
        var report = s.report!
        report.campaigns[0].budget = 10_000
        s.report = report
        #expect(screen(s).contains("4.8× budget"))
        #expect(MetricsPane.budgetRatio(report.campaigns[1]) == nil)
    }
}
