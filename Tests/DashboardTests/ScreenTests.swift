import Testing
@testable import Dashboard

/// Every pane and popup drawn at 120×35 and 80×24, compared as text with the
/// snapshot files in `Snapshots/`. A failure prints the whole screen; when a change
/// is intended, record the files again with `UTMOST_RECORD_SNAPSHOTS=1 swift test
/// --filter DashboardTests` and review their diff.
@Suite("Screens")
struct ScreenTests {
    @Test("campaigns pane focused, 120×35") func campaigns120x35() {
        expectSnapshot("campaigns", 120, 35)
    }

    @Test("campaigns pane focused, 80×24") func campaigns80x24() {
        expectSnapshot("campaigns", 80, 24)
    }

    @Test("R9 hidden assets listed dimmed with their reason, 120×35") func assets120x35() {
        expectSnapshot("assets", 120, 35)
    }

    @Test("R9 hidden assets listed dimmed with their reason, 80×24") func assets80x24() {
        expectSnapshot("assets", 80, 24)
    }

    @Test("metrics pane: tiles and sessions chart, 120×35") func metrics120x35() {
        expectSnapshot("metrics", 120, 35)
    }

    @Test("metrics pane: tiles and sessions chart, 80×24") func metrics80x24() {
        expectSnapshot("metrics", 80, 24)
    }

    @Test("R17 analytics view: totals row, window on top, pre-2017-09 campaigns left out, 120×35") func analytics120x35() {
        expectSnapshot("analytics", 120, 35)
    }

    @Test("R17 analytics view: totals row, window on top, pre-2017-09 campaigns left out, 80×24") func analytics80x24() {
        expectSnapshot("analytics", 80, 24)
    }

    @Test("R5 unlinked utm values with spellings and suggested campaign, 120×35") func unlinked120x35() {
        expectSnapshot("unlinked", 120, 35)
    }

    @Test("R5 unlinked utm values with spellings and suggested campaign, 80×24") func unlinked80x24() {
        expectSnapshot("unlinked", 80, 24)
    }

    @Test("help overlay lists the focused pane's keys, 120×35") func help120x35() {
        expectSnapshot("help", 120, 35)
    }

    @Test("help overlay lists the focused pane's keys, 80×24") func help80x24() {
        expectSnapshot("help", 80, 24)
    }

    @Test("R19 explain popup wraps the engine's answer, 120×35") func explain120x35() {
        expectSnapshot("explain", 120, 35)
    }

    @Test("R19 explain popup wraps the engine's answer, 80×24") func explain80x24() {
        expectSnapshot("explain", 80, 24)
    }

    @Test("R7 asset picker shows each asset's current campaign, 120×35") func picker120x35() {
        expectSnapshot("picker", 120, 35)
    }

    @Test("R7 asset picker shows each asset's current campaign, 80×24") func picker80x24() {
        expectSnapshot("picker", 80, 24)
    }

    @Test("R7 picker confirmation names the campaign the asset leaves, 120×35") func confirmMove120x35() {
        expectSnapshot("confirm-move", 120, 35)
    }

    @Test("R7 picker confirmation names the campaign the asset leaves, 80×24") func confirmMove80x24() {
        expectSnapshot("confirm-move", 80, 24)
    }

    @Test("R3 rename popup shows new value and kept alias, 120×35") func rename120x35() {
        expectSnapshot("rename", 120, 35)
    }

    @Test("R3 rename popup shows new value and kept alias, 80×24") func rename80x24() {
        expectSnapshot("rename", 80, 24)
    }

    @Test("R1 new campaign popup names the campaign holding the name, 120×35") func newCampaign120x35() {
        expectSnapshot("new-campaign", 120, 35)
    }

    @Test("R1 new campaign popup names the campaign holding the name, 80×24") func newCampaign80x24() {
        expectSnapshot("new-campaign", 80, 24)
    }

    @Test("R5 alias picker marks the suggested campaign, 120×35") func aliasPicker120x35() {
        expectSnapshot("alias-picker", 120, 35)
    }

    @Test("R5 alias picker marks the suggested campaign, 80×24") func aliasPicker80x24() {
        expectSnapshot("alias-picker", 80, 24)
    }

    @Test("single pane with the filter being typed, 60×20") func singlePaneFilter60x20() {
        expectSnapshot("single-pane-filter", 60, 20)
    }

    @Test("ASCII glyphs, 80×24") func ascii80x24() {
        expectSnapshot("ascii", 80, 24)
    }
}
