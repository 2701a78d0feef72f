import SafeText

/// A one-line text being typed, edited as a shell's line is (readline's keys): a
/// cursor that moves by characters and words, deletions around it, and pastes.
///
/// Only characters that show as themselves get in, typed or pasted: no control or
/// invisible character can reach a name or a filter.
public struct TextField: Hashable, Sendable {
    /// At most this many characters: a name or a filter, not a document.
    public static let capacity = 256

    /// Setting it puts the cursor after it.
    public var text: String { didSet { cursor = text.count } }
    /// Where typing goes, in characters from the start: 0 before the first, `text.count` after the last.
    public private(set) var cursor: Int

    /// A field holding `text`, the cursor after it.
    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Applies an editing key; false when the key is not an editing key.
    ///
    /// Left/Right, Ctrl-B/F move by a character; Alt-B/F by a word; Home/End, Ctrl-A/E
    /// to either end. Backspace deletes before the cursor, Delete and Ctrl-D under it;
    /// Ctrl-W the word before it (up to a blank), Alt-D the word after it; Ctrl-U
    /// everything before it, Ctrl-K everything after it.
    public mutating func handle(_ key: Key) -> Bool {
        let characters = Array(text)
        switch key {
        case .char(let c) where Self.showsAsItself(c): insert(String(c))
        case .paste(let pasted): insert(Self.line(fromPaste: pasted))
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .alt("b"): cursor = Self.wordStart(before: cursor, in: characters)
        case .alt("f"): cursor = Self.wordEnd(after: cursor, in: characters)
        case .backspace: if cursor > 0 { delete(cursor - 1..<cursor) }
        case .delete, .ctrl("d"): if cursor < characters.count { delete(cursor..<cursor + 1) }
        case .ctrl("w"): delete(Self.blankSeparatedWordStart(before: cursor, in: characters)..<cursor)
        case .alt("d"): delete(cursor..<Self.wordEnd(after: cursor, in: characters))
        case .ctrl("u"): delete(0..<cursor)
        case .ctrl("k"): delete(cursor..<characters.count)
        default: return false
        }
        return true
    }

    /// Whether a character may be typed: it shows as itself on a terminal.
    public static func showsAsItself(_ character: Character) -> Bool {
        let text = String(character)
        return TerminalText.line(text) == text
    }

    /// A paste as one line: each run of line breaks and tabs becomes one space (none at
    /// either end), and characters that would not show as themselves are dropped, so a
    /// pasted Esc or any other control character never gets in.
    public static func line(fromPaste pasted: String) -> String {
        String(pasted.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ").filter(showsAsItself))
    }

    /// Inserts at the cursor what room is left for, and moves the cursor after it.
    private mutating func insert(_ inserted: String) {
        let characters = Array(text)
        let room = max(0, Self.capacity - characters.count)
        let before = String(characters[..<cursor]) + inserted.prefix(room)
        text = before + String(characters[cursor...])
        // Characters can join across the seam (two halves of a flag): the cursor stays within the text.
        cursor = min(before.count, text.count)
    }

    private mutating func delete(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        var characters = Array(text)
        characters.removeSubrange(range)
        text = String(characters)
        cursor = range.lowerBound
    }

    /// Letters and digits make words for Alt-B, Alt-F and Alt-D.
    private static func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber }

    /// Alt-B: back over what is not a word, then over the word.
    static func wordStart(before cursor: Int, in characters: [Character]) -> Int {
        var i = cursor
        while i > 0, !isWord(characters[i - 1]) { i -= 1 }
        while i > 0, isWord(characters[i - 1]) { i -= 1 }
        return i
    }

    /// Alt-F: forward over what is not a word, then over the word.
    static func wordEnd(after cursor: Int, in characters: [Character]) -> Int {
        var i = cursor
        while i < characters.count, !isWord(characters[i]) { i += 1 }
        while i < characters.count, isWord(characters[i]) { i += 1 }
        return i
    }

    /// Ctrl-W: back over blanks, then over everything up to the next blank.
    static func blankSeparatedWordStart(before cursor: Int, in characters: [Character]) -> Int {
        var i = cursor
        while i > 0, characters[i - 1].isWhitespace { i -= 1 }
        while i > 0, !characters[i - 1].isWhitespace { i -= 1 }
        return i
    }
}

extension TextField {
    /// Draws the field in `width` columns from (`x`, `y`) and returns the columns written.
    ///
    /// With a `cursor` glyph (the field is being typed in) the cursor shows at its place:
    /// the glyph after the last character, else the character under the cursor reversed.
    /// When the text does not fit, the part around the cursor shows, with the cursor in
    /// the last column once it is that far right; without a cursor, the start shows.
    @discardableResult
    public func draw(x: Int, y: Int, width: Int, style: Style, cursor glyph: Character?, into grid: inout CellGrid) -> Int {
        guard width > 0 else { return 0 }
        let characters = Array(text)
        let widths = characters.map { DisplayWidth.of($0) }
        var first = 0
        if glyph != nil {
            // The cursor's own cell: the glyph's column after the text, else the character under it.
            var used = cursor < characters.count ? widths[cursor] : 1
            first = cursor
            while first > 0, used + widths[first - 1] <= width {
                used += widths[first - 1]
                first -= 1
            }
        }
        var column = x
        for index in first..<characters.count {
            guard column + widths[index] <= x + width else { return column - x }
            let shown = glyph != nil && index == cursor ? style.reversed() : style
            column += grid.put(String(characters[index]), x: column, y: y, style: shown, limit: x + width - column)
        }
        if let glyph, cursor == characters.count, column < x + width {
            column += grid.put(String(glyph), x: column, y: y, style: style, limit: 1)
        }
        return column - x
    }
}
