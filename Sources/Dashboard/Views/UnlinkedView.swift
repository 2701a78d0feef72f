import Widgets
import Attribution

/// Tab 3 (R5): utm values no campaign owns, with their traffic and the
/// campaign they most likely meant.
enum UnlinkedView {
    enum Column: Hashable { case value, spellings, pageViews, sessions, suggestion }

    static let columns: [Table<Column>.Column] = [
        .init(.value, "Value", width: 14, flex: true),
        .init(.spellings, "Spellings", width: 14, flex: true, priority: 1),
        .init(.pageViews, "Page views", width: 11, alignment: .right),
        .init(.sessions, "Sessions", width: 8, alignment: .right),
        .init(.suggestion, "Suggested campaign", width: 18, flex: true),
    ]

    static func draw(_ state: DashboardState, in rect: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let rows = state.unlinkedValues
        let title = "Unlinked utm values (R5)" + ListTitle.suffix(count: rows.count, cursor: state.unlinkedIndex, filter: state.unlinkedFilter, glyphs: g)
        let inner = Panel.draw(rect, title: title, focused: true, glyphs: g, into: &grid)
        guard inner.height > 2, inner.width > 2 else { return }
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        grid.clipped("utm_campaign values that match no campaign: their tag credits nothing. a attaches one as an alias.",
                     x: content.x, y: content.y, width: content.width, style: Style(.muted), glyphs: g)
        let table = Table(columns, x: content.x, width: content.width)
        let headerY = content.y + 2
        let titles: [Column: String]
        switch state.unlinkedSort {
        case .value: titles = [.value: "Value " + String(g.arrowUp)]
        case .pageViews: titles = [.pageViews: String(g.arrowDown) + "Page views"]
        case .sessions: titles = [.sessions: String(g.arrowDown) + "Sessions"]
        }
        table.drawHeader(y: headerY, into: &grid, glyphs: g, titles: titles)
        let list = Rect(x: content.x, y: headerY + 1, width: content.width, height: max(1, content.maxY - headerY - 1))
        let empty = state.report == nil ? "Computing the report\(g.ellipsis)" : "Every utm_campaign value seen belongs to a campaign."
        ListView(count: rows.count, cursor: state.unlinkedIndex, marksMoreRows: true)
            .draw(in: list, barX: inner.x, barWidth: inner.width, focused: true, empty: empty, glyphs: g, into: &grid) { i, y, grid in
                let value = rows[i]
                let suggestion = value.suggestedCampaignID.map { id in state.campaign(id: id)?.name ?? id }
                table.draw([.value: value.key, .spellings: value.spellings.joined(separator: ", "),
                            .pageViews: Format.grouped(value.pageViews), .sessions: Format.grouped(value.sessions),
                            .suggestion: suggestion ?? "no suggestion"],
                           y: y, into: &grid, style: Style(.text), glyphs: g,
                           styles: [.spellings: Style(.muted), .suggestion: Style(suggestion == nil ? .muted : .accent)])
            }
    }
}
