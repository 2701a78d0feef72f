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
}
