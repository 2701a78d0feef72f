import Widgets

/// Tabs 2 and 4: one panel over the whole body, the report's window on its first line.
enum TabPanel {
    /// Frames `rect` and writes the window on the first line. Returns the panel's inside,
    /// the content (one column in from each side) and the columns the window took;
    /// nil when the panel is too small for anything.
    static func draw(_ title: String, _ state: DashboardState, in rect: Rect,
                     into grid: inout CellGrid) -> (inner: Rect, content: Rect, windowWidth: Int)? {
        let g = state.glyphs
        let inner = Panel.draw(rect, title: title, focused: true, glyphs: g, into: &grid)
        guard inner.height > 2, inner.width > 2 else { return nil }
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let window = "Window  \(state.periodLabel) \(g.separator) "
            + "\(state.window.rangeText(arrow: g.arrowRight)) \(g.separator) \(state.window.zoneName)"
        let used = grid.put(window, x: content.x, y: content.y, style: Style(.title, bold: true), limit: content.width)
        return (inner, content, used)
    }
}
