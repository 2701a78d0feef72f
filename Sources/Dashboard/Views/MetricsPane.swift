import Widgets
import Foundation
import SafeText
import Attribution
import CampaignKit

/// Bottom right: the selected campaign's metrics in the window as tiles, and
/// its sessions per day as a bar chart.
enum MetricsPane {
    /// `4.8× budget`: influenced revenue over the campaign's budget; nil without a budget.
    static func budgetRatio(_ campaign: CampaignReport) -> String? {
        guard let budget = campaign.budget, budget > 0 else { return nil }
        let ratio = NSDecimalNumber(decimal: campaign.influencedRevenue / budget).doubleValue
        return String(format: "%.1f× budget", ratio)
    }

    /// Tiles per row: six metrics in two rows of three.
    static let tileColumns = 3

    static func draw(_ state: DashboardState, in rect: Rect, focused: Bool, into grid: inout CellGrid) {
        let g = state.glyphs
        let campaign = state.selectedCampaign
        Panel.draw(rect, title: "Metrics" + (campaign.map { " \(g.separator) \($0.name)" } ?? ""),
                     focused: focused, glyphs: g, into: &grid)
        let inner = rect.inset(1)
        guard let campaign, inner.height > 0, inner.width > 2 else { return }
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)

        // The window, and the campaign's own run.
        let window = state.window.rangeText(arrow: g.arrowRight)
        grid.clipped(window, x: content.x, y: content.y, width: content.width, style: Style(.muted), glyphs: g)
        let status = CampaignStatus(campaign, today: state.today)
        var run = [status.rawValue]
        if campaign.startDate != nil || campaign.endDate != nil {
            run.insert("runs \(ReportWindow(from: campaign.startDate, to: campaign.endDate).rangeText(arrow: g.arrowRight))", at: 0)
        }
        if !campaign.inAnalytics { run.insert("not in analytics (R17)", at: 0) }
        // Revenue against the campaign's budget, where one is set.
        if let ratio = budgetRatio(campaign) { run.insert(ratio, at: run.count - 1) }
        // The most that fits: dropping from the front, the status always last.
        let room = content.width - window.displayWidth - 2
        let sep = " \(g.separator) "
        if let text = run.indices.map({ run[$0...].joined(separator: sep) }).first(where: { $0.displayWidth <= room }) {
            grid.rightAligned(text, right: content.maxX, y: content.y, width: room, style: Style(status.role), glyphs: g)
        }

        // Tiles: two rows of three.
        let gap = content.height >= 12 ? 1 : 0
        let tileWidth = (content.width - tileColumns + 1) / tileColumns
        for (i, metric) in CampaignMetric.allCases.enumerated() {
            let x = content.x + (i % tileColumns) * (tileWidth + 1)
            let y = content.y + 1 + gap + (i / tileColumns) * (2 + gap)
            guard y + 1 < content.maxY else { break }
            let selected = focused && i == state.metricIndex
            let label = metric.label(width: tileWidth, separator: state.glyphs.separator)
            grid.clipped(label, x: x, y: y, width: tileWidth,
                         style: selected ? Style(.accent, on: .selection, bold: true) : Style(.muted), glyphs: g)
            // #17: the campaign is listed from the outline; its numbers come with the report.
            guard !state.numbersPending else {
                grid.put(String(g.ellipsis), x: x, y: y + 1, style: CampaignsPane.placeholderStyle)
                continue
            }
            let value = metric.value(in: campaign)
            let full = metric == .influencedRevenue ? Format.money(campaign.influencedRevenue) : value.formatted()
            let text = full.displayWidth <= tileWidth ? full : Format.compact(value)
            let used = grid.clipped(text, x: x, y: y + 1, width: tileWidth, style: Style(.tileValue, bold: true), glyphs: g)
            // The change against the previous period as long, when it fits beside the value.
            if let change = state.change(metric, of: campaign) {
                let delta = change.text(up: g.arrowUp, down: g.arrowDown)
                if used + 2 + delta.displayWidth <= tileWidth {
                    grid.put(delta, x: x + used + 2, y: y + 1, style: Style(change.role))
                }
            }
        }

        // The chart fills the rest, once the report is there.
        if state.numbersPending { return }
        let chartTop = content.y + 1 + gap + 2 * (2 + gap)
        let chart = Rect(x: content.x, y: chartTop + 1, width: content.width, height: content.maxY - chartTop - 2)
        // A period after the data's end holds no chart, but says where the data ends.
        if let notice = state.emptyPeriodNotice {
            if chartTop < content.maxY { grid.clipped(notice, x: content.x, y: chartTop, width: content.width, style: Style(.warning), glyphs: g) }
            return
        }
        guard chart.height >= 1, let series = state.derived.series else {
            if chartTop < content.maxY {
                grid.clipped("No sessions in this window", x: content.x, y: chartTop, width: content.width, style: Style(.muted), glyphs: g)
            }
            return
        }
        let values = series.values(campaign)
        let buckets = CellGrid.bucket(values, into: chart.width)
        let perColumn = values.count > chart.width ? "per \((values.count + chart.width - 1) / chart.width) days" : "per day"
        grid.clipped("Sessions \(perColumn)", x: content.x, y: chartTop, width: content.width, style: Style(.header), glyphs: g)
        grid.rightAligned("max \(Format.grouped(buckets.max() ?? 0))", right: content.maxX, y: chartTop, width: 14,
                          style: Style(.muted), glyphs: g)
        grid.barChart(buckets, in: chart, style: Style(.chart), glyphs: g)
        let axisY = chart.maxY
        grid.clipped(series.first.description, x: content.x, y: axisY, width: content.width, style: Style(.muted), glyphs: g)
        let barsEnd = content.x + buckets.count * CellGrid.barWidth(count: buckets.count, width: chart.width)
        if barsEnd - content.x >= 22 {
            grid.rightAligned(series.last.description, right: barsEnd, y: axisY, width: 10, style: Style(.muted), glyphs: g)
        }
    }
}
