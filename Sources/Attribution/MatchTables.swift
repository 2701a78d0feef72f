import CampaignKit

/// An association interval ready for matching, kept only when its pair is visible (R9):
/// it can match an event at t when `from <= t < to`, `from` being the later of the
/// association and the campaign's creation (R8).
struct LiveInterval: Sendable {
    var from: Int64
    var to: Int64
    var associatedAt: Int64
    var campaign: Int32
    var pair: Int32
    var asset: Int32

    func isLive(at t: Int64) -> Bool { from <= t && t < to }
}

/// R12 and R13's candidates per URL, page key, keyword and asset, each list sorted by
/// rule 2's tie-break (most recently associated, then the smaller campaign id, then the
/// smaller asset index), so that an event's winner is the first live entry: a short scan
/// instead of a dictionary lookup and a comparison per candidate per event.
/// Same answers as `PageViewMatcher`, which serves URLs that are not in the data.
struct MatchTables: Sendable {
    let facts: URLFacts
    /// Per URL: its tracking-URL candidates. A tracking URL beats a page, so these come first.
    let tracking: FlatLists<LiveInterval>
    /// Per page key: the page assets' candidates.
    let pages: FlatLists<LiveInterval>
    /// Per keyword id: the paid_search candidates (rule 3).
    let keywords: FlatLists<LiveInterval>
    /// Per asset: its candidates as the asset an event names (R13).
    let assets: FlatLists<LiveInterval>

    init(data: CompiledData, facts: URLFacts, visibility: Visibility) {
        func live(_ assets: [Int32]) -> [LiveInterval] {
            var out: [LiveInterval] = []
            for a in assets {
                for iv in data.intervals[Int(a)] where visibility.hidden[Int(iv.pair)] == nil {
                    out.append(LiveInterval(from: max(iv.from, data.campaignCreated[Int(iv.campaign)]), to: iv.to,
                                            associatedAt: iv.from, campaign: iv.campaign, pair: iv.pair, asset: a))
                }
            }
            return Self.byPriority(out)
        }
        self.facts = facts
        tracking = FlatLists((0..<facts.trackingAssets.count).map { live(Array(facts.trackingAssets[$0])) })
        var pages = [[LiveInterval]](repeating: [], count: data.pageKeys.count)
        for (key, assets) in data.pageAssetsByKey { pages[Int(key)] = live(assets) }
        self.pages = FlatLists(pages)
        keywords = FlatLists((0..<facts.keywordAssets.count).map { live(Array(facts.keywordAssets[$0])) })
        assets = FlatLists((0..<data.assets.count).map { live([Int32($0)]) })
    }

    /// Rule 2's order (`PageViewMatcher.beats`), ties kept in the order found.
    private static func byPriority(_ list: [LiveInterval]) -> [LiveInterval] {
        list.enumerated().sorted { a, b in
            if a.element.associatedAt != b.element.associatedAt { return a.element.associatedAt > b.element.associatedAt }
            if a.element.campaign != b.element.campaign { return a.element.campaign < b.element.campaign }
            if a.element.asset != b.element.asset { return a.element.asset < b.element.asset }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Rule 1: the campaign whose utm value URL `u` carries, when it counts at t (R4, R8); -1 for none.
    func utmCampaign(url u: Int32, at t: Int64) -> Int32 {
        guard u >= 0, facts.utmCampaign[Int(u)] >= 0, t >= facts.utmFrom[Int(u)] else { return -1 }
        return facts.utmCampaign[Int(u)]
    }

    /// Rule 2's winner for a view of URL `u` at t: its campaign, -1 for none.
    func pageCampaign(url u: Int32, at t: Int64) -> Int32 {
        guard u >= 0 else { return -1 }
        if let j = firstLive(tracking, Int(u), t) { return tracking.items[j].campaign }
        if let j = firstLive(pages, Int(facts.pageKey[Int(u)]), t) { return pages.items[j].campaign }
        return -1
    }

    /// Rule 3's winner for a view carrying keyword `kw` at t: its campaign, -1 for none.
    func keywordCampaign(keyword kw: Int32, at t: Int64) -> Int32 {
        guard kw >= 0, let j = firstLive(keywords, Int(kw), t) else { return -1 }
        return keywords.items[j].campaign
    }

    /// R13: the interval through which an event naming `asset` at t qualifies, if any.
    func assetInterval(asset a: Int32, at t: Int64) -> LiveInterval? {
        guard a >= 0, let j = firstLive(assets, Int(a), t) else { return nil }
        return assets.items[j]
    }

    /// R14 per asset: calls `body` with the pair of every rule-2 or rule-3 candidate of
    /// campaign `c` live for a view of URL `u` with keyword `kw` at t.
    func creditedPairs(url u: Int32, keyword kw: Int32, campaign c: Int32, at t: Int64, _ body: (Int32) -> Void) {
        func each(_ lists: FlatLists<LiveInterval>, _ g: Int) {
            for j in lists.range(g) where lists.items[j].campaign == c && lists.items[j].isLive(at: t) { body(lists.items[j].pair) }
        }
        if u >= 0 {
            each(tracking, Int(u))
            each(pages, Int(facts.pageKey[Int(u)]))
        }
        if kw >= 0 { each(keywords, Int(kw)) }
    }

    private func firstLive(_ lists: FlatLists<LiveInterval>, _ g: Int, _ t: Int64) -> Int? {
        guard g >= 0 else { return nil }
        for j in lists.range(g) where lists.items[j].isLive(at: t) { return j }
        return nil
    }
}
