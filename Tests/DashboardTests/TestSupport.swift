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
func expectScreen(_ state: DashboardState, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = screen(state)
    if actual == expected { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    Issue.record("screen differs at line \(line + 1):\n\(actual)", sourceLocation: sourceLocation)
}
