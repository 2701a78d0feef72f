import SafeText

/// Drawing helpers shared by every view.
extension CellGrid {
    /// A box around `rect` with a title in its top border.
    public mutating func box(_ rect: Rect, title: String = "", glyphs: Glyphs, border: Style, titleStyle: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x + 1..<right {
            self[x, rect.y] = Cell(glyphs.horizontal, style: border)
            self[x, bottom] = Cell(glyphs.horizontal, style: border)
        }
        for y in rect.y + 1..<bottom {
            self[rect.x, y] = Cell(glyphs.vertical, style: border)
            self[right, y] = Cell(glyphs.vertical, style: border)
        }
        self[rect.x, rect.y] = Cell(glyphs.topLeft, style: border)
        self[right, rect.y] = Cell(glyphs.topRight, style: border)
        self[rect.x, bottom] = Cell(glyphs.bottomLeft, style: border)
        self[right, bottom] = Cell(glyphs.bottomRight, style: border)
        if !title.isEmpty, rect.width > 4 {
            let room = rect.width - 4
            put(" ", x: rect.x + 1, y: rect.y, style: border)
            let written = clipped(title, x: rect.x + 2, y: rect.y, width: room, style: titleStyle, glyphs: glyphs)
            put(" ", x: rect.x + 2 + written, y: rect.y, style: border)
        }
    }

    /// Text cut to `width` columns, ending in an ellipsis when it does not fit.
    @discardableResult
    public mutating func clipped(_ text: String, x: Int, y: Int, width: Int, style: Style, glyphs: Glyphs) -> Int {
        put(Self.fit(text, width: width, ellipsis: glyphs.ellipsis), x: x, y: y, style: style, limit: width)
    }

    /// Text right-aligned so that it ends at column `right` (exclusive).
    @discardableResult
    public mutating func rightAligned(_ text: String, right: Int, y: Int, width: Int, style: Style, glyphs: Glyphs) -> Int {
        let fitted = Self.fit(text, width: width, ellipsis: glyphs.ellipsis)
        return put(fitted, x: right - fitted.displayWidth, y: y, style: style, limit: width)
    }

    /// Text cleaned for the terminal and cut to `width` columns, with an ellipsis
    /// as its last column when cut.
    public static func fit(_ text: String, width: Int, ellipsis: Character) -> String {
        guard width > 0 else { return "" }
        let clean = TerminalText.line(text)
        if DisplayWidth.columns(ofClean: clean) <= width { return clean }
        var out = ""
        var used = 0
        for character in clean {
            let w = DisplayWidth.columns(ofCleanCluster: character)
            if used + w > width - 1 { break }
            out.append(character); used += w
        }
        out.append(ellipsis)
        return out
    }

    /// A one-row sparkline of `values` in `width` columns: the last values
    /// when there are more than columns, left-padded with blanks when fewer.
    public mutating func sparkline(_ values: [Int], x: Int, y: Int, width: Int, style: Style, glyphs: Glyphs) {
        guard width > 0 else { return }
        let shown = Array(values.suffix(width))
        let maximum = shown.max() ?? 0
        let start = x + width - shown.count
        for (i, v) in shown.enumerated() { self[start + i, y] = Cell(glyphs.level(v, of: maximum), style: style) }
    }

    /// A vertical bar chart filling `rect`: one column per value, eighth-block
    /// tops, values bucketed when there are more of them than columns.
    public mutating func barChart(_ values: [Int], in rect: Rect, style: Style, glyphs: Glyphs) {
        guard !rect.isEmpty, !values.isEmpty else { return }
        let columns = Self.bucket(values, into: rect.width)
        let maximum = columns.max() ?? 0
        guard maximum > 0 else { return }
        let eighths = rect.height * 8
        let span = Self.barWidth(count: columns.count, width: rect.width)
        for (i, v) in columns.enumerated() where v > 0 {
            let h = max(1, v * eighths / maximum)
            let full = h / 8, rest = h % 8
            for x in rect.x + i * span..<rect.x + i * span + span {
                for row in 0..<full { self[x, rect.maxY - 1 - row] = Cell(glyphs.fullBlock, style: style) }
                if rest > 0, full < rect.height { self[x, rect.maxY - 1 - full] = Cell(glyphs.levels[rest - 1], style: style) }
            }
        }
    }

    /// Columns per bar: few values get wider bars (up to 3 columns), so a short window still fills the chart.
    public static func barWidth(count: Int, width: Int) -> Int {
        guard count > 0 else { return 1 }
        return max(1, min(3, width / count))
    }

    /// Sums consecutive values into at most `count` buckets of equal span.
    public static func bucket(_ values: [Int], into count: Int) -> [Int] {
        guard count > 0, values.count > count else { return values }
        var out = Array(repeating: 0, count: count)
        for (i, v) in values.enumerated() { out[i * count / values.count] += v }
        return out
    }
}
