import Foundation
import CampaignKit

/// A count or an amount, comparable and summable, formatted for a column.
public enum MetricValue: Hashable, Sendable, Comparable {
    case count(Int)
    case money(Decimal)

    public var decimal: Decimal {
        switch self {
        case .count(let n): return Decimal(n)
        case .money(let d): return d
        }
    }

    public static func < (a: MetricValue, b: MetricValue) -> Bool { a.decimal < b.decimal }

    public static func + (a: MetricValue, b: MetricValue) -> MetricValue {
        switch (a, b) {
        case (.count(let x), .count(let y)): return .count(x + y)
        default: return .money(a.decimal + b.decimal)
        }
    }

    /// Grouped digits; amounts in whole units (`15,250`), or cents when asked.
    public func formatted(cents: Bool = false) -> String {
        switch self {
        case .count(let n): return Format.grouped(n)
        case .money(let d): return cents ? Format.money(d) : Format.wholeMoney(d)
        }
    }
}

/// Number formatting for the views: fixed, locale-independent, grouped by thousands.
public enum Format {
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `15,250` (rounded half up to whole units).
    public static func wholeMoney(_ d: Decimal) -> String {
        var input = d, result = Decimal()
        NSDecimalRound(&result, &input, 0, .plain)
        return grouped(NSDecimalNumber(decimal: result).intValue)
    }

    /// `15,250.00`.
    public static func money(_ d: Decimal) -> String {
        if let cents = exactCents(d) {
            let whole = cents / 100, fraction = cents.magnitude % 100
            return (cents < 0 && whole == 0 ? "-" : "") + grouped(whole) + (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        let plain = Money.format(d)
        let parts = plain.split(separator: ".", maxSplits: 1)
        let whole = Int(parts[0]) ?? 0
        let sign = plain.hasPrefix("-") && whole == 0 ? "-" : ""
        return sign + grouped(whole) + "." + (parts.count > 1 ? String(parts[1]) : "00")
    }

    /// The amount in whole cents when it has at most two decimals (credits and revenue
    /// do): read from its significand and exponent, a hundred times cheaper than
    /// formatting the Decimal to text. Nil otherwise, for the rounding path.
    static func exactCents(_ d: Decimal) -> Int? {
        guard !d.isNaN, d.exponent >= -2, d.exponent <= 16 else { return nil }
        let significand = d.significand
        guard significand < 1_000_000_000_000_000 else { return nil }
        var cents = NSDecimalNumber(decimal: significand).intValue
        for _ in 0..<(d.exponent + 2) {
            let (product, overflow) = cents.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            cents = product
        }
        return d.sign == .minus ? -cents : cents
    }

    /// `12k`, `1.3M`: a number squeezed into a few columns.
    public static func compact(_ value: MetricValue) -> String {
        let d = NSDecimalNumber(decimal: value.decimal).doubleValue
        let m = abs(d)
        func one(_ x: Double, _ unit: String) -> String {
            (x < 10 ? String(format: "%.1f", x) : String(format: "%.0f", x)) + unit
        }
        if m >= 1_000_000_000 { return one(d / 1_000_000_000, "G") }
        if m >= 1_000_000 { return one(d / 1_000_000, "M") }
        if m >= 10_000 { return one(d / 1_000, "k") }
        return value.formatted()
    }

    /// The value as wide as it fits: grouped, else compact.
    public static func fitting(_ value: MetricValue, width: Int) -> String {
        let full = value.formatted()
        return full.count <= width ? full : compact(value)
    }
}
