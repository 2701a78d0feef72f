import CampaignKit

/// R5 *Beyond*: the campaign an unlinked utm value most likely meant — the same
/// value but for punctuation, or a typo (a small edit distance) of exactly one
/// campaign's value. Nil when unsure: no near value, or near values of several campaigns.
///
/// Thousands of unlinked values meet hundreds of campaign values, so a value is not
/// compared with each of them: an edit distance of at most d (insertions, deletions,
/// substitutions, swaps of neighbours) means both strings become the same string by
/// deleting at most d bytes from each. Every campaign value's deletion variants
/// (up to two bytes) are indexed by hash; a value's own variants look up the few
/// campaign values that may be near, and only those get the exact distance —
/// first those within one deletion (distance 1 at most), then, if none is that
/// near, those within two.
struct UtmSuggestion: Sendable {
    private struct Known: Sendable {
        var campaign: Int32
        var key: [UInt8]
    }
    private let known: [Known]
    /// Punctuation-free spelling → the known values that have it (distance 0).
    private let byBare: [[UInt8]: [Int32]]
    /// Variants with at most one byte deleted, and with exactly two — the latter, ten times
    /// larger, made the first time a value has no campaign value within distance 1.
    private let oneDeletion: VariantIndex
    private var twoDeletions: VariantIndex?

    init(campaigns: [Campaign]) {
        var known: [Known] = []
        var byBare: [[UInt8]: [Int32]] = [:]
        var oneDeletion = VariantIndex()
        for (i, c) in campaigns.enumerated() {
            for v in c.allUtmValues {
                let key = Array(v.key.utf8)
                let k = Int32(known.count)
                known.append(Known(campaign: Int32(i), key: key))
                byBare[Self.alphanumerics(key), default: []].append(k)
                Self.forEachVariant(of: key, deleting: 0...1) { oneDeletion.insert($0, known: k) }
            }
        }
        self.known = known
        self.byBare = byBare
        self.oneDeletion = oneDeletion
    }

    /// The suggested campaign's index, or nil.
    mutating func campaign(for key: String) -> Int32? {
        let target = Array(key.utf8)
        let bare = Self.alphanumerics(target)
        guard bare.count >= 3 else { return nil }
        // Distance 0: the same value but for punctuation. Nothing can be nearer.
        if let same = byBare[bare] { return Self.unique(same.map { known[Int($0)].campaign }) }
        let allowed = target.count >= 8 ? 2 : 1
        for distance in 1...allowed {
            let near = campaigns(atDistance: distance, from: target)
            if !near.isEmpty { return Self.unique(near) }
        }
        return nil
    }

    /// The campaigns of the known values at exactly `distance` (1 or 2) from `target`,
    /// none being nearer: those share a variant with at most `distance` deletions on each side.
    private mutating func campaigns(atDistance distance: Int, from target: [UInt8]) -> [Int32] {
        if distance == 2, twoDeletions == nil {
            var index = VariantIndex()
            for (k, value) in known.enumerated() { Self.forEachVariant(of: value.key, deleting: 2...2) { index.insert($0, known: Int32(k)) } }
            twoDeletions = index
        }
        let twoDeletions = self.twoDeletions
        var near: [Int32] = []
        // A handful of candidates: a list is cheaper than a set.
        var checked: [Int32] = []
        Self.forEachVariant(of: target, deleting: 0...distance) { hash in
            func check(_ k: Int32) {
                guard !checked.contains(k) else { return }
                checked.append(k)
                let key = known[Int(k)].key
                let d = distance == 1 ? (Self.isOneEditApart(target, key) ? 1 : 2) : Self.editDistance(target, key, limit: distance)
                if d == distance { near.append(known[Int(k)].campaign) }
            }
            oneDeletion.forEachKnown(hash, check)
            if distance == 2 { twoDeletions?.forEachKnown(hash, check) }
        }
        return near
    }

    /// The one campaign in `campaigns`, nil when there are several.
    private static func unique(_ campaigns: [Int32]) -> Int32? {
        guard let first = campaigns.first, campaigns.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    private static func alphanumerics(_ s: [UInt8]) -> [UInt8] {
        s.filter { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 >= 128 }
    }

    /// Calls `body` with the hash of every string made by deleting a number in
    /// `deleting` (0, 1 or 2) of the bytes of `s`. Polynomial hashes of prefixes make
    /// each O(1): h(x + y) = h(x)·B^|y| + h(y), all wrapping.
    static func forEachVariant(of s: [UInt8], deleting: ClosedRange<Int>, _ body: (UInt64) -> Void) {
        let n = s.count
        var prefix = [UInt64](repeating: 0, count: n + 1)
        var power = [UInt64](repeating: 1, count: n + 1)
        for i in 0..<n {
            prefix[i + 1] = prefix[i] &* base &+ UInt64(s[i])
            power[i + 1] = power[i] &* base
        }
        func part(_ a: Int, _ b: Int) -> UInt64 { prefix[b] &- prefix[a] &* power[b - a] }
        if deleting.contains(0) { body(prefix[n]) }
        for i in 0..<n {
            if deleting.contains(1) { body(prefix[i] &* power[n - i - 1] &+ part(i + 1, n)) }
            guard deleting.contains(2) else { continue }
            for j in (i + 1)..<n {
                let head = prefix[i] &* power[j - i - 1] &+ part(i + 1, j)
                body(head &* power[n - j - 1] &+ part(j + 1, n))
            }
        }
    }

    private static let base: UInt64 = 0x100_0000_01B3

    /// Whether two different strings are one insertion, deletion, substitution or swap of
    /// neighbours apart (an edit distance of exactly 1), in one pass: after the common
    /// prefix, the rest must match with that one edit.
    static func isOneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        guard long.count - short.count <= 1 else { return false }
        var i = 0
        while i < short.count, long[i] == short[i] { i += 1 }
        func same(_ x: Int, _ y: Int) -> Bool { long[x...].elementsEqual(short[y...]) }
        if long.count > short.count { return same(i + 1, i) }
        guard i < short.count else { return false }
        if same(i + 1, i + 1) { return true }
        return i + 1 < short.count && long[i] == short[i + 1] && long[i + 1] == short[i] && same(i + 2, i + 2)
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

/// Hashes of deletion variants → the known values that have them: a chained hash
/// table over flat arrays. Different strings may share a hash; the caller checks
/// every value found, so a collision costs a comparison, never a wrong answer.
private struct VariantIndex: Sendable {
    private var heads = [Int32](repeating: -1, count: 1 << 10)
    private var hashes: [UInt64] = []
    private var knowns: [Int32] = []
    private var next: [Int32] = []

    private func slot(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & (heads.count - 1)
    }

    mutating func insert(_ hash: UInt64, known: Int32) {
        if hashes.count >= heads.count { grow() }
        let s = slot(hash)
        hashes.append(hash)
        knowns.append(known)
        next.append(heads[s])
        heads[s] = Int32(hashes.count - 1)
    }

    func forEachKnown(_ hash: UInt64, _ body: (Int32) -> Void) {
        var e = heads[slot(hash)]
        while e >= 0 {
            if hashes[Int(e)] == hash { body(knowns[Int(e)]) }
            e = next[Int(e)]
        }
    }

    /// Doubles the table and relinks every entry.
    private mutating func grow() {
        heads = [Int32](repeating: -1, count: heads.count * 2)
        for e in hashes.indices {
            let s = slot(hashes[e])
            next[e] = heads[s]
            heads[s] = Int32(e)
        }
    }
}
