import Attribution
import Foundation
import MemoryTerminal
import Testing
import Widgets
@testable import Dashboard

/// Issue 14 through the real loop on a terminal in memory: clicks, the wheel, pastes and
/// copies go from the device to the state and back out to the device.
@MainActor
@Suite("#14 clicks, pastes and copies through the dashboard's loop")
struct InputLoopTests {
    func run(_ device: MemoryDevice, _ backend: FakeBackend = FakeBackend()) async -> DashboardLoop.ExitReason {
        let reason = await DashboardLoop.run(on: device, backend: backend, options: LoopTests.options())
        #expect(device.failures.isEmpty, "\(device.failures)")
        return reason
    }

    @Test("#14 a click on a campaign's row shows its assets, on a tab's label the tab; the wheel moves the list under it")
    func clicks() async {
        let device = MemoryDevice(width: 120, height: 35, [
            .shows("Assets · Always-on brand"),
            .click(x: 10, y: 5), .shows("Assets · Spring launch"),
            .event(.mouse(MouseEvent(.wheelDown, x: 10, y: 5))), .shows("Assets · Webinar series"),
            .click(x: 30, y: 0), .shows("Campaign analytics (R17)"),
            .key(.char("q")),
        ])
        #expect(await run(device) == .quit)
    }

    @Test("#14 y hands the selected value to the device, once, and the status bar says so")
    func copy() async {
        let device = MemoryDevice(width: 120, height: 35, [
            .shows("Spring launch"), .key(.char("j")), .key(.char("j")), .key(.char("y")),
            .shows("Copied utm_campaign=spring-launch"), .key(.char("Y")), .shows("Copied the id of Spring launch: c1"),
            .key(.char("j")), .shows("Assets · Summer sale"), .key(.char("q")),
        ])
        #expect(await run(device) == .quit)
        #expect(device.copies == ["spring-launch", "c1"])
    }

    @Test("#14 a paste goes into the name being typed as one line, and Enter saves it")
    func paste() async {
        let backend = FakeBackend()
        let device = MemoryDevice(width: 120, height: 35, [
            .shows("Spring launch"), .key(.char("r")), .key(.ctrl("u")), .key(.paste("Autumn\nsale\u{1B}\n")),
            .shows("Autumn sale▏"), .key(.enter), .shows("u undoes"), .key(.char("q")),
        ])
        #expect(await run(device, backend) == .quit)
        #expect(await backend.calls.contains { $0.hasPrefix("rename c") && $0.hasSuffix(" Autumn sale") })
    }
}
