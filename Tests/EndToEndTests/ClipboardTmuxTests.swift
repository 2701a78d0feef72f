import Foundation
import Testing
import TmuxHarness

/// Issue 14's copy and paste in tmux. These tests are the OSC 52 attack suite's: like it,
/// they set tmux's `set-clipboard` and read and empty its paste buffers, which one test
/// at a time may do.
extension AttackTmuxTests {
    /// What the last copy put in tmux's paste buffer, byte for byte.
    func lastCopy() throws -> String { try TmuxSession.run(["show-buffer"]) }

    @Test("#14 y copies through OSC 52: the campaign's utm value, then its id, reach tmux's paste buffer")
    func copy() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try TmuxSession.dashboard("copy", store)
        defer { tmux.close() }
        try honourClipboardAndClearBuffers()
        try tmux.send("y")
        try tmux.waitFor("Copied utm_campaign=always-on")
        #expect(try lastCopy() == "always-on")
        try tmux.send("Y")
        let screen = try tmux.waitFor("Copied the id of")
        let id = try #require(store.campaigns().first { $0.value["name"] as? String == "Always-on content" }?.key)
        #expect(try lastCopy() == id, "\(screen)")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test("#14 a value with control characters is copied as exact text; none of them reaches the terminal")
    func copyHostileValue() throws {
        let scratch = try attackedStore()
        defer { scratch.remove() }
        let attack = try #require((scratch.report().root["unlinked_utm"] as? [[String: Any]])?
            .compactMap { $0["key"] as? String }.first { $0.contains("\u{1B}") })
        let tmux = try TmuxSession.dashboard("copy-attack", scratch)
        defer { tmux.close() }
        let titleBefore = try paneTitle(tmux)
        try tmux.send("3")
        let screen = try tmux.waitFor("␛]52")
        try honourClipboardAndClearBuffers()
        // Its row, picked with the mouse (unless it is the first, selected already: a click would attach it); then y.
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let y = try #require(lines.firstIndex { $0.contains("␛]52") })
        let first = try #require(lines.firstIndex { $0.contains("Value") && $0.contains("Page views") }) + 1
        if y != first { try tmux.sendBytes("\u{1B}[<0;5;\(y + 1)M") }
        try tmux.send("y")
        let after = try tmux.waitFor("Copied utm_campaign=")
        #expect(try lastCopy() == attack, "the clipboard holds the value exactly, escapes and all")
        #expect(try TmuxSession.run(["list-buffers", "-F", "#{buffer_name}"]).split(separator: "\n").count == 1,
                "one copy, and no OSC 52 of the value's own: \(buffers())")
        #expect(!buffers().contains("curl"))
        #expect(try paneTitle(tmux) == titleBefore)
        #expect(!after.contains("\u{1B}") && after.contains("Copied utm_campaign=␛]52"))
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test("#14 a bracketed paste into a name in tmux: one line at the cursor, its line break not taken for Enter")
    func pasteIntoName() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try TmuxSession.dashboard("paste", store)
        defer { tmux.close() }
        try tmux.send("r")
        try tmux.waitFor("Rename")
        try tmux.send("C-u")
        try honourClipboardAndClearBuffers()
        try TmuxSession.run(["set-buffer", "Autumn\nsale\u{1B}q"])
        // -p: bracketed, as tmux pastes into a program that asked for it; the line break goes as Enter's CR.
        try TmuxSession.run(["paste-buffer", "-p", "-d", "-t", tmux.name])
        try tmux.waitFor("Autumn saleq▏")
        // Alt-B (Esc b), then typing: at the start of the word before the cursor.
        try tmux.sendBytes("\u{1B}b")
        try tmux.type("X")
        let screen = try tmux.waitFor("Autumn Xsaleq")
        #expect(!screen.contains("Renamed"))
        try tmux.send("Escape")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        let names = try store.campaigns().values.compactMap { $0["name"] as? String }
        #expect(!names.contains { $0.hasPrefix("Autumn") })
    }
}
