import CampaignKit

/// R5 *Beyond*: the campaign an unlinked utm value most likely meant — the same
/// value but for punctuation, or a typo (a small edit distance) of exactly one
/// campaign's value. Nil when unsure: no near value, or near values of several campaigns.
enum UtmSuggestion {
    static func campaign(for key: String, in campaigns: [Campaign]) -> String? {
        let target = Array(key.unicodeScalars)
        let bare = alphanumerics(target)
        guard bare.count >= 3 else { return nil }
        var best: (distance: Int, campaign: String?) = (Int.max, nil)
        var tiedCampaigns = false
        for campaign in campaigns {
            var nearest = Int.max
            for value in campaign.allUtmValues {
                let other = Array(value.key.unicodeScalars)
                let d = alphanumerics(other) == bare ? 0 : editDistance(target, other)
                nearest = min(nearest, d)
            }
            if nearest < best.distance { best = (nearest, campaign.id); tiedCampaigns = false }
            else if nearest == best.distance { tiedCampaigns = true }
        }
        let allowed = target.count >= 8 ? 2 : 1
        guard best.distance <= allowed, !tiedCampaigns else { return nil }
        return best.campaign
    }

    private static func alphanumerics(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        s.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and
    /// transpositions of neighbours each cost one.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
