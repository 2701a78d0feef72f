import CampaignKit
import Widgets

/// `b`: the tracking-URL form (R6): the page and the utm values, the URL they make
/// with the campaign's current utm value shown as they are typed.
enum TrackingURLView {
    static func draw(_ form: TrackingURLPopup, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        guard let campaign = state.campaign(id: form.campaignID) else { return }
        let fields = TrackingURLPopup.Field.allCases
        let inner = Panel.popup(width: min(screen.width - 6, 100), height: fields.count + 5,
                                title: "Tracking URL \(g.separator) \(campaign.name) (utm_campaign=\(campaign.utmCampaign))",
                                footer: "Tab \(g.arrowDown) next \(g.separator) Enter build and copy \(g.separator) Esc cancel",
                                in: screen, glyphs: g, into: &grid)
        guard inner.height > 0 else { return }
        let labelWidth = 18
        for (i, field) in fields.enumerated() where inner.y + i < inner.maxY {
            let y = inner.y + i
            grid.clipped(field.label + (field.required ? "" : " (opt.)"), x: inner.x, y: y, width: labelWidth,
                         style: Style(field == form.focus ? .accent : .muted, on: .popup, bold: field == form.focus), glyphs: g)
            let box = Rect(x: inner.x + labelWidth + 1, y: y, width: inner.width - labelWidth - 1, height: 1)
            grid.fill(box, style: Style(.input, on: .input))
            form.fields[field.rawValue].draw(x: box.x, y: y, width: box.width, style: Style(.input, on: .input),
                                             cursor: field == form.focus ? g.cursor : nil, into: &grid)
        }
        let y = inner.y + fields.count + 1
        guard y < inner.maxY else { return }
        if let error = form.error {
            grid.clipped(error, x: inner.x, y: y, width: inner.width, style: Style(.negative, on: .popup, bold: true), glyphs: g)
            return
        }
        let optional = { (field: TrackingURLPopup.Field) -> String? in form.text(field).isEmpty ? nil : form.text(field) }
        if let url = try? TrackingURL.build(pageURL: form.text(.page), utmCampaign: campaign.utmCampaign, source: form.text(.source),
                                            medium: form.text(.medium), term: optional(.term), content: optional(.content)) {
            // The whole URL, over as many lines as it takes (it has no spaces: cut anywhere).
            for (i, line) in TextWrap.wrap(url, width: inner.width).enumerated() where y + i < inner.maxY {
                grid.put(line, x: inner.x, y: y + i, style: Style(.accent, on: .popup), limit: inner.width)
            }
        } else {
            grid.clipped("The page (http or https, with a host), utm_source and utm_medium make the URL (R6).",
                         x: inner.x, y: y, width: inner.width, style: Style(.muted, on: .popup), glyphs: g)
        }
    }
}
