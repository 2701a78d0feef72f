import Widgets
import Attribution

/// Popups: a box over the panes with its own background, a title and a
/// footer of keys.
enum PopupView {
    static func draw(_ popup: Popup, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        switch popup {
        case .help(let help): HelpOverlay.draw(help, state, in: screen, into: &grid)
        case .explain(let explain): ExplainView.draw(explain, state, in: screen, into: &grid)
        case .confirm(let confirm): ConfirmView.draw(confirm, state, in: screen, into: &grid)
        case .input(let input): InputView.draw(input, state, in: screen, into: &grid)
        case .assetPicker(let picker): PickerView.draw(picker, state, in: screen, into: &grid)
        case .campaignPicker(let picker): PickerView.draw(picker, state, in: screen, into: &grid)
        case .topDeals(let popup): TopDealsView.draw(popup, state, in: screen, into: &grid)
        case .segmentPicker(let picker): PickerView.draw(picker, state, in: screen, into: &grid)
        case .contacts(let popup): ContactsView.draw(popup, state, in: screen, into: &grid)
        case .quit(let popup): QuitView.draw(popup, state, in: screen, into: &grid)
        }
    }

    /// Clears a centred box for `height` rows of content `width` wide and
    /// frames it: a blank row above the content, and the footer (keys) under
    /// it after a blank row. Returns the content's rectangle, clipped to the screen.
    static func frame(width: Int, height: Int, title: String, footer: String, in screen: Rect,
                      glyphs: Glyphs, into grid: inout CellGrid) -> Rect {
        let box = screen.centered(width: width + 4, height: height + 5)
        grid.fill(box, style: Style(.popup, on: .popup))
        grid.box(box, title: title, glyphs: glyphs, border: Style(.popupBorder, on: .popup),
                 titleStyle: Style(.popupBorder, on: .popup, bold: true))
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        if inner.height >= 2 {
            grid.clipped(footer, x: inner.x, y: inner.maxY - 1, width: inner.width, style: Style(.muted, on: .popup), glyphs: glyphs)
        }
        return Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 3))
    }

    static var text: Style { Style(.popup, on: .popup) }
}
