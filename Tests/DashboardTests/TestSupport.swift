import Foundation
import Widgets
import Synchronization
import Testing
import Attribution
@testable import Dashboard

/// Sends keys through `update`, keeping the effects they produced.
func press(_ keys: [Key], on state: DashboardState) -> (DashboardState, [Effect]) {
    var state = state
    var effects: [Effect] = []
    for key in keys {
        let (next, more) = update(state, .key(key))
        state = next
        effects += more
    }
    return (state, effects)
}

func press(_ keys: Key..., on state: DashboardState) -> (DashboardState, [Effect]) { press(keys, on: state) }

/// Keys for typing text.
func typing(_ text: String) -> [Key] { text.map { .char($0) } }

/// Runs every effect against the backend and feeds the results back (after the
/// actions that came before them, such as `editWaiting`), until none is left.
func settle(_ state: DashboardState, _ effects: [Effect], backend: FakeBackend) async -> DashboardState {
    var state = state
    var queue = effects
    while !queue.isEmpty {
        let effect = queue.removeFirst()
        let early = Mutex<[Action]>([])
        let result = await EffectPerformer.perform(effect, backend: backend) { action in early.withLock { $0.append(action) } }
        for action in early.withLock({ $0 }) + (result.map { [$0] } ?? []) {
            let (next, more) = update(state, action)
            state = next
            queue += more
        }
    }
    return state
}

/// The screen as text, for comparing with an expected screen.
func screen(_ state: DashboardState) -> String { Screen.render(state).text }

/// Compares screens line by line, so a failure names the first line that differs.
/// Compares what a scenario draws at `width`×`height` with its snapshot file,
/// `Snapshots/NAME-WxH.txt`. With `UTMOST_RECORD_SNAPSHOTS=1` the file is written
/// instead (and the test says so, so a recording run is never taken for a pass):
/// review the files' diff, then commit what is intended.
func expectSnapshot(_ scenario: String, _ width: Int, _ height: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = screen(Scenarios.named(scenario)(width, height))
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent("\(scenario)-\(width)x\(height).txt")
    if ProcessInfo.processInfo.environment["UTMOST_RECORD_SNAPSHOTS"] == "1" {
        do { try Data((actual + "\n").utf8).write(to: file) } catch { Issue.record("cannot record \(file.path): \(error)") }
        Issue.record("recorded \(file.lastPathComponent): review the diff, then run the tests without UTMOST_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    guard let data = FileManager.default.contents(atPath: file.path) else {
        Issue.record("no snapshot \(file.lastPathComponent) (UTMOST_RECORD_SNAPSHOTS=1 records it); the screen:\n\(actual)", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self).dropLast(1)
    if actual == expected { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    Issue.record("screen differs from \(file.lastPathComponent) at line \(line + 1):\n\(actual)", sourceLocation: sourceLocation)
}

/// The report an update asked for, if it asked for one (a comparison may follow it).
func requestedReport(in effects: [Effect]) -> ReportRequest? {
    for effect in effects { if case .loadReport(let request, _) = effect { return request } }
    return nil
}
