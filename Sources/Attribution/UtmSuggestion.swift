import CampaignKit

/// R5 *Beyond*: the campaign an unlinked utm value most likely meant — the same
/// value but for punctuation, or a typo (a small edit distance) of exactly one
/// campaign's value. Nil when unsure: no near value, or near values of several campaigns.
struct UtmSuggestion: Sendable {
    private struct Known: Sendable {
        var campaign: Int32
        var key: [UInt8]
        var bare: [UInt8]
        var histogram: [UInt8]
    }
    private let known: [Known]

    init(campaigns: [Campaign]) {
        var known: [Known] = []
        for (i, c) in campaigns.enumerated() {
            for v in c.allUtmValues {
                let key = Array(v.key.utf8)
                known.append(Known(campaign: Int32(i), key: key, bare: Self.alphanumerics(key), histogram: Self.histogram(key)))
            }
        }
        self.known = known
    }

    /// The suggested campaign's index, or nil.
    func campaign(for key: String) -> Int32? {
        let target = Array(key.utf8)
        let bare = Self.alphanumerics(target)
        guard bare.count >= 3 else { return nil }
        let allowed = target.count >= 8 ? 2 : 1
        let counts = Self.histogram(target)
        var best = Int.max
        var bestCampaign: Int32 = -1
        var tied = false
        for k in known {
            let d: Int
            if k.bare == bare { d = 0 } else {
                guard abs(k.key.count - target.count) <= allowed,
                      Self.histogramDistance(counts, k.histogram) <= 2 * allowed else { continue }
                d = Self.editDistance(target, k.key, limit: allowed)
            }
            if d < best { best = d; bestCampaign = k.campaign; tied = false }
            else if d == best, k.campaign != bestCampaign { tied = true }
        }
        guard best <= allowed, !tied else { return nil }
        return bestCampaign
    }

    /// Byte counts folded into 64 buckets: each edit changes at most two of them by one,
    /// so bucket differences bound the edit distance from below, cheaply.
    private static func histogram(_ s: [UInt8]) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 64)
        for b in s { h[Int(b & 63)] &+= 1 }
        return h
    }

    private static func histogramDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var d = 0
        for i in 0..<64 { d += abs(Int(a[i]) - Int(b[i])) }
        return d
    }

    private static func alphanumerics(_ s: [UInt8]) -> [UInt8] {
        s.filter { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 >= 128 }
    }

    /// Optimal string alignment distance (insertions, deletions, substitutions and
    /// transpositions of neighbours each cost one), computed in a band of `limit`
    /// around the diagonal: `limit + 1` when it exceeds `limit`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        let over = limit + 1
        if abs(a.count - b.count) > limit { return over }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2 = [Int](repeating: over, count: b.count + 1)
        var previous = (0...b.count).map { min($0, over) }
        var current = [Int](repeating: over, count: b.count + 1)
        for i in 1...a.count {
            let lo = max(1, i - limit), hi = min(b.count, i + limit)
            for j in 0...b.count { current[j] = over }
            if i <= limit { current[0] = i }
            var rowMin = current[0]
            if lo <= hi {
                for j in lo...hi {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, previous2[j - 2] + 1) }
                    current[j] = min(v, over)
                    rowMin = min(rowMin, current[j])
                }
            }
            if rowMin > limit { return over }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
