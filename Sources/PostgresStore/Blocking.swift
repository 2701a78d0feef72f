import Dispatch
import Synchronization

/// Runs postgres-nio's async work (`COPY`, `LISTEN`) for the store's synchronous API.
///
/// The store's callers block (a command's main thread, the dashboard backend's actor),
/// so the work must not need the threads they may hold: Swift's cooperative pool is as
/// wide as the machine has cores, and a dashboard blocking one of its threads while the
/// work waits for another would hang on a one-core machine. The work runs on this
/// executor's own threads instead (a dispatch queue's, which the pool does not count),
/// and postgres-nio's futures complete on its event loops, never on the blocked thread.
final class BlockingExecutor: TaskExecutor {
    static let shared = BlockingExecutor()

    private let queue = DispatchQueue(label: "utmost.postgres", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
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
