import Testing
import Attribution
@testable import Dashboard

/// The rows the views draw are kept with the state, not recomputed per frame: each
/// change of what they derive from must show in them at once.
@Suite("Derived rows")
struct DerivedRowsTests {
    @Test("the campaigns pane's rows follow the sort, the revenue model (R18), the filter and a new report")
    func campaignRows() {
        var state = Fixtures.state()
        #expect(state.visibleCampaigns.map(\.id) == ["c4", "c5", "c1", "c3", "c2"])
        state.campaignSort = .revenue
        #expect(state.visibleCampaigns.map(\.id) == ["c4", "c1", "c2", "c5", "c3"])
        // `last` gives the legacy newsletter no credit: it ties with Summer sale at 0 and goes after it by id.
        state.revenueModel = "last"
        #expect(state.visibleCampaigns.map(\.id) == ["c4", "c1", "c2", "c3", "c5"])
        state.campaignFilter.text = "er"
        #expect(state.visibleCampaigns.map(\.id) == ["c2", "c3", "c5"])
        state.campaignFilter.text = "sale"
        #expect(state.visibleCampaigns.map(\.id) == ["c3"])
        var report = Fixtures.report()
        report.campaigns.removeAll { $0.id == "c3" }
        state.report = report
        #expect(state.visibleCampaigns.isEmpty)
        state.campaignFilter.text = ""
        #expect(state.visibleCampaigns.map(\.id) == ["c4", "c1", "c2", "c5"])
    }

    @Test("the assets pane's rows follow the selected campaign: visible first, then by type")
    func assetRows() {
        var state = Fixtures.state()
        state.selectedCampaignID = "c2"
        #expect(state.visibleAssets.map(\.id) == ["a6", "a7", "a8"])
        state.selectedCampaignID = "c1"
        #expect(state.visibleAssets.map(\.id) == ["a2", "a5", "a1", "a4", "a3"])
        state.campaignFilter.text = "webinar"
        #expect(state.visibleAssets.map(\.id) == ["a6", "a7", "a8"], "the selection falls back to the first visible campaign")
    }

    @Test("R18 the attribution rows follow the model sort")
    func attributionRows() {
        var state = Fixtures.state()
        #expect(state.attributionCampaigns.map(\.id) == ["c4", "c5", "c1", "c2"])
        state.attributionSort = AttributionSort(model: "last")
        #expect(state.attributionCampaigns.map(\.id) == ["c4", "c1", "c2", "c5"])
        state.attributionSort = AttributionSort(model: "last", descending: false)
        #expect(state.attributionCampaigns.map(\.id) == ["c5", "c2", "c1", "c4"])
    }

    @Test("R17 the analytics rows follow the sort and leave out campaigns created before 2017-09")
    func analyticsRows() {
        var state = Fixtures.state()
        #expect(state.analyticsCampaigns.map(\.id) == ["c4", "c1", "c2", "c3"])
        state.analyticsSort = AnalyticsSort(column: .name, descending: false)
        #expect(state.analyticsCampaigns.map(\.id) == ["c4", "c1", "c3", "c2"])
        state.report = nil
        #expect(state.analyticsCampaigns.isEmpty)
    }
}
