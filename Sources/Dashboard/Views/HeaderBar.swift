import Widgets
import SafeText
/// The top line: the product, the tabs, and the report window on the right.
enum HeaderBar {
    static func draw(_ state: DashboardState, in rect: Rect, into grid: inout CellGrid) {
        guard rect.height > 0 else { return }
        let y = rect.y
        var x = rect.x + 1
        x += grid.put("utmost", x: x, y: y, style: Style(.accent, bold: true)) + 2
        let preset = state.periodLabel
        func labels(short: Bool) -> [String] {
            Tab.allCases.map { tab in
                var label = " \(tab.rawValue) \(short ? tab.shortTitle : tab.title)"
                if tab == .unlinked, let count = state.report?.unlinkedUtm.count, count > 0 { label += " (\(count))" }
                return label + " "
            }
        }
        // Short tab titles when the full ones would leave no room for the window.
        var tabs = labels(short: false)
        if x + tabs.reduce(0, { $0 + $1.displayWidth + 1 }) + 1 + preset.displayWidth > rect.maxX - 1 { tabs = labels(short: true) }
        for (tab, label) in zip(Tab.allCases, tabs) {
            let style = tab == state.tab ? Style(.tabActive, bold: true) : Style(.tabInactive)
            x += grid.put(label, x: x, y: y, style: style, limit: rect.maxX - x) + 1
        }
        let window = state.window
        let sep = state.glyphs.separator
        let room = rect.maxX - 1 - (x + 1)
        let busy = state.loading ? "computing\(state.glyphs.ellipsis)  " : ""
        // The longest description of the window that fits.
        var choices = ["\(preset) \(sep) \(window.rangeText(arrow: state.glyphs.arrowRight)) \(sep) \(window.zoneName)",
                       "\(preset) \(sep) \(window.zoneName)", preset]
        // A period with no data says where the data ends, before anything else.
        if let end = state.dataEndsBefore {
            choices = ["\(preset) \(sep) no data: it ends \(end.spoken)\(state.period.isRelative ? " (L)" : "")", "\(preset) \(sep) no data", preset]
        }
        // R20: the segment in force shows first, shortened before the window is.
        if let segment = state.segment {
            let e = state.glyphs.ellipsis
            let long = segment.label(idWidth: 18, ellipsis: e), short = segment.label(idWidth: 6, ellipsis: e)
            // Below that the status bar shows it, and the header the window alone.
            choices = choices.dropLast().map { "\(long) \(sep) \($0)" } + ["\(long) \(sep) \(preset)", "\(short) \(sep) \(preset)", preset]
        }
        choices = choices.map { busy + $0 }
        if let text = choices.first(where: { $0.displayWidth <= room }) {
            grid.rightAligned(text, right: rect.maxX - 1, y: y, width: room, style: Style(.muted), glyphs: state.glyphs)
        }
    }
}
