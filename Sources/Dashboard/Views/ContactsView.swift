import Widgets
import SafeText
import Foundation
import Attribution
import CampaignKit

/// `c` on a campaign (R14, R20): the contacts it influenced first in the window —
/// in the segment when there is one — with when, their first and last touch
/// (R15, R16) and their Salesforce campaigns. Scrolls; `/` filters.
enum ContactsView {
    /// Rows above the list: the summary, the filter or legend, the column titles.
    static let fixed = 3

    /// The list rows the popup shows on a screen `height` rows high with `count` rows to show.
    static func visibleRows(height: Int, count: Int) -> Int {
        let screen = height - 2
        return max(1, min(max(1, screen - 9), fixed + max(1, count)) - fixed)
    }

    enum Column: Hashable { case contact, influenced, firstTouch, lastTouch, salesforce }

    static func columns(width: Int) -> [Table<Column>.Column] { [
        .init(.contact, "Contact", width: 16, flex: true),
        .init(.influenced, "First influenced", width: width < 90 ? 11 : 16),
        .init(.firstTouch, "First touch", width: 11, flex: true, priority: 2),
        .init(.lastTouch, "Last touch", width: 11, flex: true, priority: 2),
        .init(.salesforce, "Salesforce", width: 10, flex: true, priority: 1),
    ] }

    static func draw(_ popup: ContactsPopup, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let name: (String) -> String? = { state.campaign(id: $0)?.name }
        let rows = popup.rows(campaignName: name)
        let width = min(screen.width - 6, 110)
        let visible = visibleRows(height: screen.height + 2, count: rows.count)
        let height = fixed + visible
        let scroll = min(popup.scroll, max(0, rows.count - visible))
        var footer = "/ filter \(g.separator) s sort \(g.separator) Esc close"
        if rows.count > visible {
            footer = "j/k scroll \(g.separator) \(scroll + 1)–\(min(rows.count, scroll + visible)) of \(rows.count) \(g.separator) " + footer
        }
        var title = "Contacts \(g.separator) \(popup.campaignName)"
        if let id = popup.request.segment { title += " \(g.separator) " + Segment(id: id).label(idWidth: 16, ellipsis: g.ellipsis) }
        let inner = Panel.popup(width: width, height: height, title: title, footer: footer, in: screen, glyphs: g, into: &grid)
        guard inner.height > 0 else { return }
        let muted = Style(.muted, on: .popup)

        guard let result = popup.result else {
            return PopupView.pending(error: popup.error, failure: "Could not list the contacts", in: inner, glyphs: g, into: &grid)
        }
        grid.clipped(summary(result, popup, width: inner.width), x: inner.x, y: inner.y, width: inner.width,
                     style: Style(.popup, on: .popup, bold: true), glyphs: g)
        guard result.total > 0, inner.height > 1 else { return }
        if popup.filtering || !popup.filter.text.isEmpty {
            let used = grid.put("Filter ", x: inner.x, y: inner.y + 1, style: muted)
            let field = Rect(x: inner.x + used, y: inner.y + 1, width: inner.width - used, height: 1)
            grid.fill(field, style: Style(.input, on: .input))
            let count = "   \(rows.count) of \(result.contacts.count)"
            let typed = popup.filter.draw(x: field.x, y: field.y, width: max(1, field.width - count.count), style: Style(.input, on: .input),
                                          cursor: popup.filtering ? g.cursor : nil, into: &grid)
            grid.put(count, x: field.x + typed, y: field.y, style: Style(.input, on: .input), limit: field.width - typed)
        } else {
            let legends = ["First / last touch: the campaign that first brought them (R15) and the one credited with their conversion (R16).",
                           "First / last touch: R15, R16 campaigns; Salesforce: campaign ids (R20).",
                           "First / last touch: R15, R16."]
            grid.clipped(legends.first { $0.displayWidth <= inner.width } ?? legends.last!, x: inner.x, y: inner.y + 1,
                         width: inner.width, style: muted, glyphs: g)
        }
        guard inner.height > fixed else { return }
        // The last column is the scroll marks'.
        let table = Table(columns(width: inner.width - 1), x: inner.x, width: inner.width - 1)
        let influenced = table[.influenced]
        let withYear = (influenced?.width ?? 0) >= 16
        var titles: [Column: String] = (influenced?.width ?? 0) < "First influenced".count ? [.influenced: "Influenced"] : [:]
        let up = " " + String(g.arrowUp)
        switch popup.sort {
        case .influenced:
            let title = (titles[.influenced] ?? "First influenced") + up
            if title.displayWidth <= influenced?.width ?? 0 { titles[.influenced] = title }
        case .contact: titles[.contact] = "Contact" + up
        case .firstTouch: titles[.firstTouch] = "First touch" + up
        case .lastTouch: titles[.lastTouch] = "Last touch" + up
        }
        table.drawHeader(y: inner.y + 2, into: &grid, glyphs: g, titles: titles, style: Style(.header, on: .popup, bold: true))
        if rows.isEmpty {
            grid.clipped("Nothing matches “\(popup.filter.text)”", x: inner.x, y: inner.y + fixed, width: inner.width, style: muted, glyphs: g)
            return
        }
        let campaignStyle: (String?) -> Style = { id in
            id == popup.request.campaignID ? Style(.accent, on: .popup) : (id == nil ? muted : Panel.popupText)
        }
        let contactWidth = table[.contact]?.width ?? 0
        let salesforceWidth = table[.salesforce]?.width ?? 0
        let shown = inner.maxY - inner.y - fixed
        for (i, contact) in rows.dropFirst(scroll).prefix(shown).enumerated() {
            // The email and the id when both fit, else the email alone.
            var who = contact.id
            if let email = contact.email { who = "\(email) (\(contact.id))".displayWidth <= contactWidth ? "\(email) (\(contact.id))" : email }
            let texts: [Column: String] = [
                .contact: who,
                .influenced: TopDealsView.time(contact.firstInfluenced, zone: state.zone, year: withYear),
                .firstTouch: contact.firstTouchCampaignID.map { name($0) ?? $0 } ?? "none",
                .lastTouch: contact.lastTouchCampaignID.map { name($0) ?? $0 } ?? "none",
                .salesforce: salesforce(contact.salesforceCampaignIDs, segment: popup.request.segment, width: salesforceWidth, ellipsis: g.ellipsis),
            ]
            let segmentStyle = contact.salesforceCampaignIDs.isEmpty ? muted : Panel.popupText
            table.draw(texts, y: inner.y + fixed + i, into: &grid, style: Panel.popupText, glyphs: g,
                       styles: [.firstTouch: campaignStyle(contact.firstTouchCampaignID),
                                .lastTouch: campaignStyle(contact.lastTouchCampaignID),
                                .salesforce: segmentStyle])
        }
        ListView.markMoreRows(above: scroll > 0, below: scroll + shown < rows.count, x: inner.maxX - 1, top: inner.y + fixed,
                              bottom: inner.maxY - 1, style: muted, glyphs: g, into: &grid)
    }

    /// The contact's Salesforce campaign ids, the segment's first: all when they fit, else the first and how many more.
    static func salesforce(_ ids: [String], segment: String?, width: Int, ellipsis: Character = "…") -> String {
        guard !ids.isEmpty else { return "-" }
        let ordered = ids.filter { $0 == segment } + ids.filter { $0 != segment }
        let all = ordered.joined(separator: ", ")
        if all.displayWidth <= width || ordered.count == 1 { return all }
        let more = " +\(ordered.count - 1)"
        return CellGrid.fit(ordered[0], width: max(1, width - more.count), ellipsis: ellipsis) + more
    }

    /// The longest wording that fits: how many, by which campaign, in which segment.
    static func summary(_ result: CampaignContacts, _ popup: ContactsPopup, width: Int) -> String {
        let n = result.total
        let who = "\(Format.grouped(n)) contact\(n == 1 ? "" : "s")"
        let segment = popup.request.segment.map { " among the members of Salesforce campaign \($0)" } ?? ""
        let shortSegment = popup.request.segment.map { " in segment \($0)" } ?? ""
        let first = result.contacts.count < n ? "; the first \(Format.grouped(result.contacts.count)):" : "."
        if n == 0 {
            return "No contact\(segment) was first influenced by \(popup.campaignName) in the window."
        }
        let choices = ["\(who)\(segment) first influenced by \(popup.campaignName) in the window (R14)\(first)",
                       "\(who)\(shortSegment) first influenced by \(popup.campaignName) in the window\(first)",
                       "\(who)\(shortSegment) first influenced in the window\(first)"]
        return choices.first { $0.displayWidth <= width } ?? choices.last!
    }
}
