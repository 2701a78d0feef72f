import Widgets
import SafeText
import Foundation
import Attribution
import CampaignKit

/// Enter on the attribution tab (R18): the campaign's largest deals under the
/// selected model, each followed by its touches with the positions they hold
/// and their share of the amount.
enum TopDealsView {
    /// The touch columns; below 90 columns the times leave out the year (the deal's line has it).
    enum Column: Hashable { case indent, time, contact, event, campaign, positions, credit }

    static func columns(width: Int) -> [Table<Column>.Column] { [
        .init(.indent, "", width: 1),
        .init(.time, "Time", width: width < 90 ? 11 : 16),
        .init(.contact, "Contact", width: 10, flex: true),
        .init(.event, "Event", width: 12),
        .init(.campaign, "Campaign", width: 8, flex: true),
        .init(.positions, "Positions", width: 11, flex: true),
        .init(.credit, "Credit", width: 9, alignment: .right),
    ] }

    static func draw(_ popup: TopDealsPopup, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let request = popup.request
        let lines = popup.lines
        let width = min(screen.width - 6, 108)
        let fixed = 4
        let height = min(max(1, screen.height - 9), fixed + max(1, lines.count))
        let visible = max(1, height - fixed)
        let scroll = min(popup.scroll, max(0, lines.count - visible))
        var footer = "Esc close"
        if lines.count > visible {
            footer = "j/k scroll \(g.separator) \(scroll + 1)–\(min(lines.count, scroll + visible)) of \(lines.count) \(g.separator) " + footer
        }
        let inner = Panel.popup(width: width, height: height,
                                    title: "Top deals \(g.separator) \(popup.campaignName) \(g.separator) \(ModelNames.spoken(request.model))",
                                    footer: footer, in: screen, glyphs: g, into: &grid)
        guard inner.height > 0 else { return }
        let text = Panel.popupText
        let muted = Style(.muted, on: .popup)

        guard let result = popup.result else {
            return PopupView.pending(error: popup.error, failure: "Could not list the deals", in: inner, glyphs: g, into: &grid)
        }
        let cell = state.credit(request.model, campaignID: request.campaignID)
        let n = result.dealCount
        let deals = "\(n) deal\(n == 1 ? "" : "s")"
        let credit = "credit\(n == 1 ? "s" : "") \(popup.campaignName) \(Format.money(cell)) under \(ModelNames.spoken(request.model))"
        let top = result.deals.count < n ? "; the \(result.deals.count) largest:" : "."
        // The longest wording that fits.
        var summary = ["\(deals) closed in the window \(credit)\(top)", "\(deals) \(credit)\(top)"]
            .first { $0.displayWidth <= inner.width } ?? "\(deals) \(credit)\(top)"
        if n == 0 { summary = "No deal closed in the window credits \(popup.campaignName) under \(ModelNames.spoken(request.model))." }
        grid.clipped(summary, x: inner.x, y: inner.y, width: inner.width, style: Style(.popup, on: .popup, bold: true), glyphs: g)
        guard n > 0, inner.height > 1 else { return }
        // R18: a touch holds a position only where the model weights it; the others are dimmed.
        let weighted = AttributionModel.builtIn.first { $0.name == request.model }?.weightedPositions ?? []
        let legend = "Positions: first touch, lead / deal creation, won = closed won (F L D W)"
        let legends = weighted.isEmpty ? [legend + "."]
            : [legend + "; dimmed: no weight in \(ModelNames.spoken(request.model)).", legend + "; dim: no weight.", legend + "."]
        grid.clipped(legends.first { $0.displayWidth <= inner.width } ?? legends.last!, x: inner.x, y: inner.y + 1,
                     width: inner.width, style: muted, glyphs: g)
        guard inner.height > 3 else { return }
        let table = Table(columns(width: inner.width), x: inner.x, width: inner.width)
        let withYear = (table[.time]?.width ?? 0) >= 16
        let positionsWidth = table[.positions]?.width ?? 0
        table.drawHeader(y: inner.y + 3, into: &grid, glyphs: g, style: Style(.header, on: .popup, bold: true))

        var y = inner.y + fixed
        for line in lines.dropFirst(scroll) {
            guard y < inner.maxY else { break }
            switch line {
            case .gap:
                break
            case .deal(let deal):
                var left = deal.dealID
                if let name = deal.dealName, !name.isEmpty { left += " “\(name)”" }
                left += " \(g.separator) \(Format.money(deal.amount)) \(g.separator) closed \(CalendarDate(deal.closedAt, in: state.zone))"
                let right = "\(Format.money(Money.cents(deal.credit))) \(percent(deal.credit, of: deal.amount))"
                let room = inner.width - right.count - 2
                grid.clipped(left, x: inner.x, y: y, width: room, style: Style(.popup, on: .popup, bold: true), glyphs: g)
                grid.rightAligned(right, right: inner.maxX, y: y, width: right.count, style: Style(.accent, on: .popup, bold: true), glyphs: g)
            case .touch(let touch):
                let own = touch.campaignID == request.campaignID
                let texts: [Column: String] = [
                    .time: time(touch.time, zone: state.zone, year: withYear),
                    .contact: touch.contactEmail ?? touch.contactID,
                    .event: touch.eventType.label,
                    .campaign: state.campaign(id: touch.campaignID)?.name ?? touch.campaignID,
                    .credit: touch.credit == 0 ? "-" : Format.money(Money.cents(touch.credit)),
                ]
                let base = own ? text : muted
                table.draw(texts, y: y, into: &grid, style: base, glyphs: g,
                           styles: own ? [.credit: Style(.accent, on: .popup)] : [:])
                if let column = table[.positions] {
                    var x = column.x
                    for (label, position) in positions(touch.positions, width: positionsWidth) {
                        let style = weighted.isEmpty || weighted.contains(position) ? base : muted.dimmed()
                        x += grid.put(label, x: x, y: y, style: style, limit: column.right - x) + 1
                    }
                }
            }
            y += 1
        }
    }

    /// `40.0 %` of the amount.
    static func percent(_ part: Decimal, of whole: Decimal) -> String {
        guard whole != 0 else { return "" }
        let p = NSDecimalNumber(decimal: part / whole * 100).doubleValue
        return String(format: "(%.1f %%)", p)
    }

    /// `2024-03-01 14:05` (or `03-01 14:05`) in the report zone.
    static func time(_ instant: Instant, zone: TimeZone, year: Bool) -> String {
        let day = "\(CalendarDate(instant, in: zone))"
        return "\(year ? day : String(day.dropFirst(5))) \(StatusBar.clock(instant, zone: zone).prefix(5))"
    }

    /// Each position held with its label: words (`first lead`), or initials
    /// (`F L D W`) when the words do not fit.
    static func positions(_ held: [TouchPosition], width: Int) -> [(String, TouchPosition)] {
        let ordered = TouchPosition.allCases.filter(held.contains)
        let words = ordered.map(\.shortLabel)
        if words.joined(separator: " ").count <= width { return Array(zip(words, ordered)) }
        return ordered.map { ($0.shortLabel.prefix(1).uppercased(), $0) }
    }
}
