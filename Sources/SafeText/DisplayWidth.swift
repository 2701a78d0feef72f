/// How many terminal columns text takes, as `wcwidth` counts them (glibc 2.36,
/// Unicode 15): 2 for East Asian wide and fullwidth characters and emoji shown as
/// pictures, 0 for combining marks, format characters and Hangul's medial and
/// final jamo, 1 for everything else. An emoji sequence (👩‍💻, 🇳🇱, ❤️) is one
/// picture two columns wide.
///
/// Widths are of text as the terminal shows it, so they are measured on cleaned
/// text: an escape shows as `␛`, one column; a zero-width space as `<U+200B>`.
public enum DisplayWidth {
    /// The columns one scalar takes when printed on its own (never negative:
    /// controls count 0, but cleaned text holds none; U+00AD counts 1, as in glibc).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        if v < 0xA0 { return 0 }
        if v < 0x300 { return 1 }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) || v == 0x200B { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        return isWide(v) ? 2 : 1
    }

    /// The columns one grapheme cluster takes, cleaned as `TerminalText` cleans it.
    public static func of(_ character: Character) -> Int {
        // An ASCII character shows as itself or as its Control Picture: one column either way.
        if character.utf8.count == 1 { return 1 }
        return columns(ofClean: TerminalText.line(String(character)))
    }

    /// The columns text takes once cleaned.
    public static func of(_ text: some StringProtocol) -> Int {
        if TerminalText.isPlainASCII(text) { return text.utf8.count }
        return columns(ofClean: TerminalText.line(text))
    }

    /// The columns of text that is already clean (no control characters).
    public static func columns(ofClean text: some StringProtocol) -> Int {
        // Printable ASCII, most text: a column a byte, without walking grapheme clusters.
        if TerminalText.isPlainASCII(text) { return text.utf8.count }
        var width = 0
        for character in text { width += columns(ofCleanCluster: character) }
        return width
    }

    /// The columns of one clean grapheme cluster: 2 for an emoji picture, else the
    /// sum of its scalars' widths (a letter and its accents take one column).
    public static func columns(ofCleanCluster character: Character) -> Int {
        if character.utf8.count == 1 { return 1 }
        if EmojiSequence.isEmoji(character) { return 2 }
        return character.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// How a cell grid holds one clean grapheme cluster: an emoji picture in one
    /// cell two columns wide; any other cluster as one cell per scalar that takes
    /// columns, each with the zero-width scalars that follow it (its accents).
    /// A letter and its accents stay together; a run of spacing scalars that
    /// Unicode joins into one cluster (a Hangul syllable's jamo, an Indic conjunct)
    /// is laid out as a terminal counts it, column by column.
    public static func cells(ofCleanCluster character: Character) -> [(character: Character, width: Int)] {
        if character.utf8.count == 1 { return [(character, 1)] }
        if EmojiSequence.isEmoji(character) { return [(character, 2)] }
        var cells: [(character: Character, width: Int)] = []
        var piece = ""
        var width = 0
        func flush() {
            guard width > 0 else { return }
            // A piece is a base and its zero-width followers, which is one cluster; a
            // piece that is not one (it cannot happen in clean text) keeps its base only.
            let character = piece.count == 1 ? Character(piece) : Character(piece.unicodeScalars.first!)
            cells.append((character, width))
        }
        for scalar in character.unicodeScalars {
            let w = of(scalar)
            if w == 0 && width > 0 { piece.unicodeScalars.append(scalar); continue }
            flush()
            piece = String(scalar)
            width = w
        }
        flush()
        return cells
    }

    /// East Asian Wide and Fullwidth ranges, and emoji with picture presentation:
    /// the code points to which glibc 2.36's `wcwidth` gives 2 (listed by a program
    /// that asked it for every scalar), so the dashboard's grid and curses agree.
    static func isWide(_ v: UInt32) -> Bool {
        var low = 0, high = wideRanges.count
        while low < high {
            let mid = (low + high) / 2
            if wideRanges[mid].upperBound < v { low = mid + 1 } else { high = mid }
        }
        return low < wideRanges.count && wideRanges[low].contains(v)
    }

    private static let wideRanges: [ClosedRange<UInt32>] = wideTable.split(separator: " ").map { range in
        let bounds = range.split(separator: "-").map { UInt32($0, radix: 16)! }
        return bounds[0]...bounds[bounds.count - 1]
    }

    /// The ranges as hexadecimal `first-last` (or one code point), in order.
    private static let wideTable = "1100-115F 231A-231B 2329-232A 23E9-23EC 23F0 23F3 25FD-25FE 2614-2615 2648-2653 267F 2693 26A1 26AA-26AB 26BD-26BE 26C4-26C5 26CE 26D4 26EA 26F2-26F3 26F5 26FA 26FD 2705 270A-270B 2728 274C 274E 2753-2755 2757 2795-2797 27B0 27BF 2B1B-2B1C 2B50 2B55 2E80-2E99 2E9B-2EF3 2F00-2FD5 2FF0-2FFB 3000-3029 302E-303E 3041-3096 309B-30FF 3105-312F 3131-318E 3190-31E3 31F0-321E 3220-A48C A490-A4C6 A960-A97C AC00-D7A3 F900-FA6D FA70-FAD9 FE10-FE19 FE30-FE52 FE54-FE66 FE68-FE6B FF01-FF60 FFE0-FFE6 16FE0-16FE3 16FF0-16FF1 17000-187F7 18800-18CD5 18D00-18D08 1AFF0-1AFF3 1AFF5-1AFFB 1AFFD-1AFFE 1B000-1B122 1B150-1B152 1B164-1B167 1B170-1B2FB 1F004 1F0CF 1F18E 1F191-1F19A 1F200-1F202 1F210-1F23B 1F240-1F248 1F250-1F251 1F260-1F265 1F300-1F320 1F32D-1F335 1F337-1F37C 1F37E-1F393 1F3A0-1F3CA 1F3CF-1F3D3 1F3E0-1F3F0 1F3F4 1F3F8-1F43E 1F440 1F442-1F4FC 1F4FF-1F53D 1F54B-1F54E 1F550-1F567 1F57A 1F595-1F596 1F5A4 1F5FB-1F64F 1F680-1F6C5 1F6CC 1F6D0-1F6D2 1F6D5-1F6D7 1F6DD-1F6DF 1F6EB-1F6EC 1F6F4-1F6FC 1F7E0-1F7EB 1F7F0 1F90C-1F93A 1F93C-1F945 1F947-1F9FF 1FA70-1FA74 1FA78-1FA7C 1FA80-1FA86 1FA90-1FAAC 1FAB0-1FABA 1FAC0-1FAC5 1FAD0-1FAD9 1FAE0-1FAE7 1FAF0-1FAF6 20000-2A6DF 2A700-2B738 2B740-2B81D 2B820-2CEA1 2CEB0-2EBE0 2F800-2FA1D 30000-3134A"
}

extension StringProtocol {
    /// Terminal columns the text takes once cleaned (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}

extension Character {
    /// Terminal columns the character takes once cleaned (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}
