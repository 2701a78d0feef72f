import Attribution
import Widgets

/// Top right: the selected campaign's assets; hidden ones dimmed with their R9 reason.
enum AssetsPane {
    enum Column: Hashable { case type, asset, interactions, contacts }

    static let columns: [Table<Column>.Column] = [
        .init(.type, "Type", width: 12, priority: 1),
        .init(.asset, "Asset", width: 12, flex: true),
        .init(.interactions, "Inter.", width: 6, alignment: .right),
        .init(.contacts, "Contacts", width: 8, alignment: .right),
    ]

    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into grid: inout CellGrid) {
        let g = state.glyphs
        let campaign = state.selectedCampaign
        let rows = state.visibleAssets
        let hidden = rows.filter { !$0.visible }.count
        var title = "Assets"
        if let campaign {
            title += " \(g.separator) \(campaign.name) \(rows.count)"
            if hidden > 0 { title += " (\(hidden) hidden)" }
        }
        let inner = Panel.draw(rect, title: title, focused: focused, glyphs: g, into: &grid)
        guard inner.height > 0, inner.width > 0 else { return }
        let table = Table(columns, x: inner.x + 1, width: inner.width - 2)
        table.drawHeader(y: inner.y, into: &grid, glyphs: g)
        guard campaign != nil else { return }
        let list = Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: inner.height - 1)
        ListView(count: rows.count, cursor: state.assetIndex, marksMoreRows: true)
            .draw(in: list, barX: inner.x, barWidth: inner.width, focused: focused, empty: "No assets. Press a to associate one.",
                  glyphs: g, into: &grid) { i, y, grid in
                let asset = rows[i]
                // R9: a hidden asset stays listed, dimmed, with the reason it counts for nothing.
                let base = asset.visible ? Style(.text) : Style(.hidden, dim: true)
                var texts: [Column: String] = [.type: asset.type.label]
                if !state.numbersPending {
                    texts[.interactions] = Format.grouped(asset.interactions)
                    texts[.contacts] = Format.grouped(asset.contacts)
                }
                if let name = table[.asset] {
                    if let reason = asset.hiddenReason {
                        let tag = name.width >= 30 ? "hidden: \(reason.label)" : reason.label
                        let room = max(1, name.width - tag.count - 1)
                        texts[.asset] = CellGrid.fit(asset.name, width: room, ellipsis: g.ellipsis)
                        grid.rightAligned(tag, right: name.right, y: y, width: min(tag.count, name.width),
                                          style: Style(.warning, dim: true), glyphs: g)
                    } else {
                        texts[.asset] = asset.name
                    }
                }
                table.draw(texts, y: y, into: &grid, style: base, glyphs: g, styles: [.type: asset.visible ? Style(.muted) : base])
                // #17: the outline lists the assets by name; their numbers come with the report.
                if state.numbersPending {
                    for column in [Column.interactions, .contacts] {
                        guard let cell = table[column] else { continue }
                        grid.rightAligned(String(g.ellipsis), right: cell.right, y: y, width: cell.width,
                                          style: CampaignsPane.placeholderStyle, glyphs: g)
                    }
                }
            }
    }
}
