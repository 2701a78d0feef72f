import CampaignKit
import CampaignStore
@testable import DashboardService
import Foundation
import Synchronization
import Testing

/// #17: the kernel tells the dashboard when a SQLite store's files are written.
@Suite("#17 the store's files watched for changes")
struct StoreFileWatchTests {
    /// The demo company's store in a folder of its own, as the backend's tests make it.
    let path: String

    init() throws { path = try StoreBackendTests().path }

    /// Counts notices; `next` waits (at most a minute) for one more than `seen`.
    final class Counter: Sendable {
        let count = Mutex(0)
        func next(after seen: Int) async -> Int {
            for _ in 0..<6000 {
                let now = count.withLock { $0 }
                if now > seen { return now }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return count.withLock { $0 }
        }
    }

    #if canImport(Glibc)
    @Test("#17 another connection's commit rings; so does a write of the -wal file")
    func commitRings() async throws {
        let watch = StoreFileWatch(storePath: path)
        let counter = Counter()
        #expect(watch.start { counter.count.withLock { $0 += 1 } })
        defer { watch.stop() }
        let store = try CampaignStore(path: path)
        defer { try? store.close() }
        _ = try store.createCampaign(NewCampaign(name: "Written elsewhere"), now: StoreBackendTests.asOf)
        let afterCommit = await counter.next(after: 0)
        #expect(afterCommit >= 1)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "-wal"))
        try handle.seekToEnd()
        try handle.write(contentsOf: [0])
        try handle.close()
        #expect(await counter.next(after: afterCommit) > afterCommit)
    }

    @Test("#17 a watch stopped before it started never starts (the dashboard ended before its poller began)")
    func stoppedFirst() {
        let watch = StoreFileWatch(storePath: path)
        watch.stop()
        #expect(!watch.start {})
    }

    @Test("#17 the folder's events are read name by name (only the store's own two names ring)")
    func names() {
        var bytes: [UInt8] = []
        for name in ["store.sqlite-wal", "other.txt"] {
            let padded = Array(name.utf8) + [UInt8](repeating: 0, count: 16 - name.utf8.count % 16)
            bytes += [1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0] + withUnsafeBytes(of: UInt32(padded.count).littleEndian, Array.init) + padded
        }
        let names = bytes.withUnsafeBytes { StoreFileWatch.names(in: $0[...]) }
        #expect(names == ["store.sqlite-wal", "other.txt"])
    }
    #endif
}
