import Widgets
import Attribution

/// Tab 2 (R17): the campaigns in analytics side by side over one window,
/// every metric a sortable column, with a totals row.
enum AnalyticsView {
    static func columns() -> [Table<AnalyticsColumn>.Column] {
        [.init(.name, "Campaign", width: 14, flex: true)] + CampaignMetric.allCases.map { metric in
            let width: Int
            switch metric {
            case .sessions: width = 9
            case .influencedContacts: width = 10
            case .newContactsFirstTouch, .newContactsLastTouch: width = 8
            case .influencedDeals: width = 6
            case .influencedRevenue: width = 12
            }
            return .init(.metric(metric), metric.label(width: width), width: width, alignment: .right)
        }
    }

    static func draw(_ state: DashboardState, in rect: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let rows = state.analyticsCampaigns
        let title = "Campaign analytics (R17)" + ListTitle.suffix(count: rows.count, cursor: state.analyticsIndex, filter: state.analyticsFilter, glyphs: g)
        guard let (inner, content, used) = TabPanel.draw(title, state, in: rect, into: &grid) else { return }
        let all = state.report?.campaigns ?? []
        let left = all.count - rows.count

        var count = "\(rows.count) campaign\(rows.count == 1 ? "" : "s")"
        if left > 0 { count += " \(g.separator) \(left) created before 2017-09-01 left out" }
        if content.width - used > 12 {
            grid.rightAligned(count, right: content.maxX, y: content.y, width: content.width - used - 2, style: Style(.muted), glyphs: g)
        }

        let table = Table(columns(), x: content.x, width: content.width)
        let headerY = content.y + 2
        // Sorted-column arrows go left of right-aligned titles so the digits stay aligned.
        var titles: [AnalyticsColumn: String] = [:]
        if let sorted = table[state.analyticsSort.column] {
            let mark = String(state.analyticsSort.descending ? g.arrowDown : g.arrowUp)
            titles[sorted.id] = sorted.column.alignment == .right ? mark + sorted.column.title : sorted.column.title + " " + mark
        }
        table.drawHeader(y: headerY, into: &grid, glyphs: g, titles: titles, style: Style(.header, bold: true),
                         styles: [state.analyticsColumn: Style(.header, on: .selection, bold: true, underline: true)])

        // Rows, then a rule, the totals and a note at the bottom.
        let listTop = headerY + 1
        let list = Rect(x: content.x, y: listTop, width: content.width, height: max(1, content.maxY - listTop - 3))
        let empty = state.report == nil ? "Computing the report\(g.ellipsis)"
            : state.analyticsFilter.text.isEmpty ? "No campaign in analytics." : "No campaign matches /\(state.analyticsFilter.text)"
        ListView(count: rows.count, cursor: state.analyticsIndex, marksMoreRows: true)
            .draw(in: list, barX: inner.x, barWidth: inner.width, focused: true, empty: empty, glyphs: g, into: &grid) { i, y, grid in
                let campaign = rows[i]
                if state.showsChange {
                    let changes = CampaignMetric.allCases.map { state.change($0, of: campaign) }
                    drawChanges(campaign.name, changes, table, y: y, style: Style(.text), glyphs: g, into: &grid)
                } else {
                    table.draw(texts(campaign.name, CampaignMetric.allCases.map { $0.value(in: campaign) }, table), y: y,
                               into: &grid, style: Style(.text), glyphs: g)
                }
            }
        let y = listTop + min(rows.count, list.height)
        guard !rows.isEmpty, y + 1 < content.maxY else { return }
        grid.fill(Rect(x: content.x, y: y, width: content.width, height: 1), g.horizontal, style: Style(.border))
        let totals = CampaignMetric.allCases.map { state.derived.analyticsTotals[$0] ?? .count(0) }
        if state.showsChange {
            let before = state.previousReport.map { previous in
                CampaignMetric.allCases.map { m in previous.campaigns.filter(\.inAnalytics).map { m.value(in: $0) }.reduce(.count(0), +) }
            }
            let changes = zip(totals, before ?? []).map { Change(now: $0, before: $1) as Change? }
            drawChanges("Total", before == nil ? totals.map { _ in nil } : changes, table, y: y + 1,
                        style: Style(.title, bold: true), glyphs: g, into: &grid)
        } else {
            table.draw(texts("Total", totals, table), y: y + 1, into: &grid, style: Style(.title, bold: true), glyphs: g)
        }
        if y + 2 < content.maxY {
            let note = state.showsChange
                ? "Each metric against the previous period as long\(state.window.previous.map { " (\($0.spokenRange))" } ?? ""); % shows the values again."
                : "Totals add up the rows: a contact or a deal that influenced several campaigns counts in each (R14)."
            grid.clipped(state.emptyPeriodNotice ?? note, x: content.x, y: content.maxY - 1, width: content.width,
                         style: Style(state.emptyPeriodNotice == nil ? .muted : .warning), glyphs: g)
        }
    }

    /// A row of changes against the previous period (`%`), each in its colour; `–` where there is none.
    static func drawChanges(_ name: String, _ changes: [Change?], _ table: Table<AnalyticsColumn>, y: Int, style: Style,
                            glyphs g: Glyphs, into grid: inout CellGrid) {
        var texts: [AnalyticsColumn: String] = [.name: name]
        var styles: [AnalyticsColumn: Style] = [:]
        for (metric, change) in zip(CampaignMetric.allCases, changes) {
            texts[.metric(metric)] = change?.text(up: g.arrowUp, down: g.arrowDown, width: table[.metric(metric)]?.width ?? .max) ?? "–"
            styles[.metric(metric)] = Style(change?.role ?? .muted, bold: style.bold)
        }
        table.draw(texts, y: y, into: &grid, style: style, glyphs: g, styles: styles)
    }

    static func texts(_ name: String, _ values: [MetricValue], _ table: Table<AnalyticsColumn>) -> [AnalyticsColumn: String] {
        var out: [AnalyticsColumn: String] = [.name: name]
        for (metric, value) in zip(CampaignMetric.allCases, values) {
            if let p = table[.metric(metric)] { out[p.id] = Format.fitting(value, width: p.width) }
        }
        return out
    }
}
