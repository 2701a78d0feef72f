import Attribution
import CampaignKit
import Widgets

/// `p`: the periods, each with the dates it covers today, and custom dates.
enum PeriodView {
    static func draw(_ popup: PeriodPopup, _ state: DashboardState, in screen: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let rows = Period.presets.count + 1
        let footer = popup.onCustom
            ? "type or \(g.arrowUp)\(g.arrowDown) \(g.separator) ← → a day \(g.separator) PgUp PgDn a month \(g.separator) Tab other date \(g.separator) Enter use \(g.separator) Esc cancel"
            : "\(g.arrowUp)\(g.arrowDown) choose \(g.separator) Enter use \(g.separator) Esc cancel"
        let anchorNote = state.anchor.map { " (counted back from \($0.spoken), where the data ends)" } ?? ""
        let inner = Panel.popup(width: min(screen.width - 6, 64), height: rows + 2, title: "Period\(anchorNote)",
                                footer: footer, in: screen, glyphs: g, into: &grid)
        guard inner.height > 0 else { return }
        let today = state.anchor ?? state.today
        let list = Rect(x: inner.x, y: inner.y, width: inner.width, height: min(rows, inner.height))
        ListView(count: rows, cursor: popup.cursor).draw(in: list, focused: true, empty: "", glyphs: g, into: &grid) { i, y, grid in
            guard i < Period.presets.count else {
                customRow(popup, y: y, in: inner, glyphs: g, into: &grid)
                return
            }
            let period = Period.presets[i]
            let chosen = period == state.period
            grid.put((chosen ? "\(g.active) " : "  ") + period.label(campaignName: state.selectedCampaign?.name), x: inner.x, y: y,
                     style: Style(.popup, on: .popup, bold: chosen), limit: inner.width)
            let range = period.window(today: today, zone: state.zone, campaign: state.selectedCampaign).spokenRange
            grid.rightAligned(range, right: inner.maxX, y: y, width: inner.width / 2, style: Style(.muted, on: .popup), glyphs: g)
        }
        if let error = popup.error {
            grid.clipped(error, x: inner.x, y: inner.y + rows + 1, width: inner.width, style: Style(.negative, on: .popup, bold: true), glyphs: g)
        }
    }

    /// The custom row: `Custom  From [2023-03-01]  To [2023-03-31]`, the field being edited with the cursor.
    static func customRow(_ popup: PeriodPopup, y: Int, in inner: Rect, glyphs g: Glyphs, into grid: inout CellGrid) {
        var x = inner.x
        x += grid.put("  Custom", x: x, y: y, style: Style(.popup, on: .popup, bold: popup.onCustom), limit: inner.width) + 2
        for (label, field, which) in [("From ", popup.from, PeriodPopup.Field.from), ("To ", popup.to, .to)] {
            x += grid.put(label, x: x, y: y, style: Style(.muted, on: .popup))
            let editing = popup.editing == which
            let box = Rect(x: x, y: y, width: 11, height: 1)
            grid.fill(box, style: Style(.input, on: .input))
            if field.text.isEmpty && !editing {
                grid.put("open", x: x, y: y, style: Style(.muted, on: .input), limit: box.width)
            } else {
                field.draw(x: x, y: y, width: box.width, style: Style(.input, on: .input), cursor: editing ? g.cursor : nil, into: &grid)
            }
            x += box.width + 2
        }
    }
}
