import BigInt
import Foundation

/// An exact non-negative rational number, for the rare credits that fixed-point
/// sums cannot order (R18: "credits are exact until the end").
struct ExactFraction {
    var numerator: BigUInt
    var denominator: BigUInt

    static let zero = ExactFraction(numerator: 0, denominator: 1)

    init(numerator: BigUInt, denominator: BigUInt) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// A decimal amount, exactly (its plain digits over a power of ten).
    init(_ decimal: Decimal) {
        let text = NSDecimalNumber(decimal: decimal < 0 ? 0 : decimal).stringValue
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = BigUInt(String(parts[0])) ?? 0
        if parts.count == 2 {
            let fraction = String(parts[1])
            let scale = BigUInt(10).power(fraction.count)
            self.init(numerator: whole * scale + (BigUInt(fraction) ?? 0), denominator: scale)
        } else {
            self.init(numerator: whole, denominator: 1)
        }
    }

    /// A finite non-negative Double, exactly (subnormals and negatives count as 0).
    init(double d: Double) {
        guard d.isFinite, d >= Double.leastNormalMagnitude else { self = .zero; return }
        let mantissa = BigUInt(d.significandBitPattern | (1 << 52))
        let shift = Int(d.exponent) - 52
        if shift >= 0 {
            self.init(numerator: mantissa << shift, denominator: 1)
        } else {
            self.init(numerator: mantissa, denominator: BigUInt(1) << -shift)
            reduce()
        }
    }

    func times(_ other: ExactFraction) -> ExactFraction {
        var r = ExactFraction(numerator: numerator * other.numerator, denominator: denominator * other.denominator)
        r.reduce()
        return r
    }

    /// `self / other`; `other` must not be zero.
    func over(_ other: ExactFraction) -> ExactFraction {
        var r = ExactFraction(numerator: numerator * other.denominator, denominator: denominator * other.numerator)
        r.reduce()
        return r
    }

    static func + (a: ExactFraction, b: ExactFraction) -> ExactFraction {
        if a.denominator == b.denominator { return ExactFraction(numerator: a.numerator + b.numerator, denominator: a.denominator) }
        var sum = ExactFraction(numerator: a.numerator * b.denominator + b.numerator * a.denominator,
                                denominator: a.denominator * b.denominator)
        sum.reduce()
        return sum
    }

    /// `self × n / d` for whole n, d (d > 0).
    func scaled(by n: Int128, over d: Int128) -> ExactFraction {
        var r = ExactFraction(numerator: numerator * BigUInt(n), denominator: denominator * BigUInt(d))
        r.reduce()
        return r
    }

    mutating func reduce() {
        let g = numerator.greatestCommonDivisor(with: denominator)
        if g > 1 { numerator /= g; denominator /= g }
    }

    /// Whole cents, rounded down, and the remainder (a fraction of one cent, as a fraction).
    var centsAndRemainder: (cents: BigUInt, remainder: ExactFraction) {
        let (q, r) = (numerator * 100).quotientAndRemainder(dividingBy: denominator)
        return (q, ExactFraction(numerator: r, denominator: denominator))
    }

    static func < (a: ExactFraction, b: ExactFraction) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    static func == (a: ExactFraction, b: ExactFraction) -> Bool {
        a.numerator * b.denominator == b.numerator * a.denominator
    }
}
