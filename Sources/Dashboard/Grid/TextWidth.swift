/// How many terminal columns text takes: 2 for East Asian wide and emoji
/// characters, 0 for control characters, 1 otherwise (a close-enough wcwidth).
extension Character {
    public var terminalWidth: Int {
        guard let scalar = unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x7F { return 1 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}

extension StringProtocol {
    /// Terminal columns the text takes. ASCII text (most of a frame) is counted byte by
    /// byte, without splitting it into characters and looking up their Unicode properties.
    public var terminalWidth: Int {
        var width = 0
        for byte in utf8 {
            if byte >= 0x80 { return reduce(0) { $0 + $1.terminalWidth } }
            if byte >= 0x20 && byte != 0x7F { width += 1 }
        }
        return width
    }
}
