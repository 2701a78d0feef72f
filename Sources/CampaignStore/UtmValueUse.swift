import CampaignKit

/// Where utm values are in use, by R4's match key: the events and the assets whose URL
/// carries one as its utm_campaign. A value in use cannot leave the store without a
/// number changing: a page view tagged with it would count for no campaign, or become an
/// unlinked value (R5), and a tracking URL would no longer match its campaign's value.
enum UtmValueUse {
    /// The events at or after `since` (at any time when nil) whose URL's utm_campaign has
    /// one of `keys` as its match key, of any type (R16 reads a form submission's page).
    /// Reads every event that could carry a tag, so it takes a while on a large store;
    /// each distinct URL is parsed once.
    static func events(taggedWith keys: Set<String>, since: Instant?, _ db: some StoreDatabase) throws -> (count: Int, first: Instant?) {
        guard !keys.isEmpty else { return (0, nil) }
        // A parameter named utm_campaign in any case holds "utm" as written, or a percent escape.
        // (LIKE ignores case in SQLite, not in PostgreSQL: ILIKE there.)
        let like = db.dialect == .sqlite ? "LIKE" : "ILIKE"
        var tagged: [String: Bool] = [:]
        var count = 0
        var first: Instant?
        try db.each("""
            SELECT url, time FROM events
            WHERE url IS NOT NULL AND (url \(like) '%utm%' OR url LIKE '%!%%' ESCAPE '!') AND time >= ?
            """, [since?.microseconds ?? Int64.min]) { row in
            let url: String = row[0]
            let carries: Bool
            if let known = tagged[url] { carries = known } else {
                carries = UtmTags(url: url).campaign.map { keys.contains(UtmTags.matchKey($0)) } ?? false
                tagged[url] = carries
            }
            guard carries else { return }
            count += 1
            let time = Instant(microseconds: row[1])
            if first.map({ time < $0 }) ?? true { first = time }
        }
        return (count, first)
    }

    /// The assets (of any campaign, or none) whose URL's utm_campaign has one of `keys` as its match key.
    static func assets(taggedWith keys: Set<String>, _ db: some StoreDatabase) throws -> [(id: String, name: String)] {
        guard !keys.isEmpty else { return [] }
        return try db.rows("SELECT id, name, url FROM assets WHERE url IS NOT NULL ORDER BY seq").compactMap { row in
            guard let value = UtmTags(url: row[2]).campaign, keys.contains(UtmTags.matchKey(value)) else { return nil }
            return (row[0], row[1])
        }
    }

    /// Why values are in use: an asset's URL carries one, or an event at or after `since`
    /// does. One clause per kind of use ("2 events carry it, the first at …", with `pronoun`
    /// for the values); empty when they are not in use.
    static func uses(of keys: Set<String>, since: Instant?, pronoun: String = "it", _ db: some StoreDatabase) throws -> [String] {
        var uses: [String] = []
        let assets = try assets(taggedWith: keys, db)
        if let asset = assets.first {
            let more = assets.count > 1 ? " and \(assets.count - 1) more asset\(assets.count > 2 ? "s" : "")" : ""
            uses.append("the URL of asset \(asset.id) (“\(asset.name)”)\(more) carries \(pronoun)")
        }
        let events = try events(taggedWith: keys, since: since, db)
        if let first = events.first {
            uses.append("\(events.count) event\(events.count == 1 ? "" : "s") carr\(events.count == 1 ? "ies" : "y") \(pronoun), the first at \(first.iso8601)")
        }
        return uses
    }
}
