import Foundation
import Testing
import TmuxHarness

/// Issue 14's periods in the real dashboard: from the command line and from the editor,
/// the analytics tab shows what `utmost report` says for those days; a period after the
/// data's end says so, and L moves it there.
@Suite("#14 periods in tmux", .serialized, .timeLimit(.minutes(2)))
struct PeriodTmuxTests {
    /// Tab 2's row of a campaign: sessions, influenced, new by first and last touch, deals.
    func analyticsRow(_ screen: String, _ name: String) -> [Int]? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(name) }) else { return nil }
        let after = line[line.range(of: name)!.upperBound...]
        let numbers = after.split(whereSeparator: { $0 == " " || $0 == "│" }).compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        return numbers.count >= 5 ? Array(numbers.prefix(5)) : nil
    }

    func expected(_ scratch: Scratch, from: String, to: String, id: String) throws -> [Int] {
        let m = try scratch.report("--from", from, "--to", to).metrics(id)
        return [m.sessions, m.influenced, m.firstTouch, m.lastTouch, m.deals]
    }

    @Test("#14 a period from the command line: tab 2's numbers are the report's for those days")
    func fromCommandLine() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let want = try expected(scratch, from: "2023-03-01", to: "2023-03-31", id: "c-spring")
        let tmux = try TmuxSession(utmost: ["--db", scratch.db, "--from", "2023-03-01", "--to", "2023-03-31", "--as-of", CLI.asOf],
                                   label: "period-cli")
        defer { tmux.close() }
        try tmux.waitFor("Campaigns 8", "1 Mar 2023 – 31 Mar 2023")
        try tmux.send("2")
        let screen = try tmux.waitForSettled("Spring launch's row as the report has it") { self.analyticsRow($0, "Spring launch") == want }
        #expect(screen.contains("1 Mar 2023 – 31 Mar 2023"))
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test("#14 a period from the editor: custom dates typed, then tab 2's numbers are the report's")
    func fromEditor() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let want = try expected(scratch, from: "2023-03-01", to: "2023-03-31", id: "c-spring")
        let tmux = try TmuxSession(utmost: ["--db", scratch.db, "--as-of", CLI.asOf], label: "period-editor")
        defer { tmux.close() }
        try tmux.waitFor("Campaigns 8")
        try tmux.send("2")
        try tmux.waitFor("Campaign analytics")
        try tmux.send("p")
        try tmux.waitFor("Last 90 days", "Custom")
        try tmux.send("Down", "Enter", "C-u")
        try tmux.type("2023-03-01")
        try tmux.send("Tab", "C-u")
        try tmux.type("2023-03-31")
        try tmux.send("Enter")
        try tmux.waitFor("Spring launch's row as the report has it") { self.analyticsRow($0, "Spring launch") == want }
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test("#14 the last 30 days of a clock past the data's end: the panes say so, and L shows the data's last 30 days")
    func emptyPeriodOffer() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let tmux = try TmuxSession(utmost: ["--db", scratch.db, "--as-of", CLI.asOf], label: "period-empty")
        defer { tmux.close() }
        try tmux.waitFor("Campaigns 8")
        try tmux.send("Tab", "Tab", "p")
        try tmux.waitFor("Last 30 days")
        try tmux.send("Up", "Up", "Up", "Enter")
        let empty = try tmux.waitForSettled("The data ends")
        #expect(empty.contains("Last 30 days · no data"), "\(empty)")
        try tmux.send("L")
        // A frame may be caught half drawn: wait for the whole of it.
        try tmux.waitFor("the period moved to the data's end, the notice gone") {
            $0.contains("Last 30 days to") && !$0.contains("The data ends")
        }
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }
}
