import Foundation
import Testing
import TmuxHarness

@Suite("#14 the dashboard remembers a store's tab, sort and period", .serialized, .timeLimit(.minutes(2)))
struct RememberedTmuxTests {
    @Test("#14 quit on tab 2 with another period; the next start opens there, per store; the file is the owner's alone")
    func remembers() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let state = scratch.folder.appendingPathComponent("state")
        let environment = ["XDG_STATE_HOME": state.path]
        var tmux = try TmuxSession(utmost: ["--db", scratch.db, "--as-of", CLI.asOf], label: "remember-1", environment: environment)
        try tmux.waitFor("Campaigns 8")
        try tmux.send("2", "]", "]", "]", "]")
        try tmux.waitFor("Campaign analytics", "Last 90 days")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        tmux.close()
        let files = try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("utmost").path)
        let file = try #require(files.first { $0.hasPrefix("dashboard-") })
        let mode = try FileManager.default.attributesOfItem(atPath: state.appendingPathComponent("utmost/\(file)").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        tmux = try TmuxSession(utmost: ["--db", scratch.db, "--as-of", CLI.asOf], label: "remember-2", environment: environment)
        defer { tmux.close() }
        try tmux.waitFor("Campaign analytics", "Last 90 days")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test("#15 --no-remember (serve's viewers): opens at the defaults and leaves the remembered file as it was")
    func noRemember() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let state = scratch.folder.appendingPathComponent("state")
        let environment = ["XDG_STATE_HOME": state.path]
        var tmux = try TmuxSession(utmost: ["--db", scratch.db, "--as-of", CLI.asOf], label: "forget-1", environment: environment)
        try tmux.waitFor("Campaigns 8")
        try tmux.send("2", "]", "]", "]", "]")
        try tmux.waitFor("Campaign analytics", "Last 90 days")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        tmux.close()
        let folder = state.appendingPathComponent("utmost").path
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("dashboard-") })
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(file)"))

        tmux = try TmuxSession(utmost: ["--db", scratch.db, "--as-of", CLI.asOf, "--no-remember"], label: "forget-2", environment: environment)
        try tmux.waitFor("Campaigns 8", "All time")
        try tmux.send("4", "[")
        try tmux.waitFor("Attribution models")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        tmux.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(file)")) == before)
    }
}
