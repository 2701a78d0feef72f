import Attribution
import CampaignKit
import Foundation
import MemoryTerminal
import Synchronization
import Testing
import Widgets
@testable import Dashboard

/// The real application loop on a terminal in memory (#13.2): keys in, grids out,
/// effects performed against the in-memory backend, the data-change poll, report
/// cancellation, ticks, signals, suspension, resizing and quit.
@MainActor
@Suite("#13.2 the dashboard's loop on a device in memory")
struct LoopTests {
    /// Fast polls and ticks, so that a test takes milliseconds, on the fixtures' clock.
    static func options(period: Period = .allTime, clock: @escaping @Sendable () -> Instant = { Fixtures.now }) -> DashboardLoop.Options {
        DashboardLoop.Options(storeLabel: "memory.sqlite", zone: Fixtures.utc, period: period, pollInterval: .milliseconds(10),
                              tickInterval: .milliseconds(20), readTimeout: .milliseconds(5), clock: clock)
    }

    func run(_ device: MemoryDevice, _ backend: FakeBackend, options: DashboardLoop.Options = options()) async -> DashboardLoop.ExitReason {
        let reason = await DashboardLoop.run(on: device, backend: backend, options: options)
        #expect(device.failures.isEmpty, "\(device.failures)")
        return reason
    }

    @Test("#13.2 keys in, grids out: the report loads, tab 2 shows the analytics, q quits")
    func keysAndQuit() async {
        let device = MemoryDevice(width: 120, height: 35, [.shows("Campaigns 5"), .shows("Spring launch"), .key(.char("2")),
                                                           .shows("Campaign analytics"), .key(.char("q"))])
        #expect(await run(device, FakeBackend()) == .quit)
        #expect(device.unplayed == 0)
    }

    @Test("#13.2 an edit goes to the backend and the report is asked again")
    func edit() async {
        let backend = FakeBackend()
        let device = MemoryDevice(width: 120, height: 35,
                                  [.shows("Spring launch"), .key(.char("r")), .key(.ctrl("u"))] + "Autumn".map { .key(.char($0)) }
                                  + [.key(.enter), .shows("u undoes"), .shows("Autumn"), .key(.char("q"))])
        #expect(await run(device, backend) == .quit)
        #expect(await backend.calls.contains { $0.hasPrefix("rename c") && $0.hasSuffix(" Autumn") })
        #expect(await backend.calls.filter { $0.hasPrefix("report") }.count >= 2)
    }

    @Test("#13.2 the data-change poll: another writer's change reloads the report")
    func poll() async {
        let backend = FakeBackend()
        let device = MemoryDevice(width: 120, height: 35, [.shows("Spring launch"),
                                                           .perform { await backend.otherWriterRenames("c1", to: "Renamed elsewhere") },
                                                           .shows("Renamed else"), .key(.char("q"))])
        #expect(await run(device, backend) == .quit)
    }

    @Test("#17 with change notices the poll waits a second, and a notice brings another writer's change; the loop stops them at the end")
    func notices() async {
        let backend = FakeBackend()
        let notices = HandNotices()
        var options = Self.options()
        options = DashboardLoop.Options(storeLabel: options.storeLabel, zone: options.zone, period: options.period,
                                        pollInterval: .seconds(1), tickInterval: options.tickInterval, readTimeout: options.readTimeout,
                                        clock: options.clock, changeNotices: notices)
        let device = MemoryDevice(width: 120, height: 35, [.shows("Spring launch"),
                                                           .perform { await backend.otherWriterRenames("c1", to: "Renamed elsewhere"); notices.ring() },
                                                           .shows("Renamed else"), .key(.char("q"))])
        #expect(await run(device, backend, options: options) == .quit)
        #expect(notices.startedAndStopped == (1, 1))
    }

    @Test("#16 a store whose server goes away: the status bar says reconnecting…, and a change made meanwhile shows once it is back")
    func reconnecting() async {
        let backend = FakeBackend()
        let device = MemoryDevice(width: 120, height: 35, [
            .shows("Spring launch"),
            .perform { await backend.setOutage("the connection to the server was lost; reconnecting…") },
            .shows("reconnecting…"),
            .perform {
                await backend.otherWriterRenames("c1", to: "Renamed elsewhere")
                await backend.setOutage(nil)
            },
            .shows("Renamed else"), .wait("no \"reconnecting\"", { !$0.text.contains("reconnecting") }), .key(.char("q")),
        ])
        #expect(await run(device, backend) == .quit)
    }

    @Test("#13.2 a newer report cancels the one being computed")
    func cancellation() async {
        let backend = FakeBackend()
        await backend.setReportDelay(.seconds(30))
        let device = MemoryDevice(width: 120, height: 35, [
            .until("a report to start") { backend.probe.started >= 1 },
            .key(.char("]")),
            .until("the first report to be cancelled") { backend.probe.cancelled >= 1 },
            .key(.char("q")),
        ])
        #expect(await run(device, backend) == .quit)
    }

    @Test("#13.2 ticks: when the clock passes midnight, a window counted from today is asked again")
    func ticks() async {
        let now = Mutex(Fixtures.now)
        let backend = FakeBackend()
        let device = MemoryDevice(width: 120, height: 35, [
            .key(.char("2")), .shows("2024-03-14"),
            .perform { now.withLock { $0 = Instant(iso8601: "2024-03-21T00:00:05Z")! } },
            .shows("2024-03-15"), .key(.char("q")),
        ])
        #expect(await run(device, backend, options: Self.options(period: .last7Days, clock: { now.withLock { $0 } })) == .quit)
    }

    @Test("#13.2 a signal ends the loop with its number; a hang-up as SIGHUP; Ctrl-C as a key quits")
    func signals() async {
        #expect(await run(MemoryDevice([.shows("Campaigns"), .event(.signal(SIGTERM))]), FakeBackend()) == .signal(SIGTERM, unsavedEdit: nil))
        #expect(await run(MemoryDevice([.shows("Campaigns"), .event(.signal(SIGQUIT))]), FakeBackend()) == .signal(SIGQUIT, unsavedEdit: nil))
        #expect(await DashboardLoop.run(on: MemoryDevice([.event(.hangup)]), backend: FakeBackend(), options: Self.options()) == .signal(SIGHUP, unsavedEdit: nil))
        #expect(await run(MemoryDevice([.shows("Campaigns"), .key(.ctrl("c"))]), FakeBackend()) == .quit)
    }

    @Test("#13.2 Ctrl-Z suspends the whole job, a SIGTSTP from outside the process alone, and both redraw")
    func suspend() async {
        let device = MemoryDevice([.shows("Campaigns"), .event(.suspend), .event(.stop), .shows("Campaigns"), .key(.char("q"))])
        #expect(await run(device, FakeBackend()) == .quit)
        #expect(device.suspensions == [true, false])
    }

    @Test("#13.2 a resize redraws at the new size: one pane under 80×24")
    func resize() async {
        let device = MemoryDevice(width: 120, height: 35, [
            .shows("Metrics"), .resize(width: 60, height: 20),
            .wait("a 60×20 grid with one pane") { $0.width == 60 && $0.height == 20 && !$0.text.contains("Metrics") },
            .key(.char("q")),
        ])
        #expect(await run(device, FakeBackend()) == .quit)
    }

    @Test("#12.7 a signal while an edit waits for another writer ends the loop and names the edit not saved")
    func signalWithEditWaiting() async {
        let backend = FakeBackend()
        // The other writer never lets go while the test runs: on a loaded machine a wait of
        // seconds could end before the screen is read, and the edit would be saved.
        await backend.setLockWait(.seconds(3_600))
        let device = MemoryDevice(width: 120, height: 35,
                                  [.shows("Spring launch"), .key(.char("r")), .key(.ctrl("u"))] + "Autumn".map { .key(.char($0)) }
                                  + [.key(.enter), .shows("Waiting for another writer"), .event(.signal(SIGTERM))])
        let reason = await run(device, backend)
        guard case .signal(SIGTERM, let unsaved?) = reason else { Issue.record("\(reason)"); return }
        #expect(unsaved.contains("Autumn"))
    }
}
