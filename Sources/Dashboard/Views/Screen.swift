import Widgets
import Foundation
import Attribution

/// Draws the whole dashboard for a state: what the terminal shows, and what
/// the view tests compare as text.
public enum Screen {
    public static func render(_ state: DashboardState) -> CellGrid {
        var grid = CellGrid(width: state.width, height: state.height)
        let layout = Layout(width: state.width, height: state.height)
        if layout.mode == .tooSmall {
            let text = "terminal too small: \(Layout.minimum.width)×\(Layout.minimum.height) at least"
            grid.clipped(state.glyphs == .ascii ? text.replacingOccurrences(of: "×", with: "x") : text,
                         x: 0, y: 0, width: grid.width, style: Style(.warning), glyphs: state.glyphs)
            return grid
        }
        HeaderBar.draw(state, in: layout.header, into: &grid)
        switch state.tab {
        case .campaigns:
            if layout.mode == .full {
                for pane in Pane.allCases { draw(pane, state, in: layout.rect(for: pane), into: &grid) }
            } else {
                draw(state.focus, state, in: layout.body, into: &grid)
            }
        case .analytics: AnalyticsView.draw(state, in: layout.body, into: &grid)
        case .unlinked: UnlinkedView.draw(state, in: layout.body, into: &grid)
        case .attribution: AttributionView.draw(state, in: layout.body, into: &grid)
        }
        StatusBar.draw(state, in: layout.status, into: &grid)
        if let popup = state.popup {
            PopupView.draw(popup, state, in: popupArea(width: grid.width, height: grid.height), into: &grid)
        }
        return grid
    }

    /// Where popups are centred: between the header and the status bar, which stay in view.
    static func popupArea(width: Int, height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: height - 2) }

    static func draw(_ pane: Pane, _ state: DashboardState, in rect: Rect, into grid: inout CellGrid) {
        let focused = state.focus == pane
        switch pane {
        case .campaigns: CampaignsPane.draw(state, in: rect, focused: focused, into: &grid)
        case .assets: AssetsPane.draw(state, in: rect, focused: focused, into: &grid)
        case .metrics: MetricsPane.draw(state, in: rect, focused: focused, into: &grid)
        }
    }
}
