import Widgets

/// What lies under a cell of the screen.
public enum HitTarget: Hashable, Sendable {
    /// A tab's label in the header.
    case tab(Tab)
    /// A pane, a tab's table or a picker, by its key context, and the row of its list
    /// under the pointer (nil: elsewhere in it, or it has no rows, as the metrics pane).
    case area(BindingContext, row: Int?)
    /// Nothing a click acts on: the status bar, a popup's text, the screen around a popup.
    case nothing
}

/// Where things are on the screen, for the mouse: worked out from the layout the views
/// draw with (`Layout`, each list's place in its pane as the view puts it, the header
/// as `HeaderBar` draws it), in one place, so that a click lands on what the eye sees.
/// DashboardTests' hit tests click every row and tab of drawn screens to keep it so.
public enum HitTest {
    public static func target(_ state: DashboardState, x: Int, y: Int) -> HitTarget {
        let layout = Layout(width: state.width, height: state.height)
        guard layout.mode != .tooSmall else { return .nothing }
        if let popup = state.popup { return target(in: popup, state, x: x, y: y) }
        if layout.header.contains(x, y) { return tab(at: x, y: y, state, header: layout.header) }
        guard layout.body.contains(x, y) else { return .nothing }
        switch state.tab {
        case .campaigns:
            let panes = layout.mode == .full ? Pane.allCases : [state.focus]
            guard let pane = panes.first(where: { rect(of: $0, layout).contains(x, y) }) else { return .nothing }
            let list = paneList(rect(of: pane, layout))
            switch pane {
            case .campaigns:
                return .area(.campaigns, row: row(at: y, in: list, cursor: state.campaignIndex, count: state.visibleCampaigns.count))
            case .assets:
                return .area(.assets, row: row(at: y, in: list, cursor: state.assetIndex, count: state.visibleAssets.count))
            case .metrics:
                return .area(.metrics, row: nil)
            }
        case .analytics:
            let list = tabList(layout.body, headerRow: 2, rowsBelow: 3)
            return .area(.analytics, row: row(at: y, in: list, cursor: state.analyticsIndex, count: state.analyticsCampaigns.count))
        case .unlinked:
            let list = tabList(layout.body, headerRow: 2, rowsBelow: 0)
            return .area(.unlinked, row: row(at: y, in: list, cursor: state.unlinkedIndex, count: state.unlinkedValues.count))
        case .attribution:
            let list = tabList(layout.body, headerRow: 3, rowsBelow: 3)
            return .area(.attribution, row: row(at: y, in: list, cursor: state.attributionIndex, count: state.attributionCampaigns.count))
        }
    }

    private static func rect(of pane: Pane, _ layout: Layout) -> Rect {
        layout.mode == .full ? layout.rect(for: pane) : layout.body
    }

    /// The row of a list drawn by `ListView` in `list` with its cursor on `cursor`.
    static func row(at y: Int, in list: Rect?, cursor: Int, count: Int) -> Int? {
        guard let list, list.height > 0, y >= list.y, y < list.maxY else { return nil }
        let index = ListView.offset(cursor: cursor, rows: list.height, count: count) + y - list.y
        return index < count ? index : nil
    }

    /// The list of the campaigns and assets panes (`CampaignsPane`, `AssetsPane`): inside
    /// the frame, under the column titles, one column in from each side.
    static func paneList(_ pane: Rect) -> Rect? {
        let inner = pane.inset(1)
        guard inner.height > 0, inner.width > 0 else { return nil }
        return Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: inner.height - 1)
    }

    /// The list of tabs 2–4 (`AnalyticsView`, `UnlinkedView`, `AttributionView`, framed as
    /// `TabPanel` does): from under the column titles on row `headerRow` of the panel's
    /// inside, leaving `rowsBelow` rows at the bottom (the totals).
    static func tabList(_ body: Rect, headerRow: Int, rowsBelow: Int) -> Rect? {
        let inner = body.inset(1)
        guard inner.height > 2, inner.width > 2 else { return nil }
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let top = content.y + headerRow + 1
        return Rect(x: content.x, y: top, width: content.width, height: max(1, content.maxY - top - rowsBelow))
    }

    /// While a popup is open only a picker's rows take clicks.
    private static func target(in popup: Popup, _ state: DashboardState, x: Int, y: Int) -> HitTarget {
        let count: Int, cursor: Int
        switch popup {
        case .assetPicker(let picker):
            guard picker.assets != nil else { return .nothing }
            (count, cursor) = (picker.rows(campaignName: { state.campaign(id: $0)?.name }).count, picker.cursor)
        case .campaignPicker(let picker):
            guard picker.campaigns != nil else { return .nothing }
            (count, cursor) = (picker.rows.count, picker.cursor)
        case .segmentPicker(let picker):
            guard picker.segments != nil else { return .nothing }
            (count, cursor) = (picker.rows.count, picker.cursor)
        default:
            return .nothing
        }
        let list = PickerView.listArea(rows: count, in: Screen.popupArea(width: state.width, height: state.height))
        guard list.contains(x, y) else { return .nothing }
        return .area(.picker, row: row(at: y, in: list, cursor: cursor, count: count))
    }

    /// The tab whose label is under (`x`, `y`), as the header bar draws it: a run of cells
    /// in a tab's style, which holds the tab's number. (How wide the labels are depends on
    /// what else the header shows.)
    private static func tab(at x: Int, y: Int, _ state: DashboardState, header: Rect) -> HitTarget {
        var grid = CellGrid(width: state.width, height: header.maxY)
        HeaderBar.draw(state, in: header, into: &grid)
        func isLabel(_ x: Int) -> Bool { [.tabActive, .tabInactive].contains(grid[x, y].style.foreground) }
        guard isLabel(x) else { return .nothing }
        var start = x
        while start > header.x, isLabel(start - 1) { start -= 1 }
        for column in start..<header.maxX {
            guard isLabel(column) else { break }
            if let number = grid[column, y].character.wholeNumberValue, let tab = Tab(rawValue: number) { return .tab(tab) }
        }
        return .nothing
    }
}
