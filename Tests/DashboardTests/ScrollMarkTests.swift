import Attribution
import Testing
import Widgets
@testable import Dashboard

/// A scrolled list marks the rows above and below with ▲ and ▼ in a column its rows leave
/// free: the marks once stood on each list's last column, over a number's last digit.
@Suite("Lists' scroll marks")
struct ScrollMarkTests {
    /// A report of 40 campaigns, each with 867,110 of revenue: more than a pane shows.
    static func state(tab: Tab, cursor: Int) -> DashboardState {
        var state = Fixtures.state(width: 80, height: 24)
        var report = Fixtures.report()
        report.campaigns = (0..<40).map { i in
            var campaign = Fixtures.spring
            campaign.id = "c\(i)"
            campaign.name = "Campaign \(i)"
            campaign.utmCampaign = "campaign-\(i)"
            campaign.influencedRevenue = 867_110
            return campaign
        }
        state.report = report
        state.tab = tab
        state.selectedCampaignID = state.visibleCampaigns[cursor].id
        state.analyticsCampaignID = state.analyticsCampaigns[cursor].id
        return state
    }

    /// The rows of the screen that show a campaign's revenue, each with what follows its number.
    static func revenueRows(_ grid: CellGrid) -> [String] {
        (0..<grid.height).map(grid.line).filter { $0.contains("Campaign ") }.compactMap { line in
            line.range(of: "867,110").map { String(line[$0.upperBound...]) }
        }
    }

    @Test("the campaigns pane and the analytics tab mark more rows beside the revenue, never over its last digit",
          arguments: [Tab.campaigns, .analytics])
    func marksBesideNumbers(tab: Tab) throws {
        let top = Screen.render(Self.state(tab: tab, cursor: 0))
        let topRows = Self.revenueRows(top)
        #expect(topRows.count > 5, "\(top.text)")
        #expect(topRows.last?.hasPrefix("▼") == true, "the last row shown holds its whole revenue, then the mark:\n\(top.text)")
        #expect(topRows.dropLast().allSatisfy { $0.hasPrefix(" ") }, "\(top.text)")

        let middle = Screen.render(Self.state(tab: tab, cursor: 20))
        let middleRows = Self.revenueRows(middle)
        #expect(middleRows.first?.hasPrefix("▲") == true, "\(middle.text)")
        #expect(middleRows.last?.hasPrefix("▼") == true, "\(middle.text)")
    }

    @Test("a widget list whose bar reaches past its rows puts the marks in that column, its rows whole")
    func widgetMarksInBarColumn() {
        var grid = CellGrid(width: 9, height: 3)
        ListView(count: 10, cursor: 5, marksMoreRows: true)
            .draw(in: Rect(x: 0, y: 0, width: 8, height: 3), barWidth: 9, focused: true, empty: "", glyphs: .unicode, into: &grid) { i, y, grid in
                grid.put("row \(i)  8", x: 0, y: y)
            }
        #expect(grid.line(0) == "row 3  8▲")
        #expect(grid.line(1) == "row 4  8 ")
        #expect(grid.line(2) == "row 5  8▼")
    }
}
