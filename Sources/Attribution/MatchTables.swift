import CampaignKit

/// What rules 1 and 2 need from one distinct URL, side by side so that a page view reads
/// one entry: its utm owner and the instant its tag starts to count (R4, R8), its unlinked
/// key (R5), and where its rule-2 candidates lie in `MatchTables.urlCandidates`.
struct URLEntry: Sendable {
    var utmFrom: Int64
    var utmCampaign: Int32
    var unlinked: Int32
    var candidates: Range<Int32>
    /// Whether tracking URLs match it (R9 rule 2 visits to mark).
    var tracked: Bool
}

/// R12 and R13's candidates per URL, keyword and asset, each list sorted by rule 2's
/// tie-break (a tracking URL before a page, then the most recently associated, then the
/// smaller campaign id, then the smaller asset index), so that an event's winner is the
/// first live entry: a short scan instead of a dictionary lookup and a comparison per
/// candidate per event. Same answers as `PageViewMatcher`, which serves URLs that are not in the data.
struct MatchTables: Sendable {
    private(set) var facts: URLFacts
    private(set) var urls: [URLEntry]
    /// Per URL: the tracking URLs it matches, then the page assets on its page.
    private(set) var urlCandidates: [Interval]
    /// Per keyword id: the paid_search candidates (rule 3).
    private(set) var keywords: FlatLists<Interval>
    /// Per asset: its candidates as the asset an event names (R13).
    let assets: FlatLists<Interval>
    /// The visibility the candidates were chosen by: URLs and keywords added later (#17) are served alike.
    let visibility: Visibility

    init(data: CompiledData, facts: URLFacts, visibility: Visibility) {
        func live(_ assets: ArraySlice<Int32>) -> [Interval] { Self.live(assets, data, visibility) }
        self.facts = facts
        self.visibility = visibility
        var pages = [[Interval]](repeating: [], count: data.pageKeys.count)
        for (key, assets) in data.pageAssetsByKey { pages[Int(key)] = live(assets[...]) }
        var urls: [URLEntry] = []
        urls.reserveCapacity(facts.pageKey.count)
        var urlCandidates: [Interval] = []
        for u in 0..<facts.pageKey.count {
            let first = Int32(urlCandidates.count)
            if !facts.trackingAssets.range(u).isEmpty { urlCandidates += live(facts.trackingAssets[u]) }
            urlCandidates += pages[Int(facts.pageKey[u])]
            urls.append(URLEntry(utmFrom: facts.utmFrom[u], utmCampaign: facts.utmCampaign[u], unlinked: facts.unlinked[u],
                                 candidates: first..<Int32(urlCandidates.count), tracked: !facts.trackingAssets.range(u).isEmpty))
        }
        self.urls = urls
        self.urlCandidates = urlCandidates
        keywords = FlatLists((0..<facts.keywordAssets.count).map { live(facts.keywordAssets[$0]) })
        assets = FlatLists((0..<data.assets.count).map { live([Int32($0)]) })
    }

    /// The visible intervals of `assets`, in rule 2's order (ties kept in the order found).
    private static func live(_ assets: ArraySlice<Int32>, _ data: CompiledData, _ visibility: Visibility) -> [Interval] {
        var found: [(candidate: Interval, associatedAt: Int64, asset: Int32)] = []
        for a in assets {
            for iv in data.intervals[Int(a)] where visibility.hidden[Int(iv.pair)] == nil {
                let from = max(iv.from, data.campaignCreated[Int(iv.campaign)])
                found.append((Interval(from: from, to: iv.to, campaign: iv.campaign, pair: iv.pair), iv.from, a))
            }
        }
        return found.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            if a.associatedAt != b.associatedAt { return a.associatedAt > b.associatedAt }
            if a.candidate.campaign != b.candidate.campaign { return a.candidate.campaign < b.candidate.campaign }
            if a.asset != b.asset { return a.asset < b.asset }
            return x.offset < y.offset
        }.map(\.element.candidate)
    }

    /// #17: the entries of the URLs and keywords that appended events brought, as `init`
    /// makes them. Returns the number of unlinked keys before (`URLFacts.extend(to:)`).
    mutating func extend(to data: CompiledData) -> Int {
        let keyCount = facts.extend(to: data)
        for u in urls.count..<facts.pageKey.count {
            let first = Int32(urlCandidates.count)
            let tracked = !facts.trackingAssets.range(u).isEmpty
            if tracked { urlCandidates += Self.live(facts.trackingAssets[u], data, visibility) }
            urlCandidates += Self.live((data.pageAssetsByKey[facts.pageKey[u]] ?? [])[...], data, visibility)
            urls.append(URLEntry(utmFrom: facts.utmFrom[u], utmCampaign: facts.utmCampaign[u], unlinked: facts.unlinked[u],
                                 candidates: first..<Int32(urlCandidates.count), tracked: tracked))
        }
        for _ in keywords.count..<facts.keywordAssets.count { keywords.append([]) }
        return keyCount
    }

    /// Rule 1: the campaign whose utm value URL `u` carries, when it counts at t (R4, R8); -1 for none.
    func utmCampaign(url u: Int32, at t: Int64) -> Int32 {
        guard u >= 0, urls[Int(u)].utmCampaign >= 0, t >= urls[Int(u)].utmFrom else { return -1 }
        return urls[Int(u)].utmCampaign
    }

    /// R12 for a page view of URL `u` (-1 for none) with keyword `kw` (-1 for none) at t:
    /// its campaign (-1 for none) and the first rule that matched; and R14 per asset: the
    /// pairs of the rule-2 and rule-3 candidates of that campaign live then, appended to `credits`.
    func matchPageView(url u: Int32, keyword kw: Int32, at t: Int64, credits: inout [Int32]) -> (campaign: Int32, rule: MatchRule) {
        var c: Int32 = -1, rule = MatchRule.none
        var candidates: Range<Int32> = 0..<0
        if u >= 0 {
            let entry = urls[Int(u)]
            candidates = entry.candidates
            if entry.utmCampaign >= 0 && t >= entry.utmFrom {
                (c, rule) = (entry.utmCampaign, .utm)
            } else {
                for j in candidates where urlCandidates[Int(j)].covers(t) {
                    (c, rule) = (urlCandidates[Int(j)].campaign, .page)
                    break
                }
            }
        }
        if c < 0 {
            c = keywordCampaign(keyword: kw, at: t)
            guard c >= 0 else { return (-1, .none) }
            rule = .keyword
        }
        for j in candidates {
            let candidate = urlCandidates[Int(j)]
            if candidate.campaign == c && candidate.covers(t) { credits.append(candidate.pair) }
        }
        if kw >= 0 {
            for j in keywords.range(Int(kw)) where keywords.items[j].campaign == c && keywords.items[j].covers(t) {
                credits.append(keywords.items[j].pair)
            }
        }
        return (c, rule)
    }

    /// Rule 2's winner for a view of URL `u` at t: its campaign, -1 for none.
    func pageCampaign(url u: Int32, at t: Int64) -> Int32 {
        guard u >= 0 else { return -1 }
        for j in urls[Int(u)].candidates where urlCandidates[Int(j)].covers(t) { return urlCandidates[Int(j)].campaign }
        return -1
    }

    /// Rule 3's winner for a view carrying keyword `kw` at t: its campaign, -1 for none.
    func keywordCampaign(keyword kw: Int32, at t: Int64) -> Int32 {
        guard kw >= 0 else { return -1 }
        for j in keywords.range(Int(kw)) where keywords.items[j].covers(t) { return keywords.items[j].campaign }
        return -1
    }

    /// R13: the interval through which an event naming `asset` at t qualifies, if any.
    func assetInterval(asset a: Int32, at t: Int64) -> Interval? {
        guard a >= 0 else { return nil }
        for j in assets.range(Int(a)) where assets.items[j].covers(t) { return assets.items[j] }
        return nil
    }
}
