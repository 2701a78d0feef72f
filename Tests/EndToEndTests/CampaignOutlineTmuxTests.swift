import Foundation
import Testing
import TmuxHarness

/// #17 "Live at scale": the real dashboard, cold, on a store whose report takes a while (about
/// a second in a debug build, 0.1 s in a release one): the campaigns are listed first with a
/// placeholder for each number, then their numbers come, the cursor's campaign still selected.
@Suite("#17 the dashboard lists the campaigns before their numbers", .serialized, .timeLimit(.minutes(3)))
struct CampaignOutlineTmuxTests {
    /// The campaigns pane's row of the campaign named `name` (its left half of the screen).
    static func row(_ screen: String, _ name: String) -> Substring? {
        screen.split(separator: "\n").first { $0.hasPrefix("│ ") && $0.contains(" \(name) ") }.map { $0.prefix(60) }
    }

    @Test("#17 the campaign list comes with placeholders, then the numbers; the campaign the cursor moved to stays selected")
    func listThenNumbers() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let data = scratch.folder.appendingPathComponent("generated")
        let generated = try CLI.run(["generate", data.path, "--contacts", "10000"])
        try #require(generated.status == 0, "\(generated)")
        let imported = try scratch.utmost("import", data.path)
        try #require(imported.status == 0, "\(imported)")

        let tmux = try TmuxSession(utmost: ["--db", scratch.db], label: "outline")
        defer { tmux.close() }
        // Settled: tmux may hold half a frame, the outline's first row over the last frame's message.
        let listed = try tmux.waitForSettled("Campaign 0 listed with placeholders") { screen in
            Self.row(screen, "Campaign 0").map { $0.contains("…") } ?? false
        }
        #expect(listed.contains("computing…"))
        #expect(!listed.contains("Computing the report"))
        try tmux.send("j")
        let numbers = try tmux.waitFor("the report's numbers") { screen in
            !screen.contains("computing…") && Self.row(screen, "Campaign 0").map { !$0.contains("…") } == true
        }
        let figures = Self.row(numbers, "Campaign 0").map { $0.replacingOccurrences(of: "Campaign 0", with: "") }
        #expect(figures?.contains { $0.isNumber } == true, "\(numbers)")
        try tmux.waitForSettled("Assets · Campaign 1 ")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }
}
