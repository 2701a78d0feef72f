import Widgets
import Attribution

/// Popups: each draws itself in a `Panel.popup` box over the panes.
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
        case .period(let popup): PeriodView.draw(popup, state, in: screen, into: &grid)
        case .trackingURL(let form): TrackingURLView.draw(form, state, in: screen, into: &grid)
        }
    }

    /// A popup's first line while its answer is on its way, or why it did not come.
    static func pending(error: String?, failure: String, in inner: Rect, glyphs: Glyphs, into grid: inout CellGrid) {
        let message = error.map { "\(failure): \($0)" } ?? "Asking the engine\(glyphs.ellipsis)"
        grid.clipped(message, x: inner.x, y: inner.y, width: inner.width,
                     style: error == nil ? Style(.muted, on: .popup) : Style(.negative, on: .popup), glyphs: glyphs)
    }
}
