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
        var weights = [Int128](repeating: 0, count: paths.slotCampaign.count)
        var totals = [Int128](repeating: 0, count: paths.count)
        var lcm: Int128 = 1
        for d in 0..<paths.count {
            guard let total = paths.integerWeights(model, deal: d, into: &weights) else { return nil }
            if lcm % total != 0 {
                guard let l = multiply(lcm / gcd(lcm, total), total) else { return nil }
                lcm = l
            }
            totals[d] = total
        }
        let campaignCount = Int(paths.slotCampaign.max() ?? -1) + 1
        var sums = [Int128](repeating: 0, count: campaignCount)
        var touched = [Bool](repeating: false, count: campaignCount)
        for d in 0..<paths.count {
            _ = paths.integerWeights(model, deal: d, into: &weights)
            guard let factor = multiply(paths.units[d], lcm / totals[d]) else { return nil }
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

    /// The product, or nil on overflow.
    static func multiply(_ factors: Int128...) -> Int128? {
        var product: Int128 = 1
        for f in factors {
            let (p, overflow) = product.multipliedReportingOverflow(by: f)
            guard !overflow else { return nil }
            product = p
        }
        return product
    }
}
