import Attribution
import Widgets

/// Left pane: every campaign with its status, utm value, a sparkline of
/// sessions per day in the window and its influenced revenue.
enum CampaignsPane {
    enum Column: Hashable { case status, name, utm, sessions, revenue }

    /// The last column is influenced revenue (R14), or the credit of the model `m` chose (R18), titled with its name.
    static func columns(revenue: String, sorted: Bool) -> [Table<Column>.Column] {
        [
            .init(.status, "", width: 1),
            .init(.name, "Campaign", width: 12, flex: true),
            .init(.utm, "utm_campaign", width: 12, flex: true, priority: 1),
            .init(.sessions, "Sessions", width: 10, priority: 2),
            .init(.revenue, revenue, width: max(9, revenue.displayWidth + (sorted ? 2 : 0)), alignment: .right),
        ]
    }

    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into grid: inout CellGrid) {
        let g = state.glyphs
        let rows = state.visibleCampaigns
        let total = state.report?.campaigns.count ?? 0
        var title = "Campaigns \(total)"
        if !state.campaignFilter.text.isEmpty { title = "Campaigns \(rows.count) of \(total) \(g.separator) /\(state.campaignFilter.text)" }
        let inner = Panel.draw(rect, title: title, focused: focused, glyphs: g, into: &grid)
        guard inner.height > 0, inner.width > 0 else { return }
        let revenue = state.revenueModel ?? "Revenue"
        let table = Table(columns(revenue: revenue, sorted: state.campaignSort == .revenue), x: inner.x + 1, width: inner.width - 2)
        let sortMark = " " + String(state.campaignSort == .name ? g.arrowUp : g.arrowDown)
        var titles: [Column: String] = [:]
        switch state.campaignSort {
        case .name: titles[.name] = "Campaign" + sortMark
        case .revenue: titles[.revenue] = revenue + sortMark
        case .sessions: titles[.sessions] = "Sessions" + sortMark
        case .newest: titles[.name] = "Campaign (newest)"
        }
        table.drawHeader(y: inner.y, into: &grid, glyphs: g, titles: titles)
        let list = Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: inner.height - 1)
        guard state.report != nil else {
            grid.clipped(state.loadError.map { "No report: \($0)" } ?? "Computing the report\(g.ellipsis)",
                         x: list.x, y: list.y + 1, width: list.width, style: Style(.muted), glyphs: g)
            return
        }
        let empty = total == 0 ? "No campaigns yet. Press n to create one." : "No campaign matches /\(state.campaignFilter.text)"
        let series = state.derived.series
        ListView(count: rows.count, cursor: state.campaignIndex)
            .draw(in: list, barX: inner.x, barWidth: inner.width, focused: focused, empty: empty, glyphs: g, into: &grid) { i, y, grid in
                let campaign = rows[i]
                let status = CampaignStatus(campaign, today: state.today)
                var texts: [Column: String] = [
                    .status: String(status.glyph(g)),
                    .utm: campaign.utmCampaign,
                    .revenue: Format.fitting(.money(state.revenue(of: campaign)), width: table[.revenue]?.width ?? 9),
                ]
                if let name = table[.name] {
                    // R17: campaigns created before 2017-09 are marked as outside analytics.
                    let tag = campaign.inAnalytics ? "" : (name.width >= 26 ? "pre-2017-09" : "pre-17")
                    let room = tag.isEmpty ? name.width : max(1, name.width - tag.count - 1)
                    texts[.name] = CellGrid.fit(campaign.name, width: room, ellipsis: g.ellipsis)
                    if !tag.isEmpty { grid.rightAligned(tag, right: name.right, y: y, width: tag.count, style: Style(.muted), glyphs: g) }
                }
                table.draw(texts, y: y, into: &grid, style: Style(.text), glyphs: g,
                           styles: [.status: Style(status.role), .utm: Style(.muted), .revenue: Style(state.revenueModel == nil ? .text : .accent)])
                if let spark = table[.sessions], let series {
                    grid.sparkline(CellGrid.bucket(series.values(campaign), into: spark.width),
                                   x: spark.x, y: y, width: spark.width, style: Style(.chart), glyphs: g)
                }
            }
    }
}
