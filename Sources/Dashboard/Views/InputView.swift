import Widgets
import Foundation
import Attribution

/// Typing a campaign name, with the utm value it will get (R2) and, for a
/// rename, the old value that stays attached (R3).
enum InputView {
    static func draw(_ input: InputPopup, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let campaigns = state.allCampaigns
        let campaignID: String?
        let title: String
        switch input.purpose {
        case .newCampaign: campaignID = nil; title = "New campaign"
        case .rename(let id): campaignID = id; title = "Rename \(state.campaign(id: id)?.name ?? id)"
        }
        let width = min(screen.width - 6, 66)
        let inner = Panel.popup(width: width, height: 5, title: title, footer: "Enter save \(g.separator) Esc cancel",
                                    in: screen, glyphs: g, into: &grid)
        guard inner.height > 0 else { return }
        let labelWidth = 14
        func row(_ y: Int, _ label: String, _ value: String, _ style: Style, note: String = "") {
            guard y < inner.maxY else { return }
            grid.clipped(label, x: inner.x, y: y, width: labelWidth, style: Style(.muted, on: .popup), glyphs: g)
            let used = grid.clipped(value, x: inner.x + labelWidth, y: y, width: inner.width - labelWidth, style: style, glyphs: g)
            if !note.isEmpty {
                grid.clipped(note, x: inner.x + labelWidth + used + 1, y: y, width: inner.width - labelWidth - used - 1,
                             style: Style(.muted, on: .popup), glyphs: g)
            }
        }
        // The field, drawn as a filled bar the width of the popup.
        let fieldWidth = inner.width - labelWidth
        grid.fill(Rect(x: inner.x + labelWidth, y: inner.y, width: fieldWidth, height: 1), style: Style(.input, on: .input))
        row(inner.y, "Name", "", Style(.input, on: .input))
        input.field.draw(x: inner.x + labelWidth, y: inner.y, width: fieldWidth, style: Style(.input, on: .input), cursor: g.cursor, into: &grid)

        let name = input.field.text.trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            row(inner.y + 2, "utm_campaign", "from the name (R2)", Style(.muted, on: .popup))
        } else {
            let (value, reused) = NameCheck.utmValue(for: name, campaignID: campaignID, campaigns: campaigns)
            let unchanged = campaignID.flatMap { state.campaign(id: $0) }?.utmCampaign == value
            row(inner.y + 2, "utm_campaign", value, Style(.accent, on: .popup, bold: true),
                note: unchanged ? "(unchanged)" : reused ? "(its earlier value, reused: R3)" : "(new: R2)")
            if let id = campaignID, let campaign = state.campaign(id: id), !unchanged {
                row(inner.y + 3, "kept as alias", campaign.utmCampaign, Style(.popup, on: .popup, bold: true),
                    note: "(links tagged with it still count: R3)")
            }
        }
        // R1 is checked as the name is typed, not only on Enter.
        let problem = input.error ?? (name.isEmpty ? nil : NameCheck.problem(name, campaignID: campaignID, campaigns: campaigns))
        if let error = problem {
            grid.clipped(error, x: inner.x, y: inner.y + 4, width: inner.width, style: Style(.negative, on: .popup, bold: true), glyphs: g)
        }
    }
}
