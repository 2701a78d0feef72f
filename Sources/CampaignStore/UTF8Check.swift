/// Finds the first byte that is not part of well-formed UTF-8, or is a
/// control character: NUL and the other C0 controls but tab, LF and CR, DEL,
/// and the C1 controls (U+0080–U+009F). Text holds none of them, and a cell
/// holding ESC would drive the terminal of whoever prints it.
enum UTF8Check {
    static func firstInvalidOffset(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var i = start
        while i < end {
            // Eight printable ASCII bytes at a time: no high bit, none below 0x20, no DEL.
            if i + 8 <= end {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let below20 = (w &- 0x2020_2020_2020_2020) & ~w & high
                let del = w ^ 0x7F7F_7F7F_7F7F_7F7F
                let hasDel = (del &- 0x0101_0101_0101_0101) & ~del & high
                if w & high == 0 && below20 == 0 && hasDel == 0 { i += 8; continue }
            }
            let b = p[i]
            if b < 0x80 {
                if (b < 0x20 && b != 9 && b != 10 && b != 13) || b == 0x7F { return i }
                i += 1
                continue
            }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2: need = 1; lo = 0xA0  // C2 80...C2 9F are the C1 controls
            case 0xC3...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            guard i + need < end else { return i }
            let b1 = p[i + 1]
            guard b1 >= lo, b1 <= hi else { return i }
            var k = 2
            while k <= need {
                guard p[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += need + 1
        }
        return nil
    }
}
