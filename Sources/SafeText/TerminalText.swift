/// Text made safe to write to a terminal: whatever a string holds, what is
/// written shows as itself and never commands the terminal.
///
/// Data reaches people through terminals, and data comes from anyone: a utm
/// value is whatever a visitor put in a URL, percent-decoded, so it can hold
/// ESC and the rest of an escape sequence (OSC 52 writes the clipboard). Every
/// text surface (CLI tables, explanations, messages and errors, the dashboard's
/// cells) cleans what it writes with this one function, so nothing that came
/// from data is ever emitted raw:
/// - C0 controls and DEL show as their Control Pictures (ESC as `␛`, LF as `␊`);
/// - every other character that would not show as itself (C1 controls, bidi
///   overrides, embeddings, isolates and marks, zero-width spaces and joiners,
///   line and paragraph separators, the byte order mark, unassigned code points
///   and noncharacters) shows as `<U+200B>`, so a value that differs from another
///   by an invisible character can be told apart;
/// - a zero-width joiner, a variation selector and tag characters stay inside an
///   emoji sequence (👩‍💻, 🏴󠁧󠁢󠁳󠁣󠁴󠁿), where they are what makes the picture;
/// - a combining mark with nothing to combine with (at the start, or after a
///   character shown as a stand-in) is shown on a dotted circle (`◌́`), and a
///   lone Hangul medial or final jamo as `<U+1161>`, so neither can reach into
///   the text written before it.
public enum TerminalText {
    /// One line of text: no character of it moves the cursor, newlines included.
    public static func line(_ text: some StringProtocol) -> String {
        clean(text, keepingNewlines: false)
    }

    /// Text of several lines: LF is kept, everything else is cleaned as in `line`
    /// (a CR shows as `␍`: it could overwrite what the line already shows).
    public static func lines(_ text: some StringProtocol) -> String {
        clean(text, keepingNewlines: true)
    }

    /// Whether `text` is already clean for one line: printable ASCII only (most text is,
    /// and is then returned without looking at characters).
    public static func isPlainASCII(_ text: some StringProtocol) -> Bool {
        if let string = text as? String { return isPlainASCII(string) }
        return text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `isPlainASCII` on a string's contiguous bytes: the generic walk through a view
    /// costs ten times as much, and a report's table asks for every cell.
    public static func isPlainASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
    }

    /// Whether a scalar would not show as itself on a terminal (see the type's
    /// documentation); such scalars are escaped in JSON output too.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return true }
        if v < 0x7F { return false }
        if scalar.properties.isNoncharacterCodePoint { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate: return true
        default: return false
        }
    }

    /// What stands for an invisible scalar: its Control Picture for C0 and DEL, else `<U+XXXX>`.
    public static func standIn(for scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        if v < 0x20 { return String(Unicode.Scalar(0x2400 + v)!) }
        if v == 0x7F { return "\u{2421}" }
        let hex = String(v, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    private static func clean(_ text: some StringProtocol, keepingNewlines: Bool) -> String {
        if isPlainASCII(text) { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text { append(character, to: &out, keepingNewlines: keepingNewlines) }
        return out
    }

    /// Appends one grapheme cluster, cleaned.
    private static func append(_ character: Character, to out: inout String, keepingNewlines: Bool) {
        if character == "\n" && keepingNewlines { out.append("\n"); return }
        if character.utf8.count == 1 {
            let byte = character.utf8.first!
            if byte >= 0x20 && byte < 0x7F { out.append(character) } else { out += standIn(for: Unicode.Scalar(byte)) }
            return
        }
        // Joiners hold a picture together only up to the first stand-in or dotted circle: after
        // it they join nothing, and kept they would start a cluster that is no emoji when the
        // cleaned text is cleaned again (`1️⃣`, ZWNJ, a keycap, ZWJ), which must change nothing.
        var joining = EmojiSequence.isEmoji(character)
        var needsBase = true
        for scalar in character.unicodeScalars {
            if keepingNewlines && scalar == "\n" { out.append("\n"); needsBase = true; joining = false; continue }
            if joining && !needsBase && EmojiSequence.isJoiner(scalar) { out.unicodeScalars.append(scalar); continue }
            if isInvisible(scalar) {
                out += standIn(for: scalar)
                needsBase = true
                joining = false
                continue
            }
            if needsBase && DisplayWidth.of(scalar) == 0 {
                // A combining mark goes on a dotted circle; a lone Hangul medial or final
                // jamo is no mark to carry, and would join the text before it: shown as a code.
                let category = scalar.properties.generalCategory
                joining = false
                guard category == .nonspacingMark || category == .enclosingMark else {
                    out += standIn(for: scalar)
                    continue
                }
                out.unicodeScalars.append("\u{25CC}")
            }
            out.unicodeScalars.append(scalar)
            needsBase = false
        }
    }
}

/// Emoji sequences: a grapheme cluster drawn as one picture two columns wide.
public enum EmojiSequence {
    /// Whether the cluster is an emoji picture: it starts with an emoji shown as
    /// a picture by default, or with an emoji that asks for picture presentation
    /// (U+FE0F; keycaps too). A lone regional indicator counts (half a flag).
    public static func isEmoji(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return false }
        if first.value < 0x80 && scalars.count == 1 { return false }
        if first.properties.isEmojiPresentation { return true }
        guard first.properties.isEmoji else { return false }
        return scalars.contains { $0.value == 0xFE0F }
    }

    /// The scalars that hold an emoji sequence together and show nothing themselves:
    /// the zero-width joiner, variation selectors and tag characters.
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0xE0020...0xE007F).contains(v)
    }
}
