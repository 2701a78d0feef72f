import Widgets
import Foundation

/// `?`: every binding of the focused pane and the global ones, filterable with `/`.
enum HelpOverlay {
    static func lines(_ help: HelpPopup, glyphs: Glyphs) -> [(key: String, text: String, heading: Bool)] {
        let needle = help.filter.text.lowercased()
        func matching(_ bindings: [KeyBinding]) -> [(String, String, Bool)] {
            bindings.filter { needle.isEmpty || $0.summary.lowercased().contains(needle) || $0.keyLabel.lowercased().contains(needle) }
                .map { (glyphs == .ascii ? asciiKeys($0.keyLabel) : $0.keyLabel, $0.summary, false) }
        }
        var out: [(String, String, Bool)] = []
        let local = matching(KeyMap.local(help.context))
        if !local.isEmpty { out += [("", help.context.title, true)] + local }
        let global = matching(KeyMap.global)
        if !global.isEmpty { out += (out.isEmpty ? [] : [("", "", false)]) + [("", "Everywhere", true)] + global }
        if help.context == .campaigns, needle.isEmpty {
            out += [("", "", false), ("", "Marks", true),
                    (String(glyphs.active), "active: today is within its dates", false),
                    (String(glyphs.planned), "planned: starts later", false),
                    (String(glyphs.ended), "ended", false),
                    (CampaignsPane.preAnalyticsTag, "created before 2017-09-01: not in analytics (R17)", false)]
        }
        return out
    }

    /// Arrow names for terminals without Unicode.
    static func asciiKeys(_ label: String) -> String {
        label.replacingOccurrences(of: "↓", with: "Down").replacingOccurrences(of: "↑", with: "Up")
            .replacingOccurrences(of: "←", with: "Left").replacingOccurrences(of: "→", with: "Right")
    }

    static func draw(_ help: HelpPopup, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let all = lines(help, glyphs: g)
        let width = min(screen.width - 6, 64)
        let height = all.count + (help.filtering || !help.filter.text.isEmpty ? 1 : 0)
        let footer = help.filtering ? "type to filter · Enter done · Esc close" : "/ filter · j/k scroll · Esc close"
        let inner = Panel.popup(width: width, height: height, title: "Keys \(g.separator) \(help.context.title)",
                                    footer: footer, in: screen, glyphs: g, into: &grid)
        guard inner.height > 0 else { return }
        var y = inner.y
        if help.filtering || !help.filter.text.isEmpty {
            let used = grid.put("/", x: inner.x, y: y, style: Style(.accent, on: .popup, bold: true))
            help.filter.draw(x: inner.x + used, y: y, width: inner.width - used, style: Style(.input, on: .input),
                             cursor: help.filtering ? g.cursor : nil, into: &grid)
            y += 1
        }
        if all.isEmpty {
            grid.clipped("No key matches", x: inner.x, y: y, width: inner.width, style: Style(.muted, on: .popup), glyphs: g)
            return
        }
        let keyWidth = min(12, inner.width / 3)
        let rows = inner.maxY - y
        let scroll = min(help.scroll, max(0, all.count - rows))
        // More keys above or below than the box shows: marked in its last column, which no line reaches.
        ListView.markMoreRows(above: scroll > 0, below: scroll + rows < all.count, x: inner.maxX - 1, top: y, bottom: inner.maxY - 1,
                              style: Style(.muted, on: .popup), glyphs: g, into: &grid)
        for line in all.dropFirst(scroll) {
            guard y < inner.maxY else { break }
            if line.heading {
                grid.clipped(line.text, x: inner.x, y: y, width: inner.width - 1, style: Style(.popupBorder, on: .popup, bold: true), glyphs: g)
            } else {
                grid.clipped(line.key, x: inner.x + 1, y: y, width: keyWidth - 1, style: Style(.accent, on: .popup, bold: true), glyphs: g)
                grid.clipped(line.text, x: inner.x + keyWidth + 1, y: y, width: inner.width - keyWidth - 2, style: Panel.popupText, glyphs: g)
            }
            y += 1
        }
    }
}
