import Attribution

/// Tab 2 (R17): the campaigns in analytics side by side over one window,
/// every metric a sortable column, with a totals row.
enum AnalyticsView {
    static func columns() -> [Columns.Spec] {
        [.init(title: "Campaign", width: 14, flex: true)] + CampaignMetric.allCases.map { metric in
            let width: Int
            switch metric {
            case .sessions: width = 9
            case .influencedContacts: width = 10
            case .newContactsFirstTouch, .newContactsLastTouch: width = 8
            case .influencedDeals: width = 6
            case .influencedRevenue: width = 12
            }
            return .init(title: metric.label(width: width), width: width, right: true)
        }
    }

    static func draw(_ state: DashboardState, in rect: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        Screen.frame(rect, title: "Campaign analytics (R17)", focused: true, glyphs: g, into: &grid)
        let inner = rect.inset(1)
        guard inner.height > 2, inner.width > 2 else { return }
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let rows = state.analyticsCampaigns
        let all = state.report?.campaigns ?? []
        let left = all.count - rows.count

        // The window on top.
        let window = "Window  \(state.windowPreset.label(campaignName: state.windowCampaign?.name)) \(g.separator) "
            + "\(state.window.rangeText(arrow: g.arrowRight)) \(g.separator) \(state.window.zoneName)"
        let used = grid.put(window, x: content.x, y: content.y, style: Style(.title, bold: true), limit: content.width)
        var count = "\(rows.count) campaign\(rows.count == 1 ? "" : "s")"
        if left > 0 { count += " \(g.separator) \(left) created before 2017-09-01 left out" }
        if content.width - used > 12 {
            grid.rightAligned(count, right: content.maxX, y: content.y, width: content.width - used - 2, style: Style(.muted), glyphs: g)
        }

        let table = Columns(columns(), x: content.x, width: content.width)
        let headerY = content.y + 2
        var marks: [String: String] = [:]
        let sortTitle = table.placed[AnalyticsColumn.all.firstIndex(of: state.analyticsSort.column) ?? 0].spec.title
        marks[sortTitle] = String(state.analyticsSort.descending ? g.arrowDown : g.arrowUp)
        // Sorted-column arrows go left of right-aligned titles so the digits stay aligned.
        for p in table.placed {
            let isSorted = p.spec.title == sortTitle
            let text = isSorted ? (p.spec.right ? marks[sortTitle]! + p.spec.title : p.spec.title + " " + marks[sortTitle]!) : p.spec.title
            let selected = AnalyticsColumn.all.firstIndex(of: state.analyticsColumn).map { table.placed[$0].spec.title == p.spec.title } ?? false
            let style = selected ? Style(.header, on: .selection, bold: true, underline: true) : Style(.header, bold: true)
            if p.spec.right { grid.rightAligned(text, right: p.right, y: headerY, width: p.width, style: style, glyphs: g) }
            else { grid.clipped(text, x: p.x, y: headerY, width: p.width, style: style, glyphs: g) }
        }
        if rows.isEmpty {
            grid.clipped(state.report == nil ? "Computing the report\(g.ellipsis)" : "No campaign in analytics.",
                         x: content.x, y: headerY + 2, width: content.width, style: Style(.muted), glyphs: g)
            return
        }

        // Rows, then a rule, the totals and a note at the bottom.
        let listTop = headerY + 1
        let listRows = max(1, content.maxY - listTop - 3)
        let cursor = state.analyticsIndex
        let offset = Layout.scrollOffset(cursor: cursor, rows: listRows, count: rows.count)
        var y = listTop
        for (i, campaign) in rows.enumerated().dropFirst(offset).prefix(listRows) {
            table.draw(texts(campaign.name, CampaignMetric.allCases.map { $0.value(in: campaign) }, table), y: y,
                       into: &grid, style: Style(.text), glyphs: g)
            if i == cursor { Screen.highlight(Rect(x: inner.x, y: y, width: inner.width, height: 1), focused: true, into: &grid) }
            y += 1
        }
        guard y + 1 < content.maxY else { return }
        grid.fill(Rect(x: content.x, y: y, width: content.width, height: 1), g.horizontal, style: Style(.border))
        let totals = CampaignMetric.allCases.map { state.derived.analyticsTotals[$0] ?? .count(0) }
        table.draw(texts("Total", totals, table), y: y + 1, into: &grid, style: Style(.title, bold: true), glyphs: g)
        if y + 2 < content.maxY {
            grid.clipped("Totals add up the rows: a contact or a deal that influenced several campaigns counts in each (R14).",
                         x: content.x, y: content.maxY - 1, width: content.width, style: Style(.muted), glyphs: g)
        }
    }

    static func texts(_ name: String, _ values: [MetricValue], _ table: Columns) -> [String: String] {
        var out = ["Campaign": name]
        for (p, value) in zip(table.placed.dropFirst(), values) { out[p.spec.title] = Format.fitting(value, width: p.width) }
        return out
    }
}
