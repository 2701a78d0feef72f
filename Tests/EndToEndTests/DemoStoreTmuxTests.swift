import Foundation
import Testing
import TmuxHarness

extension DashboardTmuxTests {
    @Test("#12.5 a first run from any folder, with an empty HOME, makes the demo store from utmost's own copy; #12.4 private")
    func firstRunFromElsewhere() throws {
        // The pane runs in a fresh temporary folder (no sample-data/ there), HOME is that
        // folder, and no XDG_DATA_HOME: the default store goes under ~/.local/share.
        let tmux = try start("demo-elsewhere", store: nil, unset: ["XDG_DATA_HOME"])
        defer { tmux.close() }
        try tmux.waitFor("the demo company's numbers") { $0.contains("35,918") }
        let folder = tmux.folder.appendingPathComponent(".local/share/utmost")
        let store = folder.appendingPathComponent("utmost.sqlite").path
        #expect(mode(folder.path) == 0o700, "the default folder is \(String(mode(folder.path) ?? 0, radix: 8))")
        for file in [store, store + "-wal", store + "-shm"] {
            #expect(mode(file) == 0o600, "\(file) is \(String(mode(file) ?? 0, radix: 8))")
        }
        try quit(tmux)
    }

    @Test("#12.3 a theme file that is a FIFO is refused in one line before any store is made")
    func themeFIFO() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let fifo = scratch.folder.appendingPathComponent("theme.toml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let tmux = try TmuxSession(utmost: ["--theme", fifo, "--db", scratch.db], label: "theme-fifo")
        defer { tmux.close() }
        #expect(try tmux.waitForExit() == 1)
        // The line may wrap at the pane's width.
        let said = try tmux.screen().replacingOccurrences(of: "\n", with: "")
        #expect(said.contains("utmost: theme file \(fifo): not a regular file (a FIFO)"), "\(said)")
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "a store was made")
    }
}
