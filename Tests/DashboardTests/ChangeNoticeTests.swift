import Synchronization
import Testing
@testable import Dashboard

/// #17: a change notice wakes the data-version poll at once instead of at its next interval.
@Suite("#17 change notices wake the poll")
struct ChangeNoticeTests {
    /// Whether `body` finishes before `limit`: a guard against waiting forever, not a timing.
    static func finishes(within limit: Duration, _ body: @escaping @Sendable () async -> Void) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await body(); return true }
            group.addTask { try? await Task.sleep(for: limit); return false }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
    }

    @Test("#17 a ring wakes a wait of an hour; a ring while nobody waits is kept for the next wait")
    func ringWakes() async {
        let bell = Doorbell()
        async let waited: Bool = Self.finishes(within: .seconds(60)) { await bell.wait(upTo: .seconds(3600)) }
        try? await Task.sleep(for: .milliseconds(50))
        bell.ring()
        #expect(await waited)
        bell.ring()
        #expect(await Self.finishes(within: .seconds(60)) { await bell.wait(upTo: .seconds(3600)) })
    }

    @Test("#17 without a ring, a wait ends when its interval is up; a kept ring is used once")
    func intervalEnds() async {
        let bell = Doorbell()
        #expect(await Self.finishes(within: .seconds(60)) { await bell.wait(upTo: .milliseconds(20)) })
        bell.ring()
        await bell.wait(upTo: .seconds(3600))
        #expect(await Self.finishes(within: .seconds(60)) { await bell.wait(upTo: .milliseconds(20)) })
    }
}

extension ChangeNoticeTests {
    @Test("#17 the poll runs at its interval while notices come, and at most every tenth of a second without them")
    func pollPace() {
        let options = DashboardLoop.Options(pollInterval: .seconds(1))
        #expect(DashboardLoop.pollInterval(options, noticed: true) == .seconds(1))
        #expect(DashboardLoop.pollInterval(options, noticed: false) == .milliseconds(100))
        #expect(DashboardLoop.pollInterval(DashboardLoop.Options(pollInterval: .milliseconds(10)), noticed: false) == .milliseconds(10))
    }
}

/// Change notices a test rings by hand, recording that the loop started and stopped them.
final class HandNotices: ChangeNotices {
    private let state = Mutex<(notice: (@Sendable () -> Void)?, started: Int, stopped: Int)>((nil, 0, 0))

    func start(_ notice: @escaping @Sendable () -> Void) -> Bool { state.withLock { $0.notice = notice; $0.started += 1 }; return true }
    func stop() { state.withLock { $0.notice = nil; $0.stopped += 1 } }
    func ring() { state.withLock { $0.notice }?() }
    var startedAndStopped: (Int, Int) { state.withLock { ($0.started, $0.stopped) } }
}
