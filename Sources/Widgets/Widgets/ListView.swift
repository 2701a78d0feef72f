/// A scrolled list of rows with a cursor: which rows show, the selection bar on the
/// cursor's row, and the message of an empty list. The rows themselves are the
/// caller's: it draws each one where the list says.
public struct ListView: Hashable, Sendable {
    public var count: Int
    public var cursor: Int
    /// Marks the first and last rows shown when more rows lie above or below, in the last
    /// column of the selection bar's span (`markMoreRows`).
    public var marksMoreRows: Bool

    public init(count: Int, cursor: Int, marksMoreRows: Bool = false) {
        self.count = count; self.cursor = cursor; self.marksMoreRows = marksMoreRows
    }

    /// The first row to show in `rows` rows so that the cursor is in view.
    public func offset(rows: Int) -> Int { Self.offset(cursor: cursor, rows: rows, count: count) }

    /// The first of `count` rows to show in `rows` rows so that `cursor` is in view.
    public static func offset(cursor: Int, rows: Int, count: Int) -> Int {
        guard rows > 0, count > rows else { return 0 }
        return min(max(0, cursor - rows + 1), count - rows)
    }

    /// "3 of 12": the cursor's place, for a title or a footer.
    public var position: String { count == 0 ? "0 of 0" : "\(min(cursor, count - 1) + 1) of \(count)" }

    /// Draws the rows that fit in `rect`, one per line: `row(index, y, &grid)` draws
    /// row `index` at `y`, then the selection bar is painted under the cursor's row
    /// (from `barX`, `barWidth` wide; the rect's own span by default). An empty list
    /// shows `empty` on the rect's second line. The marks of more rows go in the bar's
    /// last column: a caller whose bar reaches one column past `rect` keeps them off its rows.
    public func draw(in rect: Rect, barX: Int? = nil, barWidth: Int? = nil, focused: Bool, empty: String,
                     glyphs: Glyphs, into grid: inout CellGrid, row: (Int, Int, inout CellGrid) -> Void) {
        guard rect.height > 0 else { return }
        if count == 0 {
            grid.clipped(empty, x: rect.x, y: rect.y + 1, width: rect.width, style: Style(.muted), glyphs: glyphs)
            return
        }
        let first = offset(rows: rect.height)
        let last = min(count, first + rect.height)
        for index in first..<last {
            let y = rect.y + index - first
            row(index, y, &grid)
            if index == cursor {
                Self.highlight(Rect(x: barX ?? rect.x, y: y, width: barWidth ?? rect.width, height: 1), focused: focused, into: &grid)
            }
        }
        if marksMoreRows, rect.width > 0 {
            Self.markMoreRows(above: first > 0, below: last < count, x: (barX ?? rect.x) + (barWidth ?? rect.width) - 1,
                              top: rect.y, bottom: rect.y + last - first - 1, style: Style(.muted), glyphs: glyphs, into: &grid)
        }
    }

    /// The marks of a scrolled list: ▲ at (`x`, `top`) when rows lie above the first one
    /// shown, ▼ at (`x`, `bottom`) when rows lie below the last. Every list puts them in a
    /// column its rows leave free, so that they never stand in for a row's last character
    /// (a revenue of 867,110 read as 867,11 with the mark over its 0).
    public static func markMoreRows(above: Bool, below: Bool, x: Int, top: Int, bottom: Int, style: Style,
                                    glyphs: Glyphs, into grid: inout CellGrid) {
        if above { grid[x, top] = Cell(glyphs.arrowUp, style: style) }
        if below { grid[x, bottom] = Cell(glyphs.arrowDown, style: style) }
    }

    /// The style of a row: the selection bar where the cursor is (bold only when the list has not the focus).
    public static func rowStyle(_ base: Style, selected: Bool, focused: Bool) -> Style {
        guard selected else { return base }
        return focused ? base.on(.selection) : base.bolded()
    }

    /// Paints the selection bar under a row, keeping its characters.
    public static func highlight(_ rect: Rect, focused: Bool, into grid: inout CellGrid) {
        grid.restyle(rect) { style in style = rowStyle(style, selected: true, focused: focused) }
    }
}
