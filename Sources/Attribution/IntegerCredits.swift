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
    /// (or an amount is not a plain decimal), for the caller to sum in fractions instead.
    static func cents(_ model: AttributionModel, paths: [Analysis.DealPath], totalCents: Int128) -> [Int32: Int128]? {
        guard !paths.isEmpty else { return [:] }
        var scale = 0
        for path in paths {
            guard let a = path.scaledAmount else { return nil }
            scale = max(scale, a.scale)
        }
        var weights: [[Int128]] = []
        weights.reserveCapacity(paths.count)
        var lcm: Int128 = 1
        for path in paths {
            guard let raw = model.integerWeights(positions: path.positions) else { return nil }
            let total = raw.reduce(0, +)
            if lcm % total != 0 {
                let (l, overflow) = (lcm / gcd(lcm, total)).multipliedReportingOverflow(by: total)
                guard !overflow else { return nil }
                lcm = l
            }
            weights.append(raw)
        }
        let campaignCount = Int(paths.lazy.flatMap(\.campaigns).max() ?? -1) + 1
        var sums = [Int128](repeating: 0, count: campaignCount)
        var touched = [Bool](repeating: false, count: campaignCount)
        for (path, raw) in zip(paths, weights) {
            guard let amount = path.scaledAmount, let up = power10(scale - amount.scale),
                  let factor = multiply(amount.value, up, lcm / raw.reduce(0, +)) else { return nil }
            for (c, w) in path.perCampaign(raw) {
                guard let term = multiply(factor, w) else { return nil }
                let (sum, overflow) = sums[Int(c)].addingReportingOverflow(term)
                guard !overflow else { return nil }
                sums[Int(c)] = sum
                touched[Int(c)] = true
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

    /// A decimal amount as a whole number of 10^-scale (negative amounts count as 0,
    /// as in the exact sums); nil for anything but plain digits.
    static func scaled(_ amount: Decimal) -> (value: Int128, scale: Int)? {
        guard amount > 0 else { return (0, 0) }
        var value: Int128 = 0
        var scale = 0
        var afterPoint = false
        for byte in amount.description.utf8 {
            if byte == UInt8(ascii: ".") && !afterPoint { afterPoint = true; continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"),
                  let v = multiply(value, 10)?.addingReportingOverflow(Int128(byte - UInt8(ascii: "0"))), !v.overflow else { return nil }
            value = v.partialValue
            if afterPoint { scale += 1 }
        }
        return (value, scale)
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
