import Synchronization

/// Tells the dashboard, sooner than its poll would, that the store may have changed:
/// on a notice the loop reads the store's data version at once instead of at the next
/// poll (#17). A notice may be wrong (the version is read and compared, as a poll's is)
/// and may be missed (the poll goes on, only less often).
public protocol ChangeNotices: Sendable {
    /// Starts calling `notice`, from any thread, soon after each change, until `stop`;
    /// false when it cannot (the poll then runs at its pace without notices).
    func start(_ notice: @escaping @Sendable () -> Void) -> Bool
    /// Stops the notices. It may come first (the loop ends before its poller began): a
    /// `start` after it starts nothing and returns false.
    func stop()
}

/// Where the poll waits between two reads of the data version: until the interval is up
/// or a change notice rings, whichever comes first. A ring while nobody waits is kept for
/// the next wait, so a notice between two polls is never lost.
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }
    private let state = Mutex(State())

    func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else { state.rung = true; return nil }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns when rung, or after `interval`.
    func wait(upTo interval: Duration) async {
        let timer = Task {
            guard (try? await Task.sleep(for: interval)) != nil else { return }
            ring()
        }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let rungBefore = state.withLock { state -> Bool in
                if state.rung { state.rung = false; return true }
                state.waiter = waiter
                return false
            }
            if rungBefore { waiter.resume() }
        }
        timer.cancel()
    }
}
