import Widgets
import SafeText
/// A yes/no question naming exactly what the edit will do.
enum ConfirmView {
    static func draw(_ confirm: ConfirmPopup, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let footer = "y Enter confirm \(g.separator) n Esc cancel"
        let longest = max(footer.displayWidth, confirm.lines.map(\.displayWidth).max() ?? 0)
        let width = min(screen.width - 6, longest)
        let lines = confirm.lines.flatMap { $0.isEmpty ? [""] : TextWrap.wrap($0, width: width) }
        let inner = Panel.popup(width: width, height: lines.count, title: confirm.title,
                                    footer: footer, in: screen, glyphs: g, into: &grid)
        for (i, line) in lines.prefix(inner.height).enumerated() {
            grid.clipped(line, x: inner.x, y: inner.y + i, width: inner.width,
                         style: Style(.popup, on: .popup, bold: i < 2), glyphs: g)
        }
    }
}
