import CampaignKit
import CampaignStore
import Dashboard
import DashboardService
import Foundation
import Testing
@testable import PostgresStore

/// #16 change detection on a team store: every write transaction announces itself with
/// `NOTIFY`, so a dashboard sees another person's commit within a second; while the server
/// is gone its data version cannot be read (the status bar's "reconnecting…"), and it is
/// read again, with what was committed meanwhile, once the server is back.
@Suite(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipped)))
struct ChangeDetectionTests {
    @Test("#16 the dashboard's backend on PostgreSQL sees another user's commit within 1 s")
    func anotherUsersCommit() async throws {
        let store = try TestStore(.postgres)
        store.folder.write(TestData.base)
        try store.importData()
        let location = store.postgresLocation!
        let backend = try StoreBackend(clock: { TestData.now }) { try PostgresStore.existing(location, onLongWait: $0) }
        let before = try await backend.dataVersion()
        #expect(try await backend.campaigns().contains { $0.name == "Summer Sale" })

        let colleague = try store.open()
        defer { try? colleague.close() }
        _ = try colleague.renameCampaign(.id("c2"), to: "Autumn Sale", now: TestData.now)
        let committed = ContinuousClock.now
        var version = try await backend.dataVersion()
        while version == before && ContinuousClock.now - committed < .seconds(1) {
            try await Task.sleep(for: .milliseconds(10))
            version = try await backend.dataVersion()
        }
        #expect(version != before, "the commit was not seen within 1 s")
        #expect(try await backend.campaigns().contains { $0.name == "Autumn Sale" })
    }

    @Test("#16 the server goes away: the version cannot be read, saying reconnecting…; it comes back with what was committed meanwhile")
    func outageAndRecovery() async throws {
        let store = try TestStore(.postgres)
        store.folder.write(TestData.base)
        try store.importData()
        let direct = store.postgresLocation!
        let proxy = try OutageProxy(to: UInt16(direct.port))
        var relayed = direct
        relayed.port = Int(proxy.port)
        let watched = try PostgresStore.existing(relayed)
        defer { try? watched.close() }
        let colleague = try store.open()
        defer { try? colleague.close() }
        let before = try watched.dataVersion()

        // The waits run off Swift's concurrency pool (see offThePool).
        let (failure, after, name) = try await offThePool { () -> (StoreError?, Int?, String?) in
            proxy.cut()
            let failure = try Self.eventually(within: .seconds(8)) { () -> StoreError? in
                do { _ = try watched.dataVersion(); return nil } catch let error as StoreError { return error }
            }
            _ = try colleague.renameCampaign(.id("c2"), to: "Autumn Sale", now: TestData.now)
            try proxy.restore()
            let after = try Self.eventually(within: .seconds(8)) { try? watched.dataVersion() }
            return (failure, after, after == nil ? nil : try watched.campaign(.id("c2")).name)
        }
        guard case .unreachable(let label, let reason)? = failure else { Issue.record("not unreachable: \(String(describing: failure))"); return }
        #expect(label == relayed.label && reason.hasSuffix("reconnecting…"))
        #expect(after.map { $0 > before } == true, "no new version after the server came back")
        #expect(name == "Autumn Sale")
    }

    /// The first non-nil answer of `probe`, asked every 20 ms, or nil when `limit` passes first.
    static func eventually<T>(within limit: Duration, _ probe: () throws -> T?) throws -> T? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            if let answer = try probe() { return answer }
            usleep(20_000)
        }
        return nil
    }
}
