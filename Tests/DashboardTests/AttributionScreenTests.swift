import Testing
@testable import Dashboard

/// Tab 4 (R18), its top-deals popup, and the campaigns pane showing a model's
/// credit, at 120×35 and 80×24, compared as text.
@Suite("Screens: attribution")
struct AttributionScreenTests {
    @Test("R18 attribution tab: every model a column, totals row equals the attributed revenue, 120×35") func attribution120x35() {
        expectSnapshot("attribution", 120, 35)
    }

    @Test("R18 attribution tab: the models that fit, totals row equals the attributed revenue, 80×24") func attribution80x24() {
        expectSnapshot("attribution", 80, 24)
    }

    @Test("R18 attribution tab scrolled to the later models and sorted by one, 80×24") func attributionScrolled80x24() {
        expectSnapshot("attribution-scrolled", 80, 24)
    }

    @Test("R18 top deals popup: each deal's credit and its touches with their positions, 120×35") func topDeals120x35() {
        expectSnapshot("top-deals", 120, 35)
    }

    @Test("R18 top deals popup: each deal's credit and its touches with their positions, 80×24") func topDeals80x24() {
        expectSnapshot("top-deals", 80, 24)
    }

    @Test("R18 campaigns pane: m puts a model's credit in the revenue column, named in its header, 120×35") func campaignsModel120x35() {
        expectSnapshot("campaigns-model", 120, 35)
    }

    @Test("R18 campaigns pane: m puts a model's credit in the revenue column, named in its header, 80×24") func campaignsModel80x24() {
        expectSnapshot("campaigns-model", 80, 24)
    }
}
