import Widgets
import Foundation
import Attribution

/// Tab 4 (R18): campaigns × attribution models, each cell the campaign's
/// credit under the model, a totals row that is the attributed revenue, the
/// unattributed deals on top. Model columns that do not fit scroll with `h` `l`.
enum AttributionView {
    /// A column: the campaign's name, or a model's credit (a model named "Campaign" is still a model).
    enum Column: Hashable { case name, model(String) }

    static let nameWidth = 14
    static let modelWidth = 10

    /// How many model columns fit in `width` next to the campaign names.
    static func modelColumns(width: Int, models: Int) -> Int {
        max(1, min(models, (width - nameWidth) / (modelWidth + 1)))
    }

    /// The models shown: as many as fit, scrolled so the selected one is in view.
    static func visibleModels(_ state: DashboardState, width: Int) -> (models: ArraySlice<String>, offset: Int) {
        let models = state.attributionModels
        let count = modelColumns(width: width, models: models.count)
        let offset = ListView.offset(cursor: state.selectedModelIndex, rows: count, count: models.count)
        return (models[offset..<offset + count], offset)
    }

    /// An amount in cents when it fits the column, else whole units, else compact.
    static func amount(_ value: Decimal, width: Int) -> String {
        let cents = Format.money(value)
        return cents.count <= width ? cents : Format.fitting(.money(value), width: width)
    }

    static func draw(_ state: DashboardState, in rect: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        let rows = state.attributionCampaigns
        let title = "Attribution models (R18)" + ListTitle.suffix(count: rows.count, cursor: state.attributionIndex, filter: state.attributionFilter, glyphs: g)
        guard let (inner, content, used) = TabPanel.draw(title, state, in: rect, into: &grid) else { return }
        let attribution = state.report?.attribution ?? AttributionReport()

        // What was attributed and what could not be.
        let count = "\(rows.count) campaign\(rows.count == 1 ? "" : "s") credited"
        if content.width - used > count.count + 2 {
            grid.rightAligned(count, right: content.maxX, y: content.y, width: content.width - used - 2, style: Style(.muted), glyphs: g)
        }
        if state.report != nil {
            var x = content.x
            x += grid.put("Attributed \(Format.money(attribution.attributedRevenue))", x: x, y: content.y + 1,
                          style: Style(.text, bold: true), limit: content.maxX - x)
            let deals = attribution.unattributedDeals
            let unattributed = deals == 0 ? " \(g.separator) every deal closed in the window has a touch"
                : " \(g.separator) unattributed: \(deals) deal\(deals == 1 ? "" : "s") without a touch, \(Format.money(attribution.unattributedRevenue))"
            grid.clipped(unattributed, x: x, y: content.y + 1, width: content.maxX - x,
                         style: Style(deals == 0 ? .muted : .warning), glyphs: g)
        }

        let (models, offset) = visibleModels(state, width: content.width)
        let columns = [Table<Column>.Column(.name, "Campaign", width: nameWidth, flex: true)]
            + models.map { Table<Column>.Column(.model($0), ModelNames.short($0), width: modelWidth, alignment: .right) }
        let table = Table(columns, x: content.x, width: content.width)
        let headerY = content.y + 3
        let selected = state.selectedModel
        var titles: [Column: String] = [:]
        if state.attributionSort.model == nil { titles[.name] = "Campaign " + String(g.arrowUp) }
        if let model = state.attributionSort.model, let p = table[.model(model)] {
            let mark = String(state.attributionSort.descending ? g.arrowDown : g.arrowUp)
            titles[p.id] = mark + CellGrid.fit(ModelNames.short(model), width: p.width - 1, ellipsis: g.ellipsis)
        }
        table.drawHeader(y: headerY, into: &grid, glyphs: g, titles: titles, style: Style(.header, bold: true),
                         styles: [.model(selected): Style(.header, on: .selection, bold: true, underline: true)])

        // Rows, then a rule, the totals and a note at the bottom.
        let listTop = headerY + 1
        let list = Rect(x: content.x, y: listTop, width: content.width, height: max(1, content.maxY - listTop - 3))
        let empty = state.report == nil ? "Computing the report\(g.ellipsis)"
            : "No campaign has attributed revenue: no closed-won deal in the window has a touch."
        ListView(count: rows.count, cursor: state.attributionIndex, marksMoreRows: true)
            .draw(in: list, barX: inner.x, barWidth: inner.width, focused: true, empty: empty, glyphs: g, into: &grid) { i, y, grid in
                let campaign = rows[i]
                drawRow(campaign.name, models.map { state.credit($0, campaignID: campaign.id) }, table: table, y: y,
                        selected: selected, base: Style(.text), glyphs: g, into: &grid)
            }
        let y = listTop + min(rows.count, list.height)
        guard !rows.isEmpty, y + 1 < content.maxY else { return }
        grid.fill(Rect(x: content.x, y: y, width: content.width, height: 1), g.horizontal, style: Style(.border))
        let totals = models.map { state.derived.attributionTotals[$0] ?? 0 }
        drawRow("Total", totals, table: table, y: y + 1, selected: selected, base: Style(.title, bold: true), glyphs: g, into: &grid)
        // A column that does not add up to the attributed revenue would be an engine bug: show it.
        for (model, total) in zip(models, totals) where total != attribution.attributedRevenue {
            guard let p = table[.model(model)] else { continue }
            grid.restyle(Rect(x: p.x, y: y + 1, width: p.width, height: 1)) { $0.foreground = .negative }
        }
        if y + 2 < content.maxY {
            var note = "Each deal's amount is split over its touches; each column adds up to the attributed revenue."
            if models.count < state.attributionModels.count {
                note = "Models \(offset + 1)–\(offset + models.count) of \(state.attributionModels.count), h l for more. " + note
            }
            grid.clipped(state.emptyPeriodNotice ?? note, x: content.x, y: content.maxY - 1, width: content.width,
                         style: Style(state.emptyPeriodNotice == nil ? .muted : .warning), glyphs: g)
        }
    }

    static func drawRow(_ name: String, _ values: [Decimal], table: Table<Column>, y: Int, selected: String, base: Style,
                        glyphs: Glyphs, into grid: inout CellGrid) {
        var texts: [Column: String] = [.name: name]
        var styles: [Column: Style] = [:]
        for (p, value) in zip(table.placed.dropFirst(), values) {
            texts[p.id] = value == 0 ? "-" : amount(value, width: p.width)
            if value == 0 { styles[p.id] = Style(.muted) }
            else if p.id == .model(selected) { styles[p.id] = base.bolded() }
        }
        table.draw(texts, y: y, into: &grid, style: base, glyphs: glyphs, styles: styles)
    }
}
