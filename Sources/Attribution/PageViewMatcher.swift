import CampaignKit

/// Which rule of R12 (or R13) gave an event its campaign.
public enum MatchRule: UInt8, Sendable {
    case none, utm, page, keyword, asset
}

/// A rule-2 or rule-3 candidate: the asset, its campaign and the interval's start.
struct AssetCandidate {
    var asset: Int32
    var campaign: Int32
    var associatedAt: Int64
    var isTracking: Bool
    /// The (asset, campaign) pair of the interval.
    var pair: Int32
}

/// R12: matching one page view to at most one campaign, rule by rule, for any URL (the
/// explanations of R19 ask about URLs that are not in the data); `MatchTables` does the
/// same for the data's own URLs, precomputed.
struct PageViewMatcher {
    let data: CompiledData
    let visibility: Visibility

    /// The utm value's owner, when the value matches it at `t` (R4) and `t` is not
    /// before the campaign's creation (R8).
    func utmCampaign(url u: Int32, at t: Int64) -> Int32? {
        u >= 0 ? utmCampaign(data.urls[Int(u)], at: t) : nil
    }

    func utmCampaign(_ url: ParsedURL, at t: Int64) -> Int32? {
        guard let value = url.campaignValue,
              let owner = data.utmOwner[UtmTags.matchKey(value)],
              owner.attachedAt <= t, t >= data.campaignCreated[Int(owner.campaign)] else { return nil }
        return owner.campaign
    }

    /// Every interval of `asset` that covers `t`, of a campaign that existed at `t`,
    /// in which the asset is visible: the conditions all R12 rules share (R8, R9).
    func liveIntervals(of asset: Int32, at t: Int64, _ body: (Interval) -> Void) {
        for iv in data.intervals[Int(asset)]
        where iv.covers(t) && t >= data.campaignCreated[Int(iv.campaign)] && visibility.hidden[Int(iv.pair)] == nil {
            body(iv)
        }
    }

    /// R12 rule 2's candidates for a view: page assets on its page and tracking URLs it matches.
    func pageCandidates(_ parsed: ParsedURL, at t: Int64, _ body: (AssetCandidate) -> Void) {
        if let pages = data.pageAssetsByKey[parsed.pageKey] {
            for a in pages {
                liveIntervals(of: a, at: t) { body(AssetCandidate(asset: a, campaign: $0.campaign, associatedAt: $0.from, isTracking: false, pair: $0.pair)) }
            }
        }
        if let tracking = data.trackingAssetsByKey[parsed.pageKey] {
            for a in tracking where parsed.carriesAllTags(of: data.trackingURL[a]!) {
                liveIntervals(of: a, at: t) { body(AssetCandidate(asset: a, campaign: $0.campaign, associatedAt: $0.from, isTracking: true, pair: $0.pair)) }
            }
        }
    }

    /// R12 rule 3's candidates: paid_search assets carrying the view's keyword.
    func keywordCandidates(keyword kw: Int32, at t: Int64, _ body: (AssetCandidate) -> Void) {
        guard kw >= 0, let assets = data.paidSearchByKeyword[kw] else { return }
        for a in assets {
            liveIntervals(of: a, at: t) { body(AssetCandidate(asset: a, campaign: $0.campaign, associatedAt: $0.from, isTracking: false, pair: $0.pair)) }
        }
    }

    /// Rule 2's tie-break: a tracking URL beats a page, then the most recently
    /// associated interval, then the smaller campaign id (then the smaller asset index).
    static func beats(_ a: AssetCandidate, _ b: AssetCandidate) -> Bool {
        if a.isTracking != b.isTracking { return a.isTracking }
        if a.associatedAt != b.associatedAt { return a.associatedAt > b.associatedAt }
        if a.campaign != b.campaign { return a.campaign < b.campaign }
        return a.asset < b.asset
    }

    func bestPageCandidate(_ parsed: ParsedURL, at t: Int64) -> AssetCandidate? {
        var best: AssetCandidate?
        pageCandidates(parsed, at: t) { c in if best.map({ Self.beats(c, $0) }) ?? true { best = c } }
        return best
    }

    func bestKeywordCandidate(keyword kw: Int32, at t: Int64) -> AssetCandidate? {
        var best: AssetCandidate?
        keywordCandidates(keyword: kw, at: t) { c in if best.map({ Self.beats(c, $0) }) ?? true { best = c } }
        return best
    }
}
