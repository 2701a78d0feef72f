import Widgets
import SafeText
import Foundation
import CampaignKit

/// The bottom line: read-only when it is, "reconnecting…" while the store cannot be read, store file, window and zone, last refresh,
/// then the keys that matter where the focus is (or the latest message).
enum StatusBar {
    static func draw(_ state: DashboardState, in rect: Rect, into grid: inout CellGrid) {
        guard rect.height > 0 else { return }
        let g = state.glyphs
        let bar = Style(.statusBar)
        grid.fill(rect, style: bar)
        let y = rect.y
        var facts: [String] = []
        if !state.storeLabel.isEmpty { facts.append(state.storeLabel) }
        if let segment = state.segment { facts.append(segment.label(idWidth: 18, ellipsis: g.ellipsis)) }
        facts.append("\(state.periodLabel) (\(state.window.zoneName))")
        if let refreshed = state.lastRefresh { facts.append("refreshed \(clock(refreshed, zone: state.zone))") }
        else if state.loading { facts.append("loading\(g.ellipsis)") }
        // On narrow screens the keys matter more than the facts, but the segment in force (R20) stays.
        if rect.width < 100 {
            if let segment = state.segment, rect.width >= 60 { facts = [segment.label(idWidth: 6, ellipsis: g.ellipsis)] }
            else { facts = Array(facts.suffix(rect.width < 60 ? 0 : 1)) }
        }
        // A lost store says so whatever the width: the numbers shown may be stale.
        if state.storeUnreachable != nil { facts.insert("reconnecting\(g.ellipsis)", at: 0) }
        // A read-only dashboard says so whatever the width: its edit keys answer "read-only".
        if state.readOnly { facts.insert("read-only", at: 0) }
        var left = facts.isEmpty ? "" : " " + facts.joined(separator: " \(g.vertical) ") + " \(g.vertical)"
        // A message keeps the essential keys at the right end in view when it fits beside
        // them; one too long for that drops the facts, then the keys: it says what just happened.
        var essentials = state.message == nil ? "" : "? help "
        if let message = state.message, left.displayWidth + 2 + message.text.displayWidth + essentials.count > rect.width { left = "" }
        if let message = state.message, 2 + message.text.displayWidth + essentials.count > rect.width { essentials = "" }
        var x = rect.x + grid.put(left, x: rect.x, y: y, style: bar) + 1

        if let message = state.message {
            let keysX = rect.maxX - essentials.count
            grid.clipped(message.text, x: x, y: y, width: max(0, keysX - x - 1),
                         style: Style(message.isError ? .negative : .statusBar, on: .statusBar, bold: true), glyphs: g)
            if !essentials.isEmpty { drawKeys([("?", "help")], x: keysX, y: y, right: rect.maxX, into: &grid) }
            return
        }
        if state.filtering {
            x += grid.put("Filter: ", x: x, y: y, style: Style(.statusKey, on: .statusBar))
            x += state.currentFilter.draw(x: x, y: y, width: max(0, rect.maxX - x - 24) + 1, style: bar, cursor: g.cursor, into: &grid)
            grid.put("  Enter keep · Esc clear", x: x, y: y, style: Style(.statusBar, on: .statusBar, dim: true), limit: rect.maxX - x)
            return
        }
        if let notice = editNotice(state) {
            grid.clipped(notice, x: x, y: y, width: rect.maxX - x - 1, style: Style(.statusBar, on: .statusBar, bold: true), glyphs: g)
            return
        }
        let hints = KeyMap.bindings(for: state.paneContext).filter { $0.hint && !(state.readOnly && $0.command.isEdit) }.map { binding in
            (binding.keyLabel.split(separator: " ").first.map(String.init) ?? binding.keyLabel, shortSummary(binding.command))
        }
        drawKeys(hints, x: x, y: y, right: rect.maxX, into: &grid)
    }

    /// Key hints from `x`, as many as fit before `right`: the key bold, then its words.
    static func drawKeys(_ keys: [(key: String, words: String)], x start: Int, y: Int, right: Int, into grid: inout CellGrid) {
        var x = start
        for (key, words) in keys {
            guard x + key.displayWidth + 1 + words.displayWidth < right else { break }
            x += grid.put(key, x: x, y: y, style: Style(.statusKey, on: .statusBar, bold: true)) + 1
            x += grid.put(words, x: x, y: y, style: Style(.statusBar)) + 2
        }
    }

    /// What the edit on its way is doing, while that is worth a line: waiting for
    /// another process's write, or holding up the quit.
    static func editNotice(_ state: DashboardState) -> String? {
        let e = state.glyphs.ellipsis
        if state.waitingEdit != nil {
            return state.quitAfterEdit ? "Waiting for another writer\(e) then quitting"
                : "Waiting for another writer\(e) the edit is saved once it is done"
        }
        return state.quitAfterEdit ? "Saving the edit, then quitting\(e)" : nil
    }

    /// One or two words per command: the status bar is short on room.
    static func shortSummary(_ command: Command) -> String {
        switch command {
        case .filter: return "filter"
        case .sort: return "sort"
        case .explain: return "explain"
        case .dissociate: return "dissociate"
        case .associate: return "associate"
        case .attachAlias: return "attach"
        case .open: return "open"
        case .topDeals: return "top deals"
        case .contacts: return "contacts"
        case .segment: return "segment"
        case .cycleModel: return "model"
        case .windowNext: return "period"
        case .periodEditor: return "dates"
        case .help: return "help"
        case .quit: return "quit"
        default: return ""
        }
    }

    /// `14:03:07` in the report zone.
    static func clock(_ instant: Instant, zone: TimeZone) -> String {
        let seconds = instant.seconds + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.seconds))))
        let s = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }
}
