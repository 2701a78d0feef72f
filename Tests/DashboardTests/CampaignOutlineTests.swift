import Attribution
import CampaignKit
import MemoryTerminal
import Testing
import Widgets
@testable import Dashboard

/// #17 "Live at scale": the campaigns pane lists the campaigns from the store's outline at
/// once, with placeholders for their numbers, and the report's rows take their place.
@MainActor
@Suite("#17 the campaign list shows at once; its numbers come with the report")
struct CampaignOutlineTests {
    static var outline: [CampaignOutline] { Fixtures.report().campaigns.map(Fixtures.outline) }

    /// A dashboard just started: the report and the outline asked for, no answer yet.
    static func started(width: Int = 120, height: Int = 35) -> DashboardState {
        start(DashboardState(width: width, height: height, now: Fixtures.now, zone: Fixtures.utc, storeLabel: "utmost.sqlite")).0
    }

    static func outlined(width: Int = 120, height: Int = 35) -> DashboardState {
        let s = started(width: width, height: height)
        return update(s, .outlineLoaded(generation: s.generation, outline)).0
    }

    /// The screen's line holding `text`.
    static func line(_ grid: CellGrid, _ text: String) -> (y: Int, text: String)? {
        (0..<grid.height).lazy.map { (y: $0, text: grid.line($0)) }.first { $0.text.contains(text) }
    }

    @Test("#17 the first reload asks for the outline before the report")
    func asksFirst() {
        let (state, effects) = start(DashboardState(now: Fixtures.now, zone: Fixtures.utc))
        #expect(effects.first == .loadOutline(generation: state.generation))
        guard effects.count >= 2, case .loadReport = effects[1] else { Issue.record("\(effects)"); return }
        // With a report shown, a reload keeps its rows and asks for no outline.
        var loaded = update(state, .reportLoaded(generation: state.generation, .success(Fixtures.report()))).0
        loaded = update(loaded, .dataVersion(2)).0
        let later = update(loaded, .dataVersion(3)).1
        #expect(later.contains { if case .loadReport = $0 { true } else { false } })
        #expect(!later.contains { if case .loadOutline = $0 { true } else { false } })
    }

    @Test("#17 the outline's rows come in the order the report's will take, by name and by newest")
    func sameOrder() {
        for sort in [CampaignSort.name, .newest] {
            var s = Self.started()
            s.campaignSort = sort
            s = update(s, .outlineLoaded(generation: s.generation, Self.outline)).0
            #expect(s.numbersPending)
            let listed = s.visibleCampaigns.map(\.id)
            #expect(listed.count == 5)
            s = update(s, .reportLoaded(generation: s.generation, .success(Fixtures.report()))).0
            #expect(!s.numbersPending && s.outline == nil)
            #expect(s.visibleCampaigns.map(\.id) == listed, "sorted by \(sort)")
        }
    }

    @Test("#17 the cursor moves on the outline; the report's rows keep the campaign selected")
    func selectionKept() {
        var s = press(.char("j"), .char("j"), on: Self.outlined()).0
        // Always-on brand, Legacy newsletter, then Spring launch.
        #expect(s.selectedCampaignID == "c1")
        #expect(s.visibleAssets.map(\.name).contains("Launch email"))
        s = update(s, .reportLoaded(generation: s.generation, .success(Fixtures.report()))).0
        #expect(s.selectedCampaign?.id == "c1")
        #expect(s.selectedCampaign?.sessions == 1_240)
        #expect(s.campaignIndex == 2)
    }

    @Test("#17 a late outline never replaces a report's rows, remembered or computed; an older request's is dropped")
    func lateOutlineIgnored() {
        let s = Self.started()
        let computed = update(s, .reportLoaded(generation: s.generation, .success(Fixtures.report()))).0
        var late = Self.outline
        late[0].name = "Outlined launch"
        let afterComputed = update(computed, .outlineLoaded(generation: s.generation, late)).0
        #expect(afterComputed.outline == nil && afterComputed.visibleCampaigns == computed.visibleCampaigns)

        let recalled = update(s, .reportRecalled(generation: s.generation, Fixtures.report())).0
        let afterRecalled = update(recalled, .outlineLoaded(generation: s.generation, late)).0
        #expect(afterRecalled.outline == nil && afterRecalled.visibleCampaigns == recalled.visibleCampaigns)

        let older = update(s, .outlineLoaded(generation: s.generation - 1, late)).0
        #expect(older.outline == nil && older.visibleCampaigns.isEmpty)
        // A backend without an outline: the pane waits for the report as before.
        #expect(update(s, .outlineLoaded(generation: s.generation, nil)).0 == s)
    }

    @Test("§8 archived campaigns leave the outline's list as they leave the report's, and X shows them")
    func archived() {
        var outline = Self.outline
        outline[1].archivedAt = Fixtures.at("2024-03-01T00:00:00Z")
        let s = update(Self.started(), .outlineLoaded(generation: 1, outline)).0
        #expect(!s.visibleCampaigns.contains { $0.id == "c2" })
        let text = screen(s)
        #expect(text.contains("Campaigns 4 · 1 archived (X)"))
        let shown = press(.char("X"), on: s).0
        #expect(shown.visibleCampaigns.contains { $0.id == "c2" })
        #expect(Self.line(Screen.render(shown), "Webinar series")?.text.contains("archived") == true)
    }

    @Test("#17 the pane draws the outline's names with a dim placeholder for each number; the header says computing")
    func drawsPlaceholders() {
        let grid = Screen.render(Self.outlined())
        let text = grid.text
        #expect(!text.contains("Computing the report"))
        #expect(text.contains("computing…"))
        #expect(text.contains("Campaigns 5"))
        guard let row = Self.line(grid, "Spring launch") else { Issue.record("\(text)"); return }
        #expect(!row.text.contains("1,240") && !row.text.contains("48,251"))
        // The campaign's own facts are there already: its status and its R17 tag.
        #expect(row.text.contains("● Spring launch"))
        #expect(Self.line(grid, "Legacy newsletter")?.text.contains("pre-2017") == true)
        let campaignsPane = String(row.text.prefix(60))
        let marks = campaignsPane.indices.filter { campaignsPane[$0] == "…" }
        #expect(marks.count == 2, "sessions and revenue: \(campaignsPane)")
        for mark in marks {
            let x = campaignsPane.distance(from: campaignsPane.startIndex, to: mark)
            #expect(grid[x, row.y].style.dim)
        }
        // The first campaign's assets by name, their numbers to come; its tiles wait too.
        guard let asset = Self.line(grid, "Home page") else { Issue.record("\(text)"); return }
        #expect(asset.text.hasSuffix("… │") && !asset.text.contains("2,900"))
        #expect(!text.contains("No sessions in this window"))
        #expect(!text.contains("103,400"))
    }

    @Test("#17 a metric's value cannot be copied before it is computed")
    func copyWaits() {
        var s = Self.outlined()
        s.focus = .metrics
        s = press(.char("y"), on: s).0
        #expect(s.pendingCopy == nil)
        #expect(s.message?.text == "Nothing to copy: the numbers are on their way")
    }

    @Test("#17 the effect brings the backend's outline, or nil from a backend without one")
    func performer() async {
        let backend = FakeBackend()
        #expect(await EffectPerformer.perform(.loadOutline(generation: 4), backend: backend) == .outlineLoaded(generation: 4, nil))
        await backend.setOutlines(true)
        #expect(await EffectPerformer.perform(.loadOutline(generation: 4), backend: backend) == .outlineLoaded(generation: 4, Self.outline))
    }

    @Test("#17 the loop lists the campaigns while the report is computed, then fills in their numbers")
    func loop() async {
        let backend = FakeBackend()
        await backend.setOutlines(true)
        // The first computation waits until the outline was seen; another writer's change then brings a report.
        await backend.setReportDelay(.seconds(300))
        let device = MemoryDevice(width: 120, height: 35, [
            .wait("the outline's rows with placeholders", { grid in
                Self.line(grid, "Spring launch").map { $0.text.contains("…") && !$0.text.contains("1,240") } ?? false
            }),
            .key(.char("j")),
            .perform {
                await backend.setReportDelay(nil)
                await backend.otherWriterRenames("c4", to: "Always-on brand 2")
            },
            .wait("the report's numbers on the selected campaign", { grid in
                grid.text.contains("Assets · Legacy newsletter") && Self.line(grid, "Spring launch")?.text.contains("1,240") == true
            }),
            .key(.char("q")),
        ])
        #expect(await DashboardLoop.run(on: device, backend: backend, options: LoopTests.options()) == .quit)
        #expect(device.failures.isEmpty, "\(device.failures)")
        #expect(device.unplayed == 0)
    }
}
