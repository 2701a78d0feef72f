import Attribution
import SafeText
import Widgets

/// Left pane: every campaign with its status, utm value, its sessions in the window
/// (the number and a sparkline of them per day) and its influenced revenue. Names get
/// the room first: the utm column takes what is left, or goes.
enum CampaignsPane {
    enum Column: Hashable { case status, name, utm, sessions, revenue }

    /// The sessions column: the number, then the sparkline.
    static let sessionsNumberWidth = 5
    static let sessionsWidth = 13
    /// The utm column goes below this width.
    static let utmMinimum = 12
    /// The tag of campaigns left out of analytics (R17).
    static let preAnalyticsTag = "pre-2017"

    /// The last column is influenced revenue (R14), or the credit of the model `m` chose (R18), titled with its name.
    static func columns(names: [String], revenue: String, width: Int) -> [Table<Column>.Column] {
        let revenueWidth = max(8, revenue.displayWidth + 1)
        var rest = width - 1 - 1 - (revenueWidth + 1)
        var sessions = true
        // Below a name's minimum the sparkline goes first: names matter more.
        if rest - (sessionsWidth + 1) < utmMinimum { sessions = false } else { rest -= sessionsWidth + 1 }
        let wanted = min(names.map(\.displayWidth).max() ?? 0, 48)
        var columns: [Table<Column>.Column] = [.init(.status, "", width: 1)]
        if rest - wanted >= utmMinimum + 1 {
            columns += [.init(.name, "Campaign", width: wanted), .init(.utm, "utm_campaign", width: utmMinimum, flex: true)]
        } else {
            columns += [.init(.name, "Campaign", width: 8, flex: true)]
        }
        if sessions { columns.append(.init(.sessions, "Sessions", width: sessionsWidth)) }
        columns.append(.init(.revenue, revenue, width: revenueWidth, alignment: .right))
        return columns
    }

    /// A campaign's tag: archived (§8, when archived ones are shown), else outside analytics (R17).
    static func tag(_ campaign: CampaignReport) -> String {
        campaign.archivedAt != nil ? "archived" : campaign.inAnalytics ? "" : preAnalyticsTag
    }

    /// A campaign's name as the pane lists it: with its tag.
    static func listedName(_ campaign: CampaignReport) -> String {
        tag(campaign).isEmpty ? campaign.name : campaign.name + " " + tag(campaign)
    }

    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into grid: inout CellGrid) {
        let g = state.glyphs
        let rows = state.visibleCampaigns
        let all = state.allCampaigns
        let archived = all.filter { $0.archivedAt != nil }.count
        let total = state.showsArchived ? all.count : all.count - archived
        var title = "Campaigns \(total)"
        if !state.campaignFilter.text.isEmpty { title = "Campaigns \(rows.count) of \(total) \(g.separator) /\(state.campaignFilter.text)" }
        if archived > 0 && !state.showsArchived { title += " \(g.separator) \(archived) archived (X)" }
        let inner = Panel.draw(rect, title: title, focused: focused, glyphs: g, into: &grid)
        guard inner.height > 0, inner.width > 0 else { return }
        let revenue = state.revenueModel.map(ModelNames.spoken) ?? "Revenue"
        let table = Table(columns(names: rows.map(listedName), revenue: revenue, width: inner.width - 2), x: inner.x + 1, width: inner.width - 2)
        let arrow = String(state.campaignSort == .name ? g.arrowUp : g.arrowDown)
        var titles: [Column: String] = [:]
        switch state.campaignSort {
        case .name: titles[.name] = "Campaign " + arrow
        case .revenue: titles[.revenue] = arrow + revenue
        case .sessions: titles[.sessions] = "Sessions " + arrow
        case .newest: titles[.name] = "Campaign (newest)"
        }
        table.drawHeader(y: inner.y, into: &grid, glyphs: g, titles: titles)
        let list = Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: inner.height - 1)
        // #17: the outline's rows stand in for the report's until it comes, unless it failed.
        guard state.report != nil || (!all.isEmpty && state.loadError == nil) else {
            grid.clipped(state.loadError.map { "No report: \($0)" } ?? "Computing the report\(g.ellipsis)",
                         x: list.x, y: list.y + 1, width: list.width, style: Style(.muted), glyphs: g)
            return
        }
        let empty = total == 0 ? "No campaigns yet. Press n to create one." : "No campaign matches /\(state.campaignFilter.text)"
        let series = state.derived.series
        ListView(count: rows.count, cursor: state.campaignIndex, marksMoreRows: true)
            .draw(in: list, barX: inner.x, barWidth: inner.width, focused: focused, empty: empty, glyphs: g, into: &grid) { i, y, grid in
                let campaign = rows[i]
                let status = CampaignStatus(campaign, today: state.today)
                var texts: [Column: String] = [.status: String(status.glyph(g)), .utm: campaign.utmCampaign]
                if !state.numbersPending {
                    texts[.revenue] = Format.fitting(.money(state.revenue(of: campaign)), width: table[.revenue]?.width ?? 8)
                }
                if let name = table[.name] {
                    // R17: campaigns created before 2017-09 are tagged as outside analytics; §8: archived ones too.
                    let tag = tag(campaign)
                    let room = tag.isEmpty ? name.width : max(1, name.width - tag.count - 1)
                    texts[.name] = CellGrid.fit(campaign.name, width: room, ellipsis: g.ellipsis)
                    if !tag.isEmpty { grid.rightAligned(tag, right: name.right, y: y, width: tag.count, style: Style(.muted), glyphs: g) }
                }
                table.draw(texts, y: y, into: &grid, style: Style(.text), glyphs: g,
                           styles: [.status: Style(status.role), .utm: Style(.muted), .revenue: Style(state.revenueModel == nil ? .text : .accent)])
                if state.numbersPending {
                    drawPlaceholders(table, y: y, glyphs: g, into: &grid)
                } else if let column = table[.sessions] {
                    let number = Format.fitting(.count(campaign.sessions), width: sessionsNumberWidth)
                    grid.rightAligned(number, right: column.x + sessionsNumberWidth, y: y, width: sessionsNumberWidth, style: Style(.text), glyphs: g)
                    let spark = column.width - sessionsNumberWidth - 1
                    if let series, spark > 0 {
                        grid.sparkline(CellGrid.bucket(series.values(campaign), into: spark),
                                       x: column.right - spark, y: y, width: spark, style: Style(.chart), glyphs: g)
                    }
                }
            }
    }

    /// #17: where a row's numbers will be, a dim mark that they are on their way.
    private static func drawPlaceholders(_ table: Table<Column>, y: Int, glyphs g: Glyphs, into grid: inout CellGrid) {
        let mark = String(g.ellipsis)
        if let column = table[.sessions] {
            grid.rightAligned(mark, right: column.x + sessionsNumberWidth, y: y, width: sessionsNumberWidth, style: placeholderStyle, glyphs: g)
        }
        if let column = table[.revenue] {
            grid.rightAligned(mark, right: column.right, y: y, width: column.width, style: placeholderStyle, glyphs: g)
        }
    }

    /// The placeholders' look: the theme's quietest.
    static let placeholderStyle = Style(.muted, dim: true)
}
