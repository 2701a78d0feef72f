import Foundation
import Attribution

/// Tab 4 (R18): campaigns × attribution models, each cell the campaign's
/// credit under the model, a totals row that is the attributed revenue, the
/// unattributed deals on top. Model columns that do not fit scroll with `h` `l`.
enum AttributionView {
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
        let offset = Layout.scrollOffset(cursor: state.selectedModelIndex, rows: count, count: models.count)
        return (models[offset..<offset + count], offset)
    }

    /// An amount in cents when it fits the column, else whole units, else compact.
    static func amount(_ value: Decimal, width: Int) -> String {
        let cents = Format.money(value)
        return cents.count <= width ? cents : Format.fitting(.money(value), width: width)
    }

    static func draw(_ state: DashboardState, in rect: Rect, into grid: inout CellGrid) {
        let g = state.glyphs
        Screen.frame(rect, title: "Attribution models (R18)", focused: true, glyphs: g, into: &grid)
        let inner = rect.inset(1)
        guard inner.height > 2, inner.width > 2 else { return }
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let rows = state.attributionCampaigns
        let attribution = state.report?.attribution ?? AttributionReport()

        // The window, then what was attributed and what could not be.
        let window = "Window  \(state.windowPreset.label(campaignName: state.windowCampaign?.name)) \(g.separator) "
            + "\(state.window.rangeText(arrow: g.arrowRight)) \(g.separator) \(state.window.zoneName)"
        let used = grid.put(window, x: content.x, y: content.y, style: Style(.title, bold: true), limit: content.width)
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
        let specs = [Columns.Spec(title: "Campaign", width: nameWidth, flex: true)]
            + models.map { Columns.Spec(title: $0, width: modelWidth, right: true) }
        let table = Columns(specs, x: content.x, width: content.width)
        let headerY = content.y + 3
        let selected = state.selectedModel
        for p in table.placed {
            let isModel = p.spec.right
            var text = p.spec.title
            if state.attributionSort.model == nil, !isModel { text += " " + String(g.arrowUp) }
            if isModel, state.attributionSort.model == text {
                let mark = String(state.attributionSort.descending ? g.arrowDown : g.arrowUp)
                text = mark + CellGrid.fit(text, width: p.width - 1, ellipsis: g.ellipsis)
            }
            let style = isModel && p.spec.title == selected
                ? Style(.header, on: .selection, bold: true, underline: true) : Style(.header, bold: true)
            if isModel { grid.rightAligned(text, right: p.right, y: headerY, width: p.width, style: style, glyphs: g) }
            else { grid.clipped(text, x: p.x, y: headerY, width: p.width, style: style, glyphs: g) }
        }
        if rows.isEmpty {
            let text = state.report == nil ? "Computing the report\(g.ellipsis)"
                : "No campaign has attributed revenue: no closed-won deal in the window has a touch."
            grid.clipped(text, x: content.x, y: headerY + 2, width: content.width, style: Style(.muted), glyphs: g)
            return
        }

        // Rows, then a rule, the totals and a note at the bottom.
        let listTop = headerY + 1
        let listRows = max(1, content.maxY - listTop - 3)
        let cursor = state.attributionIndex
        let scroll = Layout.scrollOffset(cursor: cursor, rows: listRows, count: rows.count)
        var y = listTop
        for (i, campaign) in rows.enumerated().dropFirst(scroll).prefix(listRows) {
            drawRow(campaign.name, models.map { state.credit($0, campaignID: campaign.id) }, table: table, y: y,
                    selected: selected, base: Style(.text), glyphs: g, into: &grid)
            if i == cursor { Screen.highlight(Rect(x: inner.x, y: y, width: inner.width, height: 1), focused: true, into: &grid) }
            y += 1
        }
        guard y + 1 < content.maxY else { return }
        grid.fill(Rect(x: content.x, y: y, width: content.width, height: 1), g.horizontal, style: Style(.border))
        let totals = models.map { state.derived.attributionTotals[$0] ?? 0 }
        drawRow("Total", totals, table: table, y: y + 1, selected: selected, base: Style(.title, bold: true), glyphs: g, into: &grid)
        // A column that does not add up to the attributed revenue would be an engine bug: show it.
        for (p, total) in zip(table.placed.dropFirst(), totals) where total != attribution.attributedRevenue {
            grid.restyle(Rect(x: p.x, y: y + 1, width: p.width, height: 1)) { $0.foreground = .negative }
        }
        if y + 2 < content.maxY {
            var note = "Each deal's amount is split over its touches; each column adds up to the attributed revenue."
            if models.count < state.attributionModels.count {
                note = "Models \(offset + 1)–\(offset + models.count) of \(state.attributionModels.count), h l for more. " + note
            }
            grid.clipped(note, x: content.x, y: content.maxY - 1, width: content.width, style: Style(.muted), glyphs: g)
        }
    }

    static func drawRow(_ name: String, _ values: [Decimal], table: Columns, y: Int, selected: String, base: Style,
                        glyphs: Glyphs, into grid: inout CellGrid) {
        var texts = ["Campaign": name]
        var styles: [String: Style] = [:]
        for (p, value) in zip(table.placed.dropFirst(), values) {
            texts[p.spec.title] = value == 0 ? "-" : amount(value, width: p.width)
            if value == 0 { styles[p.spec.title] = Style(.muted) }
            else if p.spec.title == selected { styles[p.spec.title] = base.bolded() }
        }
        table.draw(texts, y: y, into: &grid, style: base, glyphs: glyphs, styles: styles)
    }
}
