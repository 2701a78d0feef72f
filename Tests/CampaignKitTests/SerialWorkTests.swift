@testable import CampaignKit
import Foundation
import Synchronization
import Testing

/// #17: the dashboard remembers its reports through `SerialWork`: jobs run in the order
/// given, each once, on a thread that comes and goes with the work. (No test here blocks
/// the pool on purpose: the other tests run beside these on it.)
@Suite("#17 work done in order on the side", .timeLimit(.minutes(1)))
struct SerialWorkTests {
    @Test("#17 jobs from many threads each run once; one submitter's jobs run in its order")
    func order() async throws {
        let work = SerialWork()
        let done = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { submitter in
            for i in 0..<250 {
                work.submit { done.withLock { $0.append(submitter * 1000 + i) } }
            }
        }
        let deadline = Date().addingTimeInterval(60)
        while done.withLock({ $0.count }) < 1000, Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
        let ran = done.withLock { $0 }
        #expect(ran.count == 1000)
        #expect(Set(ran).count == 1000)
        for submitter in 0..<4 {
            let own = ran.filter { $0 / 1000 == submitter }
            #expect(own == own.sorted(), "submitter \(submitter)")
        }
    }
}
