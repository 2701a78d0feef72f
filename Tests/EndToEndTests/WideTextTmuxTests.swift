import Foundation
import SafeText
import Testing
import TmuxHarness

/// Issue 12 item 2 in a real terminal: names with zero-width characters, bidi
/// overrides, emoji sequences, accents and wide characters leave no stale cell and
/// never push a pane's border out of line (the old dashboard drew "Zero​width" as
/// "Zero​ys‍﻿﻿-⁠⁠owidth").
@Suite("#12.2 wide and invisible characters in tmux", .serialized, .timeLimit(.minutes(2)))
struct WideTextTmuxTests {
    static let names = ["Zero\u{200B}width", "日本の春キャンペーン", "Cafe\u{301} launch", "👩‍💻 dev week", "🇳🇱 Dutch launch",
                        "\u{202E}evil override", "한국어 캠페인", "ZWJ\u{200D}joined"]

    @Test("#12.2 every row of the dashboard keeps its borders in line, on the campaigns and the analytics tab")
    func bordersInLine() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        for name in Self.names {
            let created = try scratch.utmost("campaign", "create", name)
            #expect(created.status == 0, "\(created)")
        }
        let tmux = try TmuxSession(utmost: ["--db", scratch.db], label: "wide-text")
        defer { tmux.close() }
        for (tab, title) in [("1", "Campaigns 16"), ("2", "Campaign analytics")] {
            try tmux.send(tab)
            let screen = try tmux.waitForSettled(title, "Zero<U+")
            #expect(screen.contains("<U+202E>evil"), "\(screen)")
            for (row, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                #expect(line.displayWidth <= 120, "row \(row) is \(line.displayWidth) columns: \(line)")
                #expect(TerminalText.line(line) == String(line), "row \(row) holds what a terminal would not show: \(line)")
            }
            try expectBordersAligned(screen)
        }
        try tmux.send("q")
        _ = try tmux.waitForExit()
    }

    /// The columns where each row has a vertical border: every row of the panes has its
    /// outer borders (the screen's left edge and the right one) at the same columns.
    func expectBordersAligned(_ screen: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var columnsByRow: [[Int]] = []
        // Rows inside the panes (the status bar has separators of its own).
        for line in screen.split(separator: "\n", omittingEmptySubsequences: false) where line.first == "│" {
            var column = 0, borders: [Int] = []
            for character in line {
                if character == "│" { borders.append(column) }
                column += character.displayWidth
            }
            columnsByRow.append(borders)
        }
        let rowsWithBorders = columnsByRow.filter { $0.count >= 2 }
        let common = rowsWithBorders.map { Set($0) }.reduce(Set(rowsWithBorders.first ?? [])) { $0.intersection($1) }
        #expect(common.count >= 2, "the panes' outer borders are not in one column on every row:\n\(screen)", sourceLocation: sourceLocation)
    }
}
