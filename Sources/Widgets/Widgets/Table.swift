/// Table columns fitted to a width, each known by a typed id: fixed columns keep
/// their width, flexible ones share what is left, and when space runs out the
/// columns with the lowest priority go first.
///
/// A column is found by its id, never by its title, so two columns may carry the
/// same title (a custom attribution model named like a fixed column, say).
public struct Table<ID: Hashable & Sendable>: Sendable {
    public enum Alignment: Hashable, Sendable { case left, right }

    public struct Column: Sendable {
        public var id: ID
        public var title: String
        public var width: Int
        public var flex: Bool
        public var alignment: Alignment
        /// Higher stays longer; 0 never goes.
        public var priority: Int

        public init(_ id: ID, _ title: String, width: Int, flex: Bool = false, alignment: Alignment = .left, priority: Int = 0) {
            self.id = id; self.title = title; self.width = width; self.flex = flex; self.alignment = alignment; self.priority = priority
        }
    }

    /// A column where it landed: `x` and `width` in the grid.
    public struct Placed: Sendable {
        public var column: Column
        public var x: Int
        public var width: Int
        public var right: Int { x + width }
        public var id: ID { column.id }
    }

    public let placed: [Placed]

    /// Columns in display order, fitted to `width` columns from `x`, one blank between them.
    public init(_ columns: [Column], x: Int, width: Int) {
        var kept = columns
        func needed(_ c: [Column]) -> Int { c.reduce(0) { $0 + $1.width } + max(0, c.count - 1) }
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
            out.append(Placed(column: spec, x: column, width: w))
            column += w + 1
        }
        placed = out
    }

    /// The column with this id, if it fitted.
    public subscript(id: ID) -> Placed? { placed.first { $0.id == id } }

    /// Draws one row; `texts` by column id (missing ones stay blank), `styles` per column over `style`.
    public func draw(_ texts: [ID: String], y: Int, into grid: inout CellGrid, style: Style, glyphs: Glyphs,
                     styles: [ID: Style] = [:]) {
        for p in placed {
            guard let text = texts[p.id] else { continue }
            let s = styles[p.id] ?? style
            switch p.column.alignment {
            case .right: grid.rightAligned(text, right: p.right, y: y, width: p.width, style: s, glyphs: glyphs)
            case .left: grid.clipped(text, x: p.x, y: y, width: p.width, style: s, glyphs: glyphs)
            }
        }
    }

    /// The header row: each column's title (or `titles`' text for it), in the header
    /// style or its own of `styles`.
    public func drawHeader(y: Int, into grid: inout CellGrid, glyphs: Glyphs, titles: [ID: String] = [:],
                           style: Style = Style(.header), styles: [ID: Style] = [:]) {
        var texts: [ID: String] = [:]
        for p in placed { texts[p.id] = titles[p.id] ?? p.column.title }
        draw(texts, y: y, into: &grid, style: style, glyphs: glyphs, styles: styles)
    }
}
