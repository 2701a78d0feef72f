import CampaignKit

/// What the rules need from each distinct URL and keyword, worked out once rather
/// than once per page view: a million views share a few thousand URLs, and a URL's
/// utm owner (R4), unlinked key (R5) and matching tracking URLs (R12) are fixed.
/// Independent of the clock and of visibility (R9 is judged with it).
struct URLFacts: Sendable {
    /// Per URL: the campaign owning its utm value, -1 for none (R4).
    let utmCampaign: [Int32]
    /// Per URL with an owner: the first instant its tag counts — the value's
    /// attachment or the campaign's creation, whichever is later (R4, R8).
    let utmFrom: [Int64]
    /// Per URL: its unlinked utm key (R5) as an index into `unlinkedKeys`, -1 for none.
    let unlinked: [Int32]
    let unlinkedKeys: [String]
    /// The unlinked keys' indices sorted by key (byte order), as reports list them.
    let unlinkedOrder: [Int32]
    let pageKey: [Int32]
    /// Per URL: the tracking_url assets on its page whose every utm tag it carries (R12).
    let trackingAssets: FlatLists<Int32>
    /// Per keyword id: the paid_search assets carrying it (R12 rule 3).
    let keywordAssets: FlatLists<Int32>
    let assetType: [AssetType]

    init(_ data: CompiledData) {
        let n = data.urls.count
        var utmCampaign = [Int32](repeating: -1, count: n)
        var utmFrom = [Int64](repeating: Int64.max, count: n)
        var unlinked = [Int32](repeating: -1, count: n)
        var pageKey = [Int32](repeating: -1, count: n)
        var tracking = [[Int32]](repeating: [], count: n)
        var unlinkedKeys = Interner<String>()
        // Thousands of URLs share a few hundred raw values: lowercase and look each up once.
        var byValue: [String: (campaign: Int32, from: Int64, unlinked: Int32)] = [:]
        for u in 0..<n {
            let url = data.urls[u]
            pageKey[u] = url.pageKey
            if let value = url.campaignValue {
                let fact: (campaign: Int32, from: Int64, unlinked: Int32)
                if let known = byValue[value] { fact = known } else {
                    let key = UtmTags.matchKey(value)
                    if let owner = data.utmOwner[key] {
                        fact = (owner.campaign, max(owner.attachedAt, data.campaignCreated[Int(owner.campaign)]), -1)
                    } else {
                        fact = (-1, Int64.max, unlinkedKeys.intern(key))
                    }
                    byValue[value] = fact
                }
                (utmCampaign[u], utmFrom[u], unlinked[u]) = fact
            }
            if let assets = data.trackingAssetsByKey[url.pageKey] {
                tracking[u] = assets.filter { url.carriesAllTags(of: data.trackingURL[$0]!) }
            }
        }
        var keywordAssets = [[Int32]](repeating: [], count: data.keywords.count)
        for (kw, assets) in data.paidSearchByKeyword { keywordAssets[Int(kw)] = assets }

        self.utmCampaign = utmCampaign
        self.utmFrom = utmFrom
        self.unlinked = unlinked
        self.unlinkedKeys = unlinkedKeys.values
        let bytes = unlinkedKeys.values.map { Array($0.utf8) }
        unlinkedOrder = (0..<Int32(bytes.count)).sorted { bytes[Int($0)].lexicographicallyPrecedes(bytes[Int($1)]) }
        self.pageKey = pageKey
        trackingAssets = FlatLists(tracking)
        self.keywordAssets = FlatLists(keywordAssets)
        assetType = data.assets.map(\.type)
    }
}
