@testable import CampaignKit
import Foundation
import Synchronization
import Testing

/// #17: the dashboard remembers its reports through `SerialWork`: jobs run in the order
/// given, each once, on a thread that comes and goes with the work.
@Suite("#17 work done in order on the side", .timeLimit(.minutes(1)))
struct SerialWorkTests {
    @Test("#17 jobs from many threads each run once; one submitter's jobs run in its order")
    func order() async {
        let work = SerialWork()
        let done = Mutex<[Int]>([])
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.concurrentPerform(iterations: 4) { submitter in
            for i in 0..<250 {
                work.submit {
                    done.withLock { $0.append(submitter * 1000 + i) }
                    if done.withLock({ $0.count }) == 1000 { finished.signal() }
                }
            }
        }
        #expect(finished.wait(timeout: .now() + 60) == .success)
        let ran = done.withLock { $0 }
        #expect(Set(ran).count == 1000)
        for submitter in 0..<4 {
            let own = ran.filter { $0 / 1000 == submitter }
            #expect(own == own.sorted(), "submitter \(submitter)")
        }
    }

    @Test("#17 a job runs while every thread of Swift concurrency's pool is blocked")
    func besideABlockedPool() async {
        let work = SerialWork()
        let ran = DispatchSemaphore(value: 0)
        // Block the pool's threads (as many tests that wait synchronously can) until the job has run.
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<ProcessInfo.processInfo.activeProcessorCount {
                group.addTask { ran.wait(); ran.signal(); return true }
            }
            work.submit { ran.signal() }
            for await finished in group { #expect(finished) }
        }
    }
}
