import Foundation

/// A computation started on a thread of its own at once, whose result `value` waits for:
/// the engine and the store overlap independent work (the time order with the string
/// lookups, the events' decoding with the other tables' reads), and the machines they
/// target have two cores. The computation sees only Sendable values, so it cannot race.
///
/// A thread of its own, not a queue: the caller may be one of the few threads of Swift
/// concurrency's pool, and waiting there for work queued behind it could wait forever.
package final class Background<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the computation, read only after `done` was signalled, which
    /// orders the write before the read.
    private var result: T?

    package init(_ work: @escaping @Sendable () -> T) {
        let thread = Thread { [self] in
            result = work()
            done.signal()
        }
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    /// The result, once the computation has finished.
    package var value: T {
        done.wait()
        defer { done.signal() }
        return result!
    }
}

/// Runs two independent computations at the same time and returns both results: the
/// engine's passes come in pairs that do not depend on each other.
package func both<A: Sendable, B: Sendable>(_ a: () -> A, _ b: @escaping @Sendable () -> B) -> (A, B) {
    let second = Background(b)
    return (a(), second.value)
}
