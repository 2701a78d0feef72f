import Foundation
import CampaignKit

/// What the rules need from each distinct URL and keyword, worked out once rather
/// than once per page view: a million views share a few thousand URLs, and a URL's
/// utm owner (R4), unlinked key (R5) and matching tracking URLs (R12) are fixed.
/// Independent of the clock and of visibility (R9 is judged with it).
struct URLFacts: Sendable {
    /// Per URL: the campaign owning its utm value, -1 for none (R4).
    private(set) var utmCampaign: [Int32]
    /// Per URL with an owner: the first instant its tag counts — the value's
    /// attachment or the campaign's creation, whichever is later (R4, R8).
    private(set) var utmFrom: [Int64]
    /// Per URL: its unlinked utm key (R5) as an index into `unlinkedKeys`, -1 for none.
    private(set) var unlinked: [Int32]
    var unlinkedKeys: [String] { keys.strings }
    /// The unlinked keys, numbered in the order their URLs come.
    private var keys: StringTable
    /// The unlinked keys' indices sorted by key (byte order), as reports list them.
    private(set) var unlinkedOrder: [Int32]
    private(set) var pageKey: [Int32]
    /// Per URL: the tracking_url assets on its page whose every utm tag it carries (R12).
    private(set) var trackingAssets: FlatLists<Int32>
    /// Per keyword id: the paid_search assets carrying it (R12 rule 3).
    private(set) var keywordAssets: FlatLists<Int32>
    let assetType: [AssetType]

    init(_ data: CompiledData) {
        let n = data.urls.count
        var utmCampaign = [Int32](repeating: -1, count: n)
        var utmFrom = [Int64](repeating: Int64.max, count: n)
        var unlinked = [Int32](repeating: -1, count: n)
        var pageKey = [Int32](repeating: -1, count: n)
        var tracking = [[Int32]](repeating: [], count: n)
        var trackingByPage = [[Int32]](repeating: [], count: data.pageKeys.count)
        for (key, assets) in data.trackingAssetsByKey { trackingByPage[Int(key)] = assets }
        // Thousands of URLs share a few thousand raw values: lowercase and look each up once.
        var values = StringTable(), keys = StringTable()
        var valueFacts: [(campaign: Int32, from: Int64, unlinked: Int32)] = []
        for u in 0..<n {
            let url = data.urls[u]
            pageKey[u] = url.pageKey
            if let value = url.campaignValue {
                let (v, isNew) = values.index(of: value)
                if isNew {
                    let key = UtmTags.matchKey(value)
                    if let owner = data.utmOwner[key] {
                        valueFacts.append((owner.campaign, max(owner.attachedAt, data.campaignCreated[Int(owner.campaign)]), -1))
                    } else {
                        valueFacts.append((-1, Int64.max, keys.index(of: key).index))
                    }
                }
                (utmCampaign[u], utmFrom[u], unlinked[u]) = valueFacts[Int(v)]
            }
            if !trackingByPage[Int(url.pageKey)].isEmpty {
                tracking[u] = trackingByPage[Int(url.pageKey)].filter { url.carriesAllTags(of: data.trackingURL[$0]!) }
            }
        }
        var keywordAssets = [[Int32]](repeating: [], count: data.keywords.count)
        for (kw, assets) in data.paidSearchByKeyword { keywordAssets[Int(kw)] = assets }

        self.utmCampaign = utmCampaign
        self.utmFrom = utmFrom
        self.unlinked = unlinked
        self.keys = keys
        let bytes = keys.strings.map { Array($0.utf8) }
        unlinkedOrder = (0..<Int32(bytes.count)).sorted { Self.precedes(bytes[Int($0)], bytes[Int($1)]) }
        self.pageKey = pageKey
        trackingAssets = FlatLists(tracking)
        self.keywordAssets = FlatLists(keywordAssets)
        assetType = data.assets.map(\.type)
    }

    /// #17: the facts of URLs and keywords that appended events brought (`data.urls` and
    /// `data.keywords` grown), numbered on as `init` numbers them. A new keyword has no
    /// paid_search asset: those are interned when the data is compiled. Returns the
    /// number of unlinked keys before, the new ones following it.
    mutating func extend(to data: CompiledData) -> Int {
        let keyCount = keys.strings.count
        for u in pageKey.count..<data.urls.count {
            let url = data.urls[u]
            pageKey.append(url.pageKey)
            var facts: (campaign: Int32, from: Int64, unlinked: Int32) = (-1, Int64.max, -1)
            if let value = url.campaignValue {
                let key = UtmTags.matchKey(value)
                if let owner = data.utmOwner[key] {
                    facts = (owner.campaign, max(owner.attachedAt, data.campaignCreated[Int(owner.campaign)]), -1)
                } else {
                    facts.unlinked = keys.index(of: key).index
                }
            }
            utmCampaign.append(facts.campaign)
            utmFrom.append(facts.from)
            unlinked.append(facts.unlinked)
            trackingAssets.append((data.trackingAssetsByKey[url.pageKey] ?? []).filter { url.carriesAllTags(of: data.trackingURL[$0]!) })
        }
        for _ in keywordAssets.count..<data.keywords.count { keywordAssets.append([]) }
        if keys.strings.count > keyCount {
            let bytes = keys.strings.map { Array($0.utf8) }
            unlinkedOrder = (0..<Int32(bytes.count)).sorted { Self.precedes(bytes[Int($0)], bytes[Int($1)]) }
        }
        return keyCount
    }

    /// Byte order, through memcmp.
    private static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let c = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in memcmp(x.baseAddress!, y.baseAddress!, min(a.count, b.count)) } }
        return c != 0 ? c < 0 : a.count < b.count
    }
}

/// Distinct strings numbered in first-seen order, hashed with FNV-1a over their UTF-8
/// bytes. A Dictionary hashes a String with SipHash after checking its normalisation,
/// which for tens of thousands of short ASCII values is most of the cost of looking them up.
struct StringTable: Sendable {
    private(set) var strings: [String] = []
    private var hashes: [UInt64] = []
    /// Open addressing: a string's index, -1 for an empty slot.
    private var slots = [Int32](repeating: -1, count: 1 << 10)

    /// The string's number, and whether it was new.
    mutating func index(of s: String) -> (index: Int32, isNew: Bool) {
        let h = Self.hash(s)
        var slot = Int(truncatingIfNeeded: h) & (slots.count - 1)
        while slots[slot] >= 0 {
            let i = Int(slots[slot])
            if hashes[i] == h && strings[i] == s { return (Int32(i), false) }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = Int32(strings.count)
        strings.append(s)
        hashes.append(h)
        if strings.count * 2 > slots.count { grow() }
        return (Int32(strings.count - 1), true)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(i)
        }
    }

    private static func hash(_ s: String) -> UInt64 {
        func fnv<S: Sequence<UInt8>>(_ bytes: S) -> UInt64 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            return h ^ (h >> 29)
        }
        return s.utf8.withContiguousStorageIfAvailable { fnv($0) } ?? fnv(s.utf8)
    }
}
