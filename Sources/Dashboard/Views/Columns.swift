/// Table columns fitted to a width: fixed columns keep their width, flexible
/// ones share what is left, and when space runs out the columns with the
/// lowest priority go first.
struct Columns {
    struct Spec {
        var title: String
        var width: Int
        var flex: Bool = false
        var right: Bool = false
        /// Higher stays longer; 0 never goes.
        var priority: Int = 0
    }

    struct Placed {
        var spec: Spec
        var x: Int
        var width: Int
        var right: Int { x + width }
    }

    let placed: [Placed]

    /// Specs in display order, `x` and `width` the space inside the pane, one blank between columns.
    init(_ specs: [Spec], x: Int, width: Int) {
        var kept = specs
        func needed(_ s: [Spec]) -> Int { s.reduce(0) { $0 + $1.width } + max(0, s.count - 1) }
        while needed(kept) > width,
              let drop = kept.indices.filter({ kept[$0].priority > 0 }).min(by: { kept[$0].priority < kept[$1].priority }) {
            kept.remove(at: drop)
        }
        let flexCount = kept.filter(\.flex).count
        var spare = max(0, width - needed(kept))
        var column = x
        var out: [Placed] = []
        var flexSeen = 0
        for spec in kept {
            var w = spec.width
            if spec.flex {
                flexSeen += 1
                let share = flexSeen == flexCount ? spare : spare / max(1, flexCount - flexSeen + 1)
                w += share
                spare -= share
            }
            w = min(w, max(0, x + width - column))
            out.append(Placed(spec: spec, x: column, width: w))
            column += w + 1
        }
        placed = out
    }

    func column(_ title: String) -> Placed? { placed.first { $0.spec.title == title } }

    /// Draws one row of cells; `texts` by column title, missing ones stay blank.
    func draw(_ texts: [String: String], y: Int, into grid: inout CellGrid, style: Style, glyphs: Glyphs,
              styles: [String: Style] = [:]) {
        for p in placed {
            guard let text = texts[p.spec.title] else { continue }
            let s = styles[p.spec.title] ?? style
            if p.spec.right { grid.rightAligned(text, right: p.right, y: y, width: p.width, style: s, glyphs: glyphs) }
            else { grid.clipped(text, x: p.x, y: y, width: p.width, style: s, glyphs: glyphs) }
        }
    }

    /// The header row: titles in the header style.
    func drawHeader(y: Int, into grid: inout CellGrid, glyphs: Glyphs, marks: [String: String] = [:]) {
        var texts: [String: String] = [:]
        for p in placed { texts[p.spec.title] = p.spec.title + (marks[p.spec.title] ?? "") }
        draw(texts, y: y, into: &grid, style: Style(.header), glyphs: glyphs)
    }
}
