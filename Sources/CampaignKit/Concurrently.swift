import Foundation
import Synchronization

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

/// Jobs run one after the other, in the order given, on a thread of their own that lives
/// while there are jobs: for blocking work done on the side (writing a file), which must
/// neither hold one of the few threads of Swift concurrency's pool nor wait for one, as a
/// detached task would behind a busy pool.
package final class SerialWork: Sendable {
    private let queue = Mutex<(jobs: [@Sendable () -> Void], running: Bool)>(([], false))

    package init() {}

    package func submit(_ job: @escaping @Sendable () -> Void) {
        let start = queue.withLock { queue in
            queue.jobs.append(job)
            defer { queue.running = true }
            return !queue.running
        }
        guard start else { return }
        let thread = Thread { [self] in
            while let job = next() { job() }
        }
        thread.qualityOfService = .utility
        thread.start()
    }

    /// The next job, or nil when there is none: the thread then ends, and the next `submit` starts another.
    private func next() -> (@Sendable () -> Void)? {
        queue.withLock { queue in
            guard !queue.jobs.isEmpty else {
                queue.running = false
                return nil
            }
            return queue.jobs.removeFirst()
        }
    }
}

/// `(0..<count).map(transform)` on two threads: another thread starts on it at once, and the
/// caller joins in when it asks for the `value`, once done with its own work; each takes the
/// next block of indices in turn, so both end at about the same time however the work was
/// split before. The engine parses its distinct URLs so while it looks up the other strings.
package final class SharedMap<T: Sendable>: @unchecked Sendable {
    private let count: Int
    private let block: Int
    private let transform: @Sendable (Int) -> T
    /// The next index no thread has taken.
    private let next = Atomic<Int>(0)
    /// Each index is written once, by the thread that took its block; read once both are done.
    private let results: UnsafeMutablePointer<T>
    private let helperDone = DispatchSemaphore(value: 0)
    /// Whether `value` moved the results out (the caller's thread only).
    private var taken = false

    package init(count: Int, block: Int = 256, _ transform: @escaping @Sendable (Int) -> T) {
        (self.count, self.block, self.transform) = (count, block, transform)
        results = .allocate(capacity: count)
        let thread = Thread { [self] in
            work()
            helperDone.signal()
        }
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    /// The mapped values in index order, the caller mapping blocks too until none is left.
    /// Called once.
    package func value() -> [T] {
        precondition(!taken, "SharedMap.value is called once")
        work()
        helperDone.wait()
        taken = true
        let values = Array(UnsafeMutableBufferPointer(start: results, count: count))
        results.deinitialize(count: count)
        return values
    }

    /// Without `value`, the helper took every block before its thread let go of this.
    deinit {
        if !taken { results.deinitialize(count: count) }
        results.deallocate()
    }

    /// Maps blocks until none is left.
    private func work() {
        while true {
            let start = next.wrappingAdd(block, ordering: .relaxed).oldValue
            guard start < count else { return }
            for i in start..<min(start + block, count) { (results + i).initialize(to: transform(i)) }
        }
    }
}
