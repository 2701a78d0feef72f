import Foundation
import Testing
@testable import Dashboard

@Suite("#14 what the dashboard remembers of a store")
struct RememberedTests {
    @Test("#14 tab, sorts and period come back as they were left, custom dates included; the theme is kept by name")
    func roundTrip() throws {
        var s = Fixtures.state()
        s.tab = .analytics
        s.campaignSort = .revenue
        s.analyticsSort = AnalyticsSort(column: .metric(.sessions), descending: false)
        s.period = .custom(from: Fixtures.day("2023-03-01"), to: nil)
        let saved = try JSONEncoder().encode(Remembered(s, theme: "light"))
        let read = try JSONDecoder().decode(Remembered.self, from: saved)
        var fresh = DashboardState(now: Fixtures.now, zone: Fixtures.utc)
        read.apply(to: &fresh)
        #expect(fresh.tab == .analytics && fresh.campaignSort == .revenue)
        #expect(fresh.analyticsSort == AnalyticsSort(column: .metric(.sessions), descending: false))
        #expect(fresh.period == .custom(from: Fixtures.day("2023-03-01"), to: nil))
        #expect(read.theme == "light")
        for period in Period.presets {
            var p = Fixtures.state()
            p.period = period
            var back = DashboardState(now: Fixtures.now, zone: Fixtures.utc)
            Remembered(p, theme: nil).apply(to: &back)
            #expect(back.period == period)
        }
    }

    @Test("#14 what does not read back (another version's names) is left as it is")
    func unknownValues() throws {
        let json = #"{"tab": 9, "campaignSort": "colour", "analyticsSort": "likes", "period": "next-decade"}"#
        let read = try JSONDecoder().decode(Remembered.self, from: Data(json.utf8))
        var fresh = DashboardState(now: Fixtures.now, zone: Fixtures.utc)
        let before = fresh
        read.apply(to: &fresh)
        #expect(fresh == before)
    }
}
