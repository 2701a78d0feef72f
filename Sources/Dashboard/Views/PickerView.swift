import Widgets
import Attribution

/// The searchable pickers: an asset to associate (showing where each asset
/// is now, R7) and a campaign for a stray utm value (R5).
enum PickerView {
    static func draw(_ picker: AssetPicker, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let target = state.campaign(id: picker.campaignID)?.name ?? picker.campaignID
        let name: (String) -> String? = { state.campaign(id: $0)?.name }
        let rows = picker.rows(campaignName: name)
        let table: [(String, String, String, Bool)] = rows.map { asset in
            let now = asset.campaignIDs.isEmpty ? "no campaign" : "in " + asset.campaignIDs.map { name($0) ?? $0 }.joined(separator: ", ")
            return (asset.type.label, asset.name, now, asset.campaignIDs.isEmpty)
        }
        draw(title: "Associate an asset with \(target)", query: picker.query, loading: picker.assets == nil,
             rows: table, cursor: picker.cursor, header: ("Type", "Asset", "Now"), state, in: screen, into: &grid)
    }

    static func draw(_ picker: CampaignPicker, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let table: [(String, String, String, Bool)] = picker.rows.map { campaign in
            (campaign.id == picker.value.suggestedCampaignID ? "suggested" : "", campaign.name, campaign.utmCampaign, true)
        }
        draw(title: "Attach \(picker.value.key) to a campaign", query: picker.query, loading: picker.campaigns == nil,
             rows: table, cursor: picker.cursor, header: ("", "Campaign", "utm_campaign"), state, in: screen, into: &grid)
    }

    /// R20: a Salesforce campaign whose members alone count, or all contacts.
    static func draw(_ picker: SegmentPicker, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let current = state.segment?.id
        let table: [(String, String, String, Bool)] = picker.rows.map { row in
            guard let row else { return (current == nil ? "in force" : "", "All contacts", "no segment", true) }
            let members = "\(Format.grouped(row.members)) member\(row.members == 1 ? "" : "s")"
            return (row.id == current ? "in force" : "", row.id, members, true)
        }
        draw(title: "Segment: count only a Salesforce campaign's members (R20)", query: picker.query,
             loading: picker.segments == nil, rows: table, cursor: picker.cursor,
             header: ("", "Salesforce campaign", "Contacts"), state, in: screen, into: &grid)
    }

    /// The popup's size for `rows` rows: the search line, a blank, the column titles, then the list.
    private static func size(rows: Int, in screen: Rect) -> (width: Int, height: Int) {
        (min(screen.width - 6, 84), min(16, 3 + max(1, rows)))
    }

    /// Where the rows go: under the search line and the column titles (a click picks the row under it).
    static func listArea(rows: Int, in screen: Rect) -> Rect {
        let (width, height) = size(rows: rows, in: screen)
        return listArea(in: Panel.popupContent(width: width, height: height, in: screen))
    }

    private static func listArea(in inner: Rect) -> Rect {
        Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.maxY - inner.y - 3)
    }

    private static func draw(title: String, query: TextField, loading: Bool, rows: [(String, String, String, Bool)],
                             cursor: Int, header: (String, String, String), _ state: DashboardState,
                             in screen: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let (width, height) = size(rows: rows.count, in: screen)
        let position = loading ? "" : ListTitle.suffix(count: rows.count, cursor: cursor, filter: TextField(), glyphs: g)
        let inner = Panel.popup(width: width, height: height, title: title + position,
                                    footer: "type to search \(g.separator) \(g.arrowUp)\(g.arrowDown) choose \(g.separator) Enter select \(g.separator) Esc cancel",
                                    in: screen, glyphs: g, into: &grid)
        guard inner.height > 0 else { return }
        let used = grid.put("Search ", x: inner.x, y: inner.y, style: Style(.muted, on: .popup))
        grid.fill(Rect(x: inner.x + used, y: inner.y, width: inner.width - used, height: 1), style: Style(.input, on: .input))
        query.draw(x: inner.x + used, y: inner.y, width: inner.width - used, style: Style(.input, on: .input), cursor: g.cursor, into: &grid)
        enum Column: Hashable { case tag, name, detail }
        let columns = Table<Column>([.init(.tag, header.0, width: 12, priority: 1), .init(.name, header.1, width: 16, flex: true),
                                     .init(.detail, header.2, width: 16, flex: true)], x: inner.x, width: inner.width - 1)
        columns.drawHeader(y: inner.y + 2, into: &grid, glyphs: g, style: Style(.header, on: .popup, bold: true))
        let list = listArea(in: inner)
        guard list.height > 0 else { return }
        if loading || rows.isEmpty {
            grid.clipped(loading ? "Loading\(g.ellipsis)" : "Nothing matches “\(query.text)”", x: list.x, y: list.y,
                         width: list.width, style: Style(.muted, on: .popup), glyphs: g)
            return
        }
        ListView(count: rows.count, cursor: cursor, marksMoreRows: true)
            // The rows leave the list's last column to the scroll marks; the bar spans it.
            .draw(in: Rect(x: list.x, y: list.y, width: list.width - 1, height: list.height), barWidth: list.width,
                  focused: true, empty: "", glyphs: g, into: &grid) { i, y, grid in
                let row = rows[i]
                columns.draw([.tag: row.0, .name: row.1, .detail: row.2], y: y, into: &grid, style: Panel.popupText, glyphs: g,
                             styles: [.tag: Style(.muted, on: .popup), .detail: Style(row.3 ? .muted : .warning, on: .popup)])
            }
    }
}
