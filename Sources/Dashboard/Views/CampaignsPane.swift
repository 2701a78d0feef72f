import Attribution

/// Left pane: every campaign with its status, utm value, a sparkline of
/// sessions per day in the window and its influenced revenue.
enum CampaignsPane {
    /// The last column is influenced revenue (R14), or the credit of the model `m` chose (R18), titled with its name.
    static func columns(revenue: String, sorted: Bool) -> [Columns.Spec] {
        [
            .init(title: "", width: 1),
            .init(title: "Campaign", width: 12, flex: true),
            .init(title: "utm_campaign", width: 12, flex: true, priority: 1),
            .init(title: "Sessions", width: 10, priority: 2),
            .init(title: revenue, width: max(9, revenue.count + (sorted ? 2 : 0)), right: true),
        ]
    }

    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into grid: inout CellGrid) {
        let g = state.glyphs
        let rows = state.visibleCampaigns
        let total = state.report?.campaigns.count ?? 0
        var title = "Campaigns \(total)"
        if !state.campaignFilter.text.isEmpty { title = "Campaigns \(rows.count) of \(total) \(g.separator) /\(state.campaignFilter.text)" }
        Screen.frame(rect, title: title, focused: focused, glyphs: g, into: &grid)
        let inner = rect.inset(1)
        guard inner.height > 0, inner.width > 0 else { return }
        let revenue = state.revenueModel ?? "Revenue"
        let table = Columns(columns(revenue: revenue, sorted: state.campaignSort == .revenue), x: inner.x + 1, width: inner.width - 2)
        let sortMark = " " + String(state.campaignSort == .name ? g.arrowUp : g.arrowDown)
        var marks: [String: String] = [:]
        switch state.campaignSort {
        case .name: marks["Campaign"] = sortMark
        case .revenue: marks[revenue] = sortMark
        case .sessions: marks["Sessions"] = sortMark
        case .newest: marks["Campaign"] = " (newest)"
        }
        table.drawHeader(y: inner.y, into: &grid, glyphs: g, marks: marks)
        guard state.report != nil else {
            grid.clipped(state.loadError.map { "No report: \($0)" } ?? "Computing the report\(g.ellipsis)",
                         x: inner.x + 1, y: inner.y + 2, width: inner.width - 2, style: Style(.muted), glyphs: g)
            return
        }
        if rows.isEmpty {
            let text = total == 0 ? "No campaigns yet. Press n to create one." : "No campaign matches /\(state.campaignFilter.text)"
            grid.clipped(text, x: inner.x + 1, y: inner.y + 2, width: inner.width - 2, style: Style(.muted), glyphs: g)
            return
        }
        let series = state.derived.series
        let listRows = inner.height - 1
        let cursor = state.campaignIndex
        let offset = Layout.scrollOffset(cursor: cursor, rows: listRows, count: rows.count)
        for (i, campaign) in rows.enumerated().dropFirst(offset).prefix(listRows) {
            let y = inner.y + 1 + i - offset
            let status = CampaignStatus(campaign, today: state.today)
            var texts: [String: String] = [
                "": String(status.glyph(g)),
                "utm_campaign": campaign.utmCampaign,
                revenue: Format.fitting(.money(state.revenue(of: campaign)), width: table.column(revenue)?.width ?? 9),
            ]
            let name = table.column("Campaign")
            if let name {
                // R17: campaigns created before 2017-09 are marked as outside analytics.
                let tag = campaign.inAnalytics ? "" : (name.width >= 26 ? "pre-2017-09" : "pre-17")
                let room = tag.isEmpty ? name.width : max(1, name.width - tag.count - 1)
                texts["Campaign"] = CellGrid.fit(campaign.name, width: room, ellipsis: g.ellipsis)
                if !tag.isEmpty { grid.rightAligned(tag, right: name.right, y: y, width: tag.count, style: Style(.muted), glyphs: g) }
            }
            table.draw(texts, y: y, into: &grid, style: Style(.text), glyphs: g,
                       styles: ["": Style(status.role), "utm_campaign": Style(.muted), revenue: Style(state.revenueModel == nil ? .text : .accent)])
            if let spark = table.column("Sessions"), let series {
                grid.sparkline(CellGrid.bucket(series.values(campaign), into: spark.width),
                               x: spark.x, y: y, width: spark.width, style: Style(.chart), glyphs: g)
            }
            if i == cursor { Screen.highlight(inner.row(1 + i - offset), focused: focused, into: &grid) }
        }
    }
}
