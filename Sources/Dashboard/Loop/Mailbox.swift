import Synchronization

/// Where background tasks leave their results for the UI thread, which
/// collects them on each tick.
final class Mailbox: Sendable {
    private let actions = Mutex<[Action]>([])

    func post(_ action: Action) { actions.withLock { $0.append(action) } }

    func drain() -> [Action] { actions.withLock { list in defer { list.removeAll() }; return list } }
}
