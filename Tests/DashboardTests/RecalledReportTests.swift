import Attribution
import CampaignKit
import MemoryTerminal
import Synchronization
import Testing
import Widgets
@testable import Dashboard

/// #17: a report remembered from the same data is shown at once, and the computed one
/// takes its place when it comes; the header says "computing…" until then.
@MainActor
@Suite("#17 the dashboard shows a remembered report while it computes")
struct RecalledReportTests {
    /// The fixtures' report with its first campaign named so that the screen tells it apart.
    static var remembered: Report {
        var report = Fixtures.report()
        report.campaigns[0].name = "Remembered launch"
        return report
    }

    @Test("R14 the remembered numbers show while the report is computed; the computed ones replace them")
    func loopShowsRememberedFirst() async {
        let backend = FakeBackend()
        await backend.remember(Self.remembered)
        // The first computation waits until the remembered numbers were seen (however slow a
        // full test run makes the loop); another writer's change then brings a computed report.
        await backend.setReportDelay(.seconds(300))
        let device = MemoryDevice(width: 120, height: 35, [
            .shows("Remembered launch"), .shows("computing"),
            .perform {
                await backend.setReportDelay(nil)
                await backend.otherWriterRenames("c1", to: "Computed launch")
            },
            .shows("Computed launch"), .key(.char("q")),
        ])
        #expect(await DashboardLoop.run(on: device, backend: backend, options: LoopTests.options()) == .quit)
        #expect(device.failures.isEmpty, "\(device.failures)")
        #expect(device.unplayed == 0)
    }

    @Test("R14 a remembered report counts only while its own generation is still computing")
    func reducer() {
        var (state, effects) = start(DashboardState(width: 120, height: 35, now: Fixtures.now, zone: Fixtures.utc))
        #expect(effects.contains { if case .loadReport = $0 { true } else { false } })
        let generation = state.generation
        state = update(state, .reportRecalled(generation: generation, Self.remembered)).0
        #expect(state.report == Self.remembered)
        #expect(state.loading)
        #expect(state.lastRefresh == nil)

        state = update(state, .reportLoaded(generation: generation, .success(Fixtures.report()))).0
        #expect(!state.loading)
        // Late, or of an older request: the computed report stays.
        state = update(state, .reportRecalled(generation: generation, Self.remembered)).0
        #expect(state.report == Fixtures.report())
        state = update(state, .reportRecalled(generation: generation - 1, Self.remembered)).0
        #expect(state.report == Fixtures.report())
    }

    @Test("#17 the effect brings the remembered report before the computed one, for the report and its comparison")
    func performer() async {
        let backend = FakeBackend()
        await backend.remember(Self.remembered)
        let request = ReportRequest(window: ReportWindow(zone: Fixtures.utc))
        let early = Mutex<[Action]>([])
        let result = await EffectPerformer.perform(.loadReport(request, generation: 7), backend: backend) { a in early.withLock { $0.append(a) } }
        #expect(early.withLock { $0 } == [.reportRecalled(generation: 7, Self.remembered)])
        guard case .reportLoaded(7, .success(let computed))? = result else { Issue.record("\(String(describing: result))"); return }
        #expect(computed.campaigns[0].name != "Remembered launch")

        let comparison = Mutex<[Action]>([])
        _ = await EffectPerformer.perform(.loadComparison(request, generation: 8), backend: backend) { a in comparison.withLock { $0.append(a) } }
        #expect(comparison.withLock { $0 } == [.comparisonLoaded(generation: 8, .success(Self.remembered))])
    }
}
