import SafeText

/// A width × height screen of cells that views draw into.
///
/// Every write is clipped to the grid (and to an optional rectangle), so a
/// view can never crash by drawing outside it, whatever the terminal's size.
public struct CellGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// A cell. Writing over half of a two-column character blanks its other half,
    /// as a terminal does, so a popup's edge drawn across a wide character never
    /// leaves half of it behind.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : .blank }
        set {
            guard contains(x, y) else { return }
            let i = y * width + x
            let old = cells[i]
            if old.isContinuation, !newValue.isContinuation, x > 0 { cells[i - 1] = Cell(" ", style: cells[i - 1].style) }
            if !old.isContinuation, x + 1 < width, cells[i + 1].isContinuation { cells[i + 1] = Cell(" ", style: cells[i + 1].style) }
            cells[i] = newValue
        }
    }

    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Fills a rectangle with one character in one style.
    public mutating func fill(_ rect: Rect, _ character: Character = " ", style: Style = .plain) {
        for y in rect.y..<rect.maxY { for x in rect.x..<rect.maxX { self[x, y] = Cell(character, style: style) } }
    }

    /// Restyles a rectangle, keeping its characters (a selection bar).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX where contains(x, y) { change(&cells[y * width + x].style) }
        }
    }

    /// Writes text from (x, y), never past `limit` columns nor the grid's edge.
    /// Returns the number of columns written.
    ///
    /// The text is cleaned for the terminal first (`TerminalText.line`): a control
    /// character shows as its picture (`␛`), an invisible one as `<U+200B>`, so data
    /// can neither command the terminal nor take columns the grid does not count.
    /// A wide character takes its cell and a continuation cell; an accent rides in
    /// its letter's cell; an emoji sequence is one cell two columns wide.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        let end = min(width, x + (limit ?? width))
        var column = x
        if TerminalText.isPlainASCII(text) {
            for byte in text.utf8 {
                if column >= end { break }
                if column >= 0 { self[column, y] = Cell(Character(Unicode.Scalar(byte)), style: style) }
                column += 1
            }
            return max(0, column - x)
        }
        for cluster in TerminalText.line(text) {
            for cell in DisplayWidth.cells(ofCleanCluster: cluster) {
                if column + cell.width > end { return max(0, column - x) }
                if column >= 0 {
                    self[column, y] = Cell(cell.character, style: style)
                    if cell.width == 2 { self[column + 1, y] = Cell(" ", style: style, isContinuation: true) }
                }
                column += cell.width
            }
        }
        return max(0, column - x)
    }

    /// The grid as lines of text, trailing spaces trimmed (what tests compare).
    public var text: String {
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// One row as text, trailing spaces kept.
    public func line(_ y: Int) -> String {
        var line = ""
        for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].character) }
        return line
    }
}
