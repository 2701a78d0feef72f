import Foundation
import Testing
import TmuxHarness

/// Issue 14 in a real terminal: the dashboard asks tmux for mouse reports (SGR, mode
/// 1006), and acts on what comes. tmux cannot click by itself, so
/// the tests write the terminal's bytes for a click into the pane (`send-keys -H`),
/// which is what tmux sends the program for a real click once the program asked for
/// mouse reports; tmux's own flags show that it did ask.
@Suite("#14 the mouse in tmux", .serialized, .timeLimit(.minutes(2)))
struct MouseTmuxTests {
    /// tmux's record of the pane's mouse modes: `sgr standard` as 0 or 1 each.
    func mouseFlags(_ tmux: TmuxSession) throws -> String {
        try TmuxSession.run(["display-message", "-p", "-t", tmux.name, "#{mouse_sgr_flag} #{mouse_standard_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A press and a release of the left button over the cell (`x`, `y`), counted from 0, as xterm reports them.
    func click(_ tmux: TmuxSession, x: Int, y: Int) throws {
        try tmux.sendBytes( "\u{1B}[<0;\(x + 1);\(y + 1)M\u{1B}[<0;\(x + 1);\(y + 1)m")
    }

    func wheelDown(_ tmux: TmuxSession, x: Int, y: Int) throws {
        try tmux.sendBytes( "\u{1B}[<65;\(x + 1);\(y + 1)M")
    }

    /// The cell where `text` starts on the screen (its first line that has it).
    func cell(of text: String, in screen: String) throws -> (x: Int, y: Int) {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let y = lines.firstIndex(where: { $0.contains(text) }), let range = lines[y].range(of: text) else {
            throw Failure("\(text) is not on the screen:\n\(screen)")
        }
        return (lines[y].distance(from: lines[y].startIndex, to: range.lowerBound), y)
    }

    @Test("#14 clicks and the wheel in tmux: a campaign's row, the wheel over the list, a tab's label, a double click on a row")
    func clicksAndWheel() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try TmuxSession.dashboard("mouse", store)
        defer { tmux.close() }
        #expect(try mouseFlags(tmux) == "1 1", "the dashboard asked for SGR mouse reports")
        // A frame can be caught half drawn: wait for what is looked up on it.
        var screen = try tmux.waitFor("Spring launch", "Webinar: Cash")
        let spring = try cell(of: "Spring launch", in: screen)
        try click(tmux, x: spring.x, y: spring.y)
        try tmux.waitFor("Assets · Spring launch")
        // Three rows a turn, from the fourth campaign to the seventh.
        try wheelDown(tmux, x: spring.x, y: spring.y)
        try tmux.waitFor("Assets · Webinar: Cash")
        screen = try tmux.waitFor(" 3 Unlinked", "Assets · Webinar: Cash")
        let unlinked = try cell(of: " 3 Unlinked", in: screen)
        try click(tmux, x: unlinked.x + 2, y: unlinked.y)
        // The values come with the report, which may be computed after the tab is drawn: a click before them selects nothing.
        screen = try tmux.waitFor("Unlinked utm values (R5)", "Value", "Spellings", "g2-reviews")
        // The second value's row: a click selects it, the second click attaches it (Enter there).
        let rule = try cell(of: "Value", in: screen)
        try click(tmux, x: rule.x, y: rule.y + 2)
        try click(tmux, x: rule.x, y: rule.y + 2)
        try tmux.waitFor("to a campaign")
        try tmux.send("Escape")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        #expect(try mouseFlags(tmux) == "0 0", "mouse reports are off again after the dashboard")
        let modes = try tmux.modesAfterExit()
        #expect(modes.contains("icanon") && modes.contains("echo"))
    }

    @Test("#14 --no-mouse: the dashboard leaves the mouse to the terminal")
    func noMouse() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try TmuxSession.dashboard("no-mouse", store, arguments: ["--no-mouse"])
        defer { tmux.close() }
        #expect(try mouseFlags(tmux) == "0 0")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }
}

extension TmuxSession {
    /// The dashboard on `store` (the demo company), once it shows its campaigns.
    static func dashboard(_ label: String, _ store: Scratch, arguments: [String] = []) throws -> TmuxSession {
        let tmux = try TmuxSession(utmost: ["--db", store.db] + arguments, label: label)
        do {
            try tmux.waitFor("Campaigns 8", timeout: 30)
        } catch {
            tmux.close()
            throw error
        }
        return tmux
    }

    /// Writes `bytes` into the pane as the terminal would.
    func sendBytes(_ bytes: String) throws {
        try Self.run(["send-keys", "-t", name, "-H"] + bytes.utf8.map { String($0, radix: 16) })
    }
}
