import Foundation
import GRDB

/// Told, with the store's path, when one of the store's writes has waited a
/// second for another process's write: the command line prints "waiting for…",
/// the dashboard shows it in its status bar.
public typealias LongWaitHandler = @Sendable (String) -> Void

/// What a connection does when another process holds the store's write lock
/// (an import of millions of events can hold it for a minute): it waits,
/// sleeping a little longer each try, and after a second tells the handler
/// its store was opened with, once per wait. It gives up (SQLITE_BUSY,
/// reported as `StoreError.busy`) after `limit`.
package final class BusyWait: @unchecked Sendable {
    package static let limit: TimeInterval = 600
    package static let noticeAfter: TimeInterval = 1

    private let path: String
    private let onLongWait: LongWaitHandler?
    private let lock = NSLock()
    private var started = Date()
    private var noticed = false

    init(path: String, onLongWait: LongWaitHandler?) {
        self.path = path
        self.onLongWait = onLongWait
    }

    /// The busy handler: true to try again. `tries` restarts at 0 with each new wait.
    var retry: Database.BusyCallback {
        { [self] tries in
            let (waited, notify) = lock.withLock { () -> (TimeInterval, Bool) in
                if tries == 0 { started = Date(); noticed = false }
                let waited = Date().timeIntervalSince(started)
                let notify = !noticed && waited >= Self.noticeAfter
                if notify { noticed = true }
                return (waited, notify)
            }
            guard waited < Self.limit else { return false }
            if notify { onLongWait?(path) }
            let delays: [UInt32] = [1, 2, 5, 10, 20, 50]
            usleep(1_000 * (tries < delays.count ? delays[tries] : 100))
            return true
        }
    }
}
