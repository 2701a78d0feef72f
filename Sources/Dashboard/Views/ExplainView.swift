import Widgets
/// The answer of `utmost explain` for an asset, a metric or a utm value (R19).
enum ExplainView {
    static func draw(_ explain: ExplainPopup, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let width = min(screen.width - 6, 84)
        let wrapped = (explain.lines ?? ["Asking the engine\(g.ellipsis)"]).flatMap { line in
            line.isEmpty ? [""] : TextWrap.wrap(line, width: width)
        }
        let height = min(max(1, screen.height - 9), wrapped.count)
        let visible = height
        let scroll = min(explain.scroll, max(0, wrapped.count - visible))
        var footer = "Esc close"
        if wrapped.count > visible { footer = "j/k scroll \(g.separator) \(scroll + 1)–\(min(wrapped.count, scroll + visible)) of \(wrapped.count) \(g.separator) " + footer }
        let inner = Panel.popup(width: width, height: height, title: "Explain \(g.separator) \(explain.title)",
                                    footer: footer, in: screen, glyphs: g, into: &grid)
        for (i, line) in wrapped.dropFirst(scroll).prefix(inner.height).enumerated() {
            let style = line.hasPrefix(" ") || explain.lines == nil ? Panel.popupText : Style(.popup, on: .popup, bold: i == 0 && scroll == 0)
            grid.clipped(line, x: inner.x, y: inner.y + i, width: inner.width, style: style, glyphs: g)
        }
    }
}
