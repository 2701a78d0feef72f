import Synchronization

/// Where background tasks leave their results for the UI thread, which
/// collects them on each tick.
final class Mailbox: Sendable {
    private let actions = Mutex<[Action]>([])
    /// Wakes the UI thread from its wait for a key, to collect what was posted.
    private let wake: @Sendable () -> Void

    init(wake: @escaping @Sendable () -> Void = {}) { self.wake = wake }

    func post(_ action: Action) {
        actions.withLock { $0.append(action) }
        wake()
    }

    func drain() -> [Action] { actions.withLock { list in defer { list.removeAll() }; return list } }
}
