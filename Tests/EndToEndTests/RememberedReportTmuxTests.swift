import Foundation
import Testing
import TmuxHarness

@Suite("#17 the dashboard remembers the reports it computed", .serialized, .timeLimit(.minutes(2)))
struct RememberedReportTmuxTests {
    @Test("R14 the report shown is remembered under $XDG_CACHE_HOME/utmost/reports, for the owner alone; the next dashboard opens on it")
    func remembers() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let cache = scratch.folder.appendingPathComponent("cache")
        let reports = cache.appendingPathComponent("utmost/reports")
        let environment = ["XDG_CACHE_HOME": cache.path]

        let first = try TmuxSession(utmost: ["--db", scratch.db, "--as-of", CLI.asOf], label: "reports-1", environment: environment)
        try first.waitFor("Campaigns 8")
        let deadline = Date().addingTimeInterval(20)
        var files: [String] = []
        while files.isEmpty, Date() < deadline {
            files = ((try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []).filter { $0.hasSuffix(".bin") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try first.send("q")
        #expect(try first.waitForExit() == 0)
        first.close()
        let file = try #require(files.first, "no report remembered in \(reports.path)")
        let attributes = { (path: String) in try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }
        #expect(try attributes(reports.appendingPathComponent(file).path) == 0o600)
        #expect(try attributes(reports.path) == 0o700)

        let second = try TmuxSession(utmost: ["--db", scratch.db, "--as-of", CLI.asOf], label: "reports-2", environment: environment)
        defer { second.close() }
        try second.waitFor("Campaigns 8")
        try second.send("q")
        #expect(try second.waitForExit() == 0)
    }
}
