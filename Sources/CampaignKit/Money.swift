import Foundation

/// Exact decimal amounts: parsing, and rounding to cents half up (SPEC §8).
public enum Money {
    /// Parses `123`, `-4.5`, `1250.00`; nil for exponents, thousands separators or anything else.
    public static func parse(_ text: String) -> Decimal? {
        let b = Array(text.utf8)
        guard !b.isEmpty, b.count <= 40 else { return nil }
        var i = 0
        if b[0] == 45 || b[0] == 43 { i = 1 }
        var digitsBefore = 0, digitsAfter = 0, sawDot = false
        while i < b.count {
            let c = b[i]
            if c >= 48 && c <= 57 { if sawDot { digitsAfter += 1 } else { digitsBefore += 1 } }
            else if c == 46 && !sawDot { sawDot = true }
            else { return nil }
            i += 1
        }
        guard digitsBefore > 0, !sawDot || digitsAfter > 0 else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Rounds to two decimals, halves away from zero.
    public static func cents(_ value: Decimal) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 2, .plain)
        return result
    }

    /// `15250.00`: always two decimals, no grouping.
    public static func format(_ value: Decimal) -> String {
        let rounded = cents(value)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        var text = NSDecimalNumber(decimal: magnitude).stringValue
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < 2 { text += String(repeating: "0", count: 2 - decimals) }
        } else {
            text += ".00"
        }
        return (negative ? "-" : "") + text
    }
}
