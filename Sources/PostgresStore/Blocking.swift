import Dispatch
import Foundation
import Synchronization

/// Runs postgres-nio's async work (`COPY`, `LISTEN`) for the store's synchronous API.
///
/// The store's callers block (a command's main thread, the dashboard backend's actor),
/// so the work must not need the threads they may hold: Swift's cooperative pool is as
/// wide as the machine has cores, and a dashboard blocking one of its threads while the
/// work waits for another would hang on a one-core machine. The work runs on this
/// executor's own threads instead, and postgres-nio's futures complete on its event
/// loops, never on the blocked thread. Threads of its own, not a dispatch queue's: on
/// Linux a concurrent queue draws on the same few workers as the cooperative pool, and
/// a change listener waiting to reconnect there could wait for as long as others block
/// them (seconds, with the engine computing beside it).
final class BlockingExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = BlockingExecutor(threads: 4)

    /// The jobs waiting for a thread, in order, under `ready`.
    private var jobs: [UnownedJob] = []
    private var next = 0
    private let ready = NSCondition()

    private init(threads: Int) {
        for n in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "utmost postgres \(n)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        ready.lock()
        jobs.append(job)
        ready.signal()
        ready.unlock()
    }

    /// Each thread runs jobs as they come, for the life of the process.
    private func work() {
        while true {
            ready.lock()
            while next == jobs.count { ready.wait() }
            let job = jobs[next]
            next += 1
            if next == jobs.count { jobs.removeAll(keepingCapacity: true); next = 0 }
            ready.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// Runs `work` to its end on this executor and returns what it returned or threw.
    static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: shared) {
            let result: Result<T, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Starts `work` on this executor without waiting for it.
    @discardableResult
    static func start(_ work: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        Task(executorPreference: shared) { await work() }
    }
}

/// A value handed to work that `BlockingExecutor.run` runs while its owner waits: the
/// owner does not touch it until the work has ended, so it is never used by two threads
/// at once, though its type (a file reader, a table being filled) is not `Sendable`.
struct Handed<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
