import Attribution

/// Tab 3 (R5): utm values no campaign owns, with their traffic and the
/// campaign they most likely meant.
enum UnlinkedView {
    static let columns: [Columns.Spec] = [
        .init(title: "Value", width: 14, flex: true),
        .init(title: "Spellings", width: 14, flex: true, priority: 1),
        .init(title: "Page views", width: 10, right: true),
        .init(title: "Sessions", width: 8, right: true),
        .init(title: "Suggested campaign", width: 18, flex: true),
    ]

    static func draw(_ state: DashboardState, in rect: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let rows = state.unlinkedValues
        Screen.frame(rect, title: "Unlinked utm values (R5) \(rows.count)", focused: true, glyphs: g, into: &grid)
        let inner = rect.inset(1)
        guard inner.height > 2, inner.width > 2 else { return }
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        grid.clipped("utm_campaign values that match no campaign: their tag credits nothing. a attaches one as an alias.",
                     x: content.x, y: content.y, width: content.width, style: Style(.muted), glyphs: g)
        let table = Columns(columns, x: content.x, width: content.width)
        let headerY = content.y + 2
        table.drawHeader(y: headerY, into: &grid, glyphs: g)
        if rows.isEmpty {
            grid.clipped(state.report == nil ? "Computing the report\(g.ellipsis)" : "Every utm_campaign value seen belongs to a campaign.",
                         x: content.x, y: headerY + 2, width: content.width, style: Style(.muted), glyphs: g)
            return
        }
        let listRows = max(1, content.maxY - headerY - 1)
        let cursor = state.unlinkedIndex
        let offset = Layout.scrollOffset(cursor: cursor, rows: listRows, count: rows.count)
        for (i, value) in rows.enumerated().dropFirst(offset).prefix(listRows) {
            let y = headerY + 1 + i - offset
            let suggestion = value.suggestedCampaignID.map { id in state.campaign(id: id)?.name ?? id }
            table.draw(["Value": value.key, "Spellings": value.spellings.joined(separator: ", "),
                        "Page views": Format.grouped(value.pageViews), "Sessions": Format.grouped(value.sessions),
                        "Suggested campaign": suggestion ?? "no suggestion"],
                       y: y, into: &grid, style: Style(.text), glyphs: g,
                       styles: ["Spellings": Style(.muted), "Suggested campaign": Style(suggestion == nil ? .muted : .accent)])
            if i == cursor { Screen.highlight(Rect(x: inner.x, y: y, width: inner.width, height: 1), focused: true, into: &grid) }
        }
    }
}
