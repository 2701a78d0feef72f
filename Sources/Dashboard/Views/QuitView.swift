import Widgets
import SafeText
/// The question `q` asks while an edit waits for another process's write.
enum QuitView {
    static func draw(_ popup: QuitPopup, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let footer = "Enter wait, then quit \(g.separator) q quit now \(g.separator) Esc stay"
        let lines = lines(popup)
        let width = min(screen.width - 6, max(footer.displayWidth, lines.map(\.displayWidth).max() ?? 0))
        let wrapped = lines.flatMap { $0.isEmpty ? [""] : TextWrap.wrap($0, width: width) }
        let inner = Panel.popup(width: width, height: wrapped.count, title: "An edit is not saved yet",
                                footer: footer, in: screen, glyphs: g, into: &grid)
        for (i, line) in wrapped.prefix(inner.height).enumerated() {
            grid.clipped(line, x: inner.x, y: inner.y + i, width: inner.width, style: Style(.popup, on: .popup, bold: i == 0), glyphs: g)
        }
    }

    static func lines(_ popup: QuitPopup) -> [String] {
        [popup.summary, "",
         "It is waiting for another process that is writing",
         "to the store (an import, say), and is saved as soon",
         "as that is done. Quitting now drops it."]
    }
}
