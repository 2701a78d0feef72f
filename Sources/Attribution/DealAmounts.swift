import Foundation
import CampaignKit

/// Every deal's amount as a whole number of 10^-scale, one scale for all deals, read once
/// from the Decimals. Sums of amounts (R14 revenue, R18 totals and credits) are then
/// integer additions — exact, like Decimal's, and without Decimal arithmetic, which costs
/// microseconds per operation. Nil when an amount has too many digits; callers then add Decimals.
struct DealAmounts: Sendable {
    let units: [Int128]
    let scale: Int

    /// Amounts beyond this many units could make a sum of many of them overflow.
    private static let limit: Int128 = 1_000_000_000_000_000_000_000_000_000_000
    /// Scales beyond this keep the units of large amounts from fitting; such amounts are rare.
    private static let maxScale = 18

    init?(_ deals: [Deal]) {
        var parts: [(significand: Int128, exponent: Int)] = []
        parts.reserveCapacity(deals.count)
        var scale = 0
        for deal in deals {
            guard let p = Self.parts(deal.amount) else { return nil }
            parts.append(p)
            scale = max(scale, -p.exponent)
        }
        guard scale <= Self.maxScale else { return nil }
        var units: [Int128] = []
        units.reserveCapacity(deals.count)
        for p in parts {
            guard let up = IntegerCredits.power10(scale + p.exponent), let u = IntegerCredits.multiply(p.significand, up),
                  u.magnitude < Self.limit.magnitude else { return nil }
            units.append(u)
        }
        self.units = units
        self.scale = scale
    }

    /// A Decimal as significand × 10^exponent with an integer significand, through Foundation's
    /// public `significand` and `exponent` (the stored digits are not public); nil for NaN
    /// or a significand of more than 62 bits.
    static func parts(_ d: Decimal) -> (significand: Int128, exponent: Int)? {
        guard !d.isNaN else { return nil }
        let significand = d.significand
        guard significand < Decimal(UInt64(1) << 62) else { return nil }
        let magnitude = Int128(NSDecimalNumber(decimal: significand).int64Value)
        return (d.sign == .minus ? -magnitude : magnitude, d.exponent)
    }

    /// A sum of units as a Decimal: the same value adding the Decimals gives. Nil when it
    /// has more digits than a Decimal holds exactly.
    func decimal(_ sum: Int128) -> Decimal? {
        guard sum != 0 else { return 0 }
        guard sum.magnitude < Self.limit.magnitude * 100_000 else { return nil }
        let digits = sum.magnitude <= UInt64.max ? Decimal(UInt64(sum.magnitude)) : Decimal(string: String(sum.magnitude))!
        return Decimal(sign: sum < 0 ? .minus : .plus, exponent: -scale, significand: digits)
    }

    /// Sums `units[d]` over `deals`, nil on overflow.
    func sum(_ deals: [Int]) -> Int128? {
        var total: Int128 = 0
        for d in deals {
            let (t, overflow) = total.addingReportingOverflow(units[d])
            guard !overflow else { return nil }
            total = t
        }
        return total
    }
}

extension Analysis {
    /// The sum of the deals' amounts: in integers when `dealAmounts` holds them, else in Decimal.
    func totalAmount(ofDeals deals: [Int]) -> Decimal {
        if let amounts = dealAmounts, let units = amounts.sum(deals), let total = amounts.decimal(units) { return total }
        return deals.reduce(Decimal(0)) { $0 + data.dataset.deals[$1].amount }
    }
}
