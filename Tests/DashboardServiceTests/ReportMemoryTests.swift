import Attribution
import CampaignKit
import CampaignStore
import Dashboard
@testable import DashboardService
import Foundation
import Testing

/// #17: the dashboard's memory of reports. A report is recalled only for the same store,
/// the same data, the same request, the same engine and a clock that changes nothing it
/// reads; everything else, a damaged file included, is a miss.
@Suite("#17 the dashboard's memory of reports")
struct ReportMemoryTests {
    static let asOf = StoreBackendTests.asOf
    static let utc = StoreBackendTests.utc
    static let window = ReportWindow(from: CalendarDate(iso8601: "2023-01-01"), to: CalendarDate(iso8601: "2024-12-31"), zone: utc)

    let folder: URL
    let path: String
    let memory: ReportMemory

    /// The demo company's store in a folder of its own, as the backend's tests make it; the memory beside it.
    init() throws {
        let fixture = try StoreBackendTests()
        (folder, path) = (fixture.folder, fixture.path)
        memory = ReportMemory(folder: folder.appendingPathComponent("reports"), engine: "test engine")
    }

    func backend(at clock: Instant = Self.asOf, memory: ReportMemory? = nil) throws -> StoreBackend {
        try StoreBackend(path: path, clock: { clock }, memory: memory ?? self.memory)
    }

    /// The reports remembered so far, once the backend's write (made on the side) is there.
    /// Looks before it minds the clock: a test that waited for the pool past the deadline still sees the files.
    func rememberedFiles(atLeast count: Int = 1) async throws -> [String] {
        let deadline = Date().addingTimeInterval(60)
        while true {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: memory.folder.path)) ?? []
            let reports = files.filter { $0.hasPrefix("report-") && $0.hasSuffix(".bin") }
            if reports.count >= count { return reports }
            if Date() >= deadline { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("no remembered report after 60 s")
        return []
    }

    /// What a new backend recalls for the request once the report remembered last is `report`
    /// (the write is made on the side): nil when that does not happen within 60 s.
    func recalled(_ request: ReportRequest, becomes report: Report) async throws -> Report? {
        let deadline = Date().addingTimeInterval(60)
        while true {
            if let recalled = try await backend().recalledReport(for: request), recalled == report { return recalled }
            if Date() >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test("R14 R18 a backend opened on data another backend reported on recalls that report, equal to the one it then computes")
    func recallsTheSameData() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let request = ReportRequest(window: Self.window, segment: nil)
        let first = try backend()
        #expect(await first.recalledReport(for: request) == nil)
        let computed = try await first.report(for: request)
        let file = try #require(try await rememberedFiles().first)
        let mode = try FileManager.default.attributesOfItem(atPath: memory.folder.appendingPathComponent(file).path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let second = try backend()
        let recalled = try #require(await second.recalledReport(for: request))
        #expect(recalled == computed)
        #expect(ReportFormatter.json(recalled) == ReportFormatter.json(computed))
        // Once it has computed its own, it recalls nothing: its numbers are the ones to show.
        #expect(try await second.report(for: request) == recalled)
        #expect(await second.recalledReport(for: request) == nil)
    }

    @Test("R20 another window, another segment, another engine: nothing recalled")
    func otherRequests() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try backend()
        _ = try await first.report(for: ReportRequest(window: Self.window, segment: nil))
        _ = try await rememberedFiles()
        let second = try backend()
        var other = Self.window
        other.to = CalendarDate(iso8601: "2024-12-30")
        #expect(await second.recalledReport(for: ReportRequest(window: other, segment: nil)) == nil)
        var zoned = Self.window
        zoned.zone = TimeZone(identifier: "Europe/Amsterdam")!
        #expect(await second.recalledReport(for: ReportRequest(window: zoned, segment: nil)) == nil)
        let segment = try #require(try await second.segments().first)
        #expect(await second.recalledReport(for: ReportRequest(window: Self.window, segment: segment.id)) == nil)
        let rebuilt = try backend(memory: ReportMemory(folder: memory.folder, engine: "another build"))
        #expect(await rebuilt.recalledReport(for: ReportRequest(window: Self.window, segment: nil)) == nil)
    }

    @Test("R3 R12 after an edit or appended events the store's data differ: nothing recalled, and the next report is remembered anew")
    func changedData() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let request = ReportRequest(window: Self.window, segment: nil)
        _ = try await backend().report(for: request)
        _ = try await rememberedFiles()

        let store = try CampaignStore(path: path)
        let campaign = try #require(try store.campaigns().first)
        _ = try store.renameCampaign(.id(campaign.id), to: campaign.name + " renamed", now: Self.asOf, expecting: nil)
        let renamed = try backend()
        #expect(await renamed.recalledReport(for: request) == nil)
        let afterRename = try await renamed.report(for: request)
        #expect(try await recalled(request, becomes: afterRename) == afterRename)
        #expect(try await rememberedFiles().count == 1, "one file per request, the latest report in it")

        try StoreBackendTests.importEvents("""
            time,type,visitor_id,url
            2024-06-01T10:00:00Z,page_view,v00001,https://www.tallybird.com/?utm_campaign=onboarding-nurture

            """, from: folder, named: "more", into: store)
        try store.close()
        #expect(try await backend().recalledReport(for: request) == nil)
    }

    @Test("R9 a report holds until the clock publishes a scheduled social post; from then on it is not recalled")
    func clockChanges() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let request = ReportRequest(window: Self.window, segment: nil)
        let computed = try await backend().report(for: request)
        _ = try await rememberedFiles()
        // The demo's LinkedIn birthday post is scheduled for 2030-03-15T09:00:00Z.
        let published = Instant(iso8601: "2030-03-15T09:00:00Z")!
        #expect(try await backend(at: published.adding(seconds: -1)).recalledReport(for: request) == computed)
        #expect(try await backend(at: published).recalledReport(for: request) == nil)
        // Nor before it was made: a clock set back may see another "now".
        #expect(try await backend(at: Self.asOf.adding(seconds: -1)).recalledReport(for: request) == nil)
    }

    @Test("R8 a report lists the assets associated now: it holds until an association the clock has not reached yet starts")
    func futureAssociation() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let starts = Self.asOf.adding(seconds: 3_600)
        let store = try CampaignStore(path: path)
        let asset = try #require(try store.loadDataset().assets.first { $0.type == .landingPage })
        let campaign = try #require(try store.campaigns().last)
        _ = try store.associate(assetID: asset.id, with: .id(campaign.id), now: starts)
        try store.close()
        let request = ReportRequest(window: Self.window, segment: nil)
        let computed = try await backend().report(for: request)
        _ = try await rememberedFiles()
        #expect(try await backend(at: starts.adding(seconds: -1)).recalledReport(for: request) == computed)
        #expect(try await backend(at: starts).recalledReport(for: request) == nil)
    }

    @Test("#17 a damaged or cut remembered file is a miss, never a crash or another report")
    func damagedFiles() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let request = ReportRequest(window: Self.window, segment: nil)
        _ = try await backend().report(for: request)
        let file = memory.folder.appendingPathComponent(try #require(try await rememberedFiles().first))
        let good = try Data(contentsOf: file)
        #expect(try await backend().recalledReport(for: request) != nil)
        for damaged in [good.prefix(good.count / 2), good.dropLast(), Data(good.map { $0 ^ ($0 == good[good.count / 3] ? 1 : 0) }), Data()] {
            try damaged.write(to: file)
            #expect(try await backend().recalledReport(for: request) == nil)
        }
    }

    @Test("#17 the memory keeps its newest files up to its capacity")
    func capacity() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = ReportMemory(folder: memory.folder, engine: "test engine", capacity: 3)
        let report = Report(window: Self.window, campaigns: [], unlinkedUtm: [], attribution: AttributionReport())
        for segment in 1...5 {
            small.remember(report, store: path, fingerprint: 1, window: Self.window, segment: "s\(segment)", madeAt: Self.asOf, holdsUntil: nil)
            // The newest are kept by modification time: give the file just written one a second after the last.
            for name in try FileManager.default.contentsOfDirectory(atPath: small.folder.path) {
                let file = small.folder.appendingPathComponent(name).path
                guard let modified = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date,
                      modified > Date(timeIntervalSince1970: 2_000_000) else { continue }
                try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000 + Double(segment))],
                                                      ofItemAtPath: file)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: memory.folder.path).count == 3)
        for segment in 1...5 {
            let recalled = small.recall(store: path, window: Self.window, segment: "s\(segment)", at: Self.asOf) { 1 }
            #expect((recalled != nil) == (segment >= 3), "segment \(segment)")
        }
    }

    @Test("#17 the store's fingerprint is read only when a report is remembered for the request")
    func fingerprintOnlyWhenNeeded() {
        defer { try? FileManager.default.removeItem(at: folder) }
        var asked = 0
        #expect(memory.recall(store: path, window: Self.window, segment: nil, at: Self.asOf) { asked += 1; return 1 } == nil)
        #expect(asked == 0)
        let report = Report(window: Self.window, campaigns: [], unlinkedUtm: [], attribution: AttributionReport())
        memory.remember(report, store: path, fingerprint: 1, window: Self.window, segment: nil, madeAt: Self.asOf, holdsUntil: nil)
        #expect(memory.recall(store: path, window: Self.window, segment: nil, at: Self.asOf) { asked += 1; return 2 } == nil)
        #expect(memory.recall(store: path, window: Self.window, segment: nil, at: Self.asOf) { asked += 1; return 1 } == report)
        #expect(asked == 2)
    }

    @Test("#17 a backend without a memory recalls nothing")
    func noMemory() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try StoreBackend(path: path, clock: { Self.asOf })
        _ = try await plain.report(for: ReportRequest(window: Self.window, segment: nil))
        #expect(await plain.recalledReport(for: ReportRequest(window: Self.window, segment: nil)) == nil)
    }
}
