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

    private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
    0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
    0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
    0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
    0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x2E99,
    0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x2FFB, 0x3000...0x3029, 0x302E...0x303E, 0x3041...0x3096,
    0x309B...0x30FF, 0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E3, 0x31F0...0x321E, 0x3220...0xA48C,
    0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFA6D, 0xFA70...0xFAD9, 0xFE10...0xFE19,
    0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE3,
    0x16FF0...0x16FF1, 0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08, 0x1AFF0...0x1AFF3,
    0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE, 0x1B000...0x1B122, 0x1B150...0x1B152, 0x1B164...0x1B167,
    0x1B170...0x1B2FB, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
    0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265,
    0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
    0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440,
    0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A,
    0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC,
    0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DD...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
    0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
    0x1FA70...0x1FA74, 0x1FA78...0x1FA7C, 0x1FA80...0x1FA86, 0x1FA90...0x1FAAC, 0x1FAB0...0x1FABA,
    0x1FAC0...0x1FAC5, 0x1FAD0...0x1FAD9, 0x1FAE0...0x1FAE7, 0x1FAF0...0x1FAF6, 0x20000...0x2A6DF,
    0x2A700...0x2B738, 0x2B740...0x2B81D, 0x2B820...0x2CEA1, 0x2CEB0...0x2EBE0, 0x2F800...0x2FA1D,
    0x30000...0x3134A,
    ]
}

extension StringProtocol {
    /// Terminal columns the text takes once cleaned (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}

extension Character {
    /// Terminal columns the character takes once cleaned (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}
