import CampaignKit

/// What the rules need from one distinct URL, parsed once however many events carry it.
struct ParsedURL: Sendable {
    var pageKey: Int32
    /// Every utm parameter (name lowercased) with its match key; `utm_id` keeps its case.
    var utmKeys: [String: String]
    /// The raw (decoded, trimmed) utm_campaign value, nil when absent or empty.
    var campaignValue: String?

    init(url: String, pageKeys: inout Interner<PageKey>) {
        let parts = URLParts(url)
        self.init(tags: UtmTags(parts: parts), pageKey: pageKeys.intern(PageKey(parts: parts)))
    }

    /// URL `number` of a pool, parsed from its bytes but its page key not yet numbered
    /// (`pageKey` is -1): the part of parsing that shares nothing, so that many URLs can be
    /// parsed on two threads.
    static func unnumbered(_ urls: StringPool, _ number: Int32) -> (parsed: ParsedURL, page: PageKey) {
        let (page, tags) = urls.withBytes(of: number, PageKey.withTags(ofURL:))
        return (ParsedURL(tags: tags, pageKey: -1), page)
    }

    /// A URL that is not in the data: its page key is -1 when no known page has it.
    init(probing url: String, pageKeys: Interner<PageKey>) {
        let parts = URLParts(url)
        self.init(tags: UtmTags(parts: parts), pageKey: pageKeys.index(of: PageKey(parts: parts)) ?? -1)
    }

    private init(tags: UtmTags, pageKey: Int32) {
        self.pageKey = pageKey
        campaignValue = tags.campaign
        // `mapValues` keeps the table as it is: no key is hashed again.
        var keys = tags.values.mapValues(UtmTags.matchKey)
        if let id = tags.values["utm_id"] { keys["utm_id"] = id }
        utmKeys = keys
    }

    /// R12: a view matches a tracking URL when every utm parameter of the tracking URL
    /// has the same match key in the view's URL (page keys compared separately).
    func carriesAllTags(of tracking: ParsedURL) -> Bool {
        for (name, key) in tracking.utmKeys where utmKeys[name] != key { return false }
        return true
    }
}

/// Gives each distinct value a small integer, in first-seen order.
struct Interner<Value: Hashable & Sendable>: Sendable {
    private(set) var values: [Value] = []
    private var indices: [Value: Int32] = [:]

    mutating func intern(_ value: Value) -> Int32 {
        if let i = indices[value] { return i }
        let i = Int32(values.count)
        values.append(value)
        indices[value] = i
        return i
    }

    func index(of value: Value) -> Int32? { indices[value] }
    var count: Int { values.count }
}
