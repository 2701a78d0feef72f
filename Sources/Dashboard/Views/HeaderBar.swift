/// The top line: the product, the tabs, and the report window on the right.
enum HeaderBar {
    static func draw(_ state: DashboardState, in rect: Rect, into grid: inout CellGrid) {
        guard rect.height > 0 else { return }
        let y = rect.y
        var x = rect.x + 1
        x += grid.put("utmost", x: x, y: y, style: Style(.accent, bold: true)) + 2
        for tab in Tab.allCases {
            var label = " \(tab.rawValue) \(tab.title)"
            if tab == .unlinked, let count = state.report?.unlinkedUtm.count, count > 0 { label += " (\(count))" }
            label += " "
            let style = tab == state.tab ? Style(.tabActive, bold: true) : Style(.tabInactive)
            x += grid.put(label, x: x, y: y, style: style, limit: rect.maxX - x) + 1
        }
        let window = state.window
        let preset = state.windowPreset.label(campaignName: state.windowCampaign?.name)
        let sep = state.glyphs.separator
        let room = rect.maxX - 1 - (x + 1)
        let busy = state.loading ? "computing\(state.glyphs.ellipsis)  " : ""
        // The longest description of the window that fits.
        let choices = ["\(preset) \(sep) \(window.rangeText(arrow: state.glyphs.arrowRight)) \(sep) \(window.zoneName)",
                       "\(preset) \(sep) \(window.zoneName)", preset].map { busy + $0 }
        if let text = choices.first(where: { $0.terminalWidth <= room }) {
            grid.rightAligned(text, right: rect.maxX - 1, y: y, width: room, style: Style(.muted), glyphs: state.glyphs)
        }
    }
}
