import Foundation

/// R18's columns for the positional models and linear, summed exactly in 128-bit integers.
///
/// A campaign's credit on a deal is amount × W / T, W being the raw weights of its
/// touches and T those of all the deal's touches, all whole numbers. Over one common
/// denominator — the least common multiple of the deals' T, times the amounts'
/// decimal scale — every campaign's column is a whole number, so its cents and the
/// remainders that decide the largest-remainder round compare exactly: the same
/// answer as summing fractions, without fractions of big integers.
enum IntegerCredits {
    /// Cents per campaign with a touch, or nil when a figure does not fit in 128 bits
    /// (or the amounts are not integers of one scale), for the caller to sum in fractions instead.
    static func cents(_ model: AttributionModel, paths: DealPaths, totalCents: Int128) -> [Int32: Int128]? {
        guard let scale = paths.scale else { return nil }
        // Every deal's weights (per slot) and total, and the totals' least common multiple.
        var weights = [Int128](repeating: 0, count: paths.slotCampaign.count)
        var totals = [Int128](repeating: 0, count: paths.count)
        var lcm: Int128 = 1
        for d in 0..<paths.count {
            guard let total = paths.integerWeights(model, deal: d, into: &weights) else { return nil }
            if !divides(total, lcm) {
                guard let l = multiply(lcm / gcd(lcm, total), total) else { return nil }
                lcm = l
            }
            totals[d] = total
        }
        let campaignCount = Int(paths.slotCampaign.max() ?? -1) + 1
        var sums = [Int128](repeating: 0, count: campaignCount)
        var touched = [Bool](repeating: false, count: campaignCount)
        for d in 0..<paths.count {
            guard let factor = multiply(paths.units[d], quotient(lcm, totals[d])) else { return nil }
            for s in paths.slots(d) {
                let c = Int(paths.slotCampaign[s])
                guard let term = multiply(factor, weights[s]) else { return nil }
                let (sum, overflow) = sums[c].addingReportingOverflow(term)
                guard !overflow else { return nil }
                sums[c] = sum
                touched[c] = true
            }
        }
        // Credit in cents = sum × 100 / (lcm × 10^scale).
        guard let unit = power10(scale), let denominator = multiply(lcm, unit) else { return nil }
        var campaigns: [Int32] = []
        var cents: [Int128] = []
        var remainders: [Int128] = []
        for c in 0..<campaignCount where touched[c] {
            guard let hundredfold = multiply(sums[c], 100) else { return nil }
            let (q, r) = hundredfold.quotientAndRemainder(dividingBy: denominator)
            campaigns.append(Int32(c)); cents.append(q); remainders.append(r)
        }
        let order = campaigns.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        var out: [Int32: Int128] = [:]
        for (j, c) in campaigns.enumerated() { out[c] = cents[j] }
        return CreditUnits.handOut(totalCents - cents.reduce(0, +), in: order.map { campaigns[$0] }, to: out)
    }

    /// Whether `d` (> 0) divides `n`, in 64 bits when both fit: Int128 division is a library call.
    static func divides(_ d: Int128, _ n: Int128) -> Bool {
        if d.magnitude <= UInt64.max, n >= 0, n.magnitude <= UInt64.max { return UInt64(n) % UInt64(d) == 0 }
        return n % d == 0
    }

    static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    static func power10(_ n: Int) -> Int128? {
        guard n >= 0, n <= 38 else { return nil }
        var p: Int128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// The product, or nil on overflow. Factors that fit 64 bits multiply in one
    /// instruction (their product always fits 128); Int128's own checked product is a library call.
    static func multiply(_ a: Int128, _ b: Int128) -> Int128? {
        if let x = Int64(exactly: a), let y = Int64(exactly: b) {
            let (high, low) = x.multipliedFullWidth(by: y)
            return Int128(high) << 64 | Int128(low)
        }
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : product
    }

    /// `n / d` for n >= 0 and d > 0, in 64 bits when both fit.
    static func quotient(_ n: Int128, _ d: Int128) -> Int128 {
        if n.magnitude <= UInt64.max, d.magnitude <= UInt64.max { return Int128(UInt64(n) / UInt64(d)) }
        return n / d
    }
}
