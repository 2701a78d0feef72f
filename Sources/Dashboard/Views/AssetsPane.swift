import Attribution

/// Top right: the selected campaign's assets; hidden ones dimmed with their R9 reason.
enum AssetsPane {
    static let columns: [Columns.Spec] = [
        .init(title: "Type", width: 12, priority: 1),
        .init(title: "Asset", width: 12, flex: true),
        .init(title: "Inter.", width: 6, right: true),
        .init(title: "Contacts", width: 8, right: true),
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
        Screen.frame(rect, title: title, focused: focused, glyphs: g, into: &grid)
        let inner = rect.inset(1)
        guard inner.height > 0, inner.width > 0 else { return }
        let table = Columns(columns, x: inner.x + 1, width: inner.width - 2)
        table.drawHeader(y: inner.y, into: &grid, glyphs: g)
        guard campaign != nil else { return }
        if rows.isEmpty {
            grid.clipped("No assets. Press a to associate one.", x: inner.x + 1, y: inner.y + 2,
                         width: inner.width - 2, style: Style(.muted), glyphs: g)
            return
        }
        let listRows = inner.height - 1
        let cursor = state.assetIndex
        let offset = Layout.scrollOffset(cursor: cursor, rows: listRows, count: rows.count)
        for (i, asset) in rows.enumerated().dropFirst(offset).prefix(listRows) {
            let y = inner.y + 1 + i - offset
            // R9: a hidden asset stays listed, dimmed, with the reason it counts for nothing.
            let base = asset.visible ? Style(.text) : Style(.hidden, dim: true)
            var texts = ["Type": asset.type.label, "Inter.": Format.grouped(asset.interactions),
                         "Contacts": Format.grouped(asset.contacts)]
            if let name = table.column("Asset") {
                if let reason = asset.hiddenReason {
                    let tag = name.width >= 30 ? "hidden: \(reason.label)" : reason.label
                    let room = max(1, name.width - tag.count - 1)
                    texts["Asset"] = CellGrid.fit(asset.name, width: room, ellipsis: g.ellipsis)
                    grid.rightAligned(tag, right: name.right, y: y, width: min(tag.count, name.width),
                                      style: Style(.warning, dim: true), glyphs: g)
                } else {
                    texts["Asset"] = asset.name
                }
            }
            table.draw(texts, y: y, into: &grid, style: base, glyphs: g,
                       styles: ["Type": asset.visible ? Style(.muted) : base])
            if i == cursor { Screen.highlight(inner.row(1 + i - offset), focused: focused, into: &grid) }
        }
    }
}
