import Foundation
import CampaignKit

/// Integer arithmetic for R18's credits, in units of 10⁻¹² of the currency.
///
/// Position weights are whole millionths and the others' share is split by a
/// whole count, so for every model but time decay a campaign's credit on a deal is
/// amount × N / D with integers N and D: exact up to one unit, and equal credits
/// stay equal, which the largest-remainder tie-break needs. Time-decay weights are
/// irrational anyway and go through Double.
enum CreditUnits {
    static let perCurrency: Int128 = 1_000_000_000_000
    static let perCent: Int128 = 10_000_000_000

    /// A decimal amount in units (rounded to the nearest unit); nil when it does not fit.
    static func units(_ amount: Decimal) -> Int128? {
        integer(amount * Decimal(string: "1000000000000")!)
    }

    /// An amount already rounded to cents, in whole cents.
    static func cents(_ amount: Decimal) -> Int128 {
        integer(amount * 100) ?? Int128.max
    }

    private static func integer(_ value: Decimal) -> Int128? {
        var scaled = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return Int128(NSDecimalNumber(decimal: rounded).stringValue)
    }

    /// A weight in whole millionths.
    static func millionths(_ weight: Decimal) -> Int128 {
        var scaled = weight * 1_000_000
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return Int128(NSDecimalNumber(decimal: rounded).stringValue) ?? 0
    }

    /// Units back to a decimal amount of whole cents.
    static func decimalCents(_ cents: Int128) -> Decimal {
        guard cents.magnitude <= UInt64.max else { return Decimal(string: String(cents))! / 100 }
        return Decimal(sign: cents < 0 ? .minus : .plus, exponent: -2, significand: Decimal(UInt64(cents.magnitude)))
    }

    /// Rounds each credit down to cents, then hands the cents still missing from
    /// `totalCents` to the largest remainders (ties to the smaller campaign index,
    /// which is the smaller id). Returns cents per campaign, or nil when the result
    /// depends on truncations: a campaign's exact credit lies in
    /// [units, units + uncertainty], and that interval crosses a cent or overlaps
    /// another campaign's across the cut between those that get a cent and those that don't.
    static func largestRemainder(_ credits: [Int32: Int128], uncertainty: [Int32: Int128], totalCents: Int128) -> [Int32: Int128]? {
        let campaigns = credits.keys.sorted()
        let cents = campaigns.map { credits[$0]! / perCent }
        let remainders = campaigns.map { credits[$0]! % perCent }
        let slack = campaigns.map { uncertainty[$0] ?? 0 }
        for j in campaigns.indices where remainders[j] + slack[j] >= perCent { return nil }
        let missing = totalCents - cents.reduce(0, +)
        let order = campaigns.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        if missing > 0, missing < Int128(order.count) {
            let winners = order.prefix(Int(missing)), losers = order.dropFirst(Int(missing))
            let lowestWinner = winners.map { remainders[$0] }.min()!
            for l in losers where slack[l] > 0 && remainders[l] + slack[l] >= lowestWinner { return nil }
        }
        var out: [Int32: Int128] = [:]
        for (j, c) in campaigns.enumerated() { out[c] = cents[j] }
        return handOut(missing, in: order.map { campaigns[$0] }, to: out)
    }

    /// Gives `missing` cents one at a time to the campaigns in `order`, round after round.
    static func handOut(_ missing: Int128, in order: [Int32], to cents: [Int32: Int128]) -> [Int32: Int128] {
        guard missing > 0, !order.isEmpty else { return cents }
        var out = cents
        let count = Int128(order.count)
        for (j, c) in order.enumerated() {
            out[c]! += missing / count + (Int128(j) < missing % count ? 1 : 0)
        }
        return out
    }
}
