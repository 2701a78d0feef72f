import Foundation
import Synchronization
import Testing
@testable import CampaignKit

/// #17: the engine's two-thread map gives exactly `map`'s values, in order, whoever took which block.
struct SharedMapTests {
    @Test("#17 SharedMap gives map's values in index order, for any count and block, the caller joining early or late")
    func sameAsMap() {
        for count in [0, 1, 7, 255, 256, 257, 10_000] {
            for block in [1, 3, 256] {
                for callerWaits in [false, true] {
                    let shared = SharedMap(count: count, block: block) { i in "v\(i * i)" }
                    if callerWaits { Thread.sleep(forTimeInterval: 0.001) }
                    #expect(shared.value() == (0..<count).map { "v\($0 * $0)" }, "count \(count), block \(block)")
                }
            }
        }
    }

    @Test("#17 a SharedMap let go without its value frees what its helper made")
    func withoutValue() {
        final class Counted: Sendable {
            static let live = Mutex(0)
            init() { Self.live.withLock { $0 += 1 } }
            deinit { Self.live.withLock { $0 -= 1 } }
        }
        do {
            let shared = SharedMap(count: 1_000, block: 16) { _ in Counted() }
            _ = shared
        }
        // The helper's thread holds the map until it is done; then everything it made is freed.
        let deadline = Date().addingTimeInterval(10)
        while Counted.live.withLock({ $0 }) != 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        #expect(Counted.live.withLock { $0 } == 0)
    }
}
