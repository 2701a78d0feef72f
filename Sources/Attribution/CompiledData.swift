import CampaignKit

/// One association interval, interned: the asset belonged to `campaign` over [from, to).
struct Interval: Sendable {
    var campaign: Int32
    var from: Int64
    /// `Int64.max` while open.
    var to: Int64
    /// Shared by all intervals of the same (asset, campaign): R9 judges visibility per pair.
    var pair: Int32

    func covers(_ t: Int64) -> Bool { from <= t && t < to }
}

/// A dataset in the engine's compact form, built once: ids interned to small
/// integers, events as parallel arrays in data order plus a time-sorted
/// permutation, identities (R11) and sessions (R10) resolved. It does not depend
/// on the clock, the time zone or the window, so the dashboard keeps it across refreshes.
public struct CompiledData: Sendable {
    public let dataset: Dataset

    /// Campaigns sorted by id (byte order): a smaller index is a smaller id.
    let campaigns: [Campaign]
    let campaignIndex: [String: Int32]
    let campaignCreated: [Int64]
    /// utm match key → owning campaign and the instant that value was attached.
    let utmOwner: [String: (campaign: Int32, attachedAt: Int64)]

    let assets: [Asset]
    let assetIndex: [String: Int32]
    let intervals: [[Interval]]
    /// (asset, campaign) of each pair id.
    let pairs: [(asset: Int32, campaign: Int32)]
    let pageAssetsByKey: [Int32: [Int32]]
    let trackingAssetsByKey: [Int32: [Int32]]
    /// Parsed URL of each tracking_url asset.
    let trackingURL: [Int32: ParsedURL]
    /// Normalised keyword id → paid_search assets carrying it.
    let paidSearchByKeyword: [Int32: [Int32]]
    let keywords: Interner<String>
    let pageKeys: Interner<PageKey>

    let contactIndex: [String: Int32]
    let contactCreated: [Int64]

    // Events, in data order.
    let eventTime: [Int64]
    let eventType: [EventType]
    /// Resolved contact (R11), -1 when anonymous.
    let eventContact: [Int32]
    let eventAsset: [Int32]
    /// R10 session of website events, -1 for the others.
    let eventSession: [Int32]
    /// Index into `urls`, -1 without a URL.
    let eventURL: [Int32]
    /// Normalised keyword id, -1 without one.
    let eventKeyword: [Int32]
    /// Event indices sorted by (time, data order).
    let byTime: [Int32]
    let urls: [ParsedURL]
    let sessionCount: Int

    /// R10: more than this many microseconds without an event starts a new session.
    static let sessionGap: Int64 = 30 * 60 * 1_000_000

    public init(_ dataset: Dataset) {
        self.dataset = dataset
        let campaigns = dataset.campaigns.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        self.campaigns = campaigns
        var campaignIndex: [String: Int32] = [:]
        var utmOwner: [String: (campaign: Int32, attachedAt: Int64)] = [:]
        for (i, c) in campaigns.enumerated() {
            campaignIndex[c.id] = Int32(i)
            for v in c.allUtmValues {
                let key = v.key
                if let existing = utmOwner[key], existing.campaign == Int32(i), existing.attachedAt <= v.attachedAt.microseconds { continue }
                utmOwner[key] = (Int32(i), v.attachedAt.microseconds)
            }
        }
        self.campaignIndex = campaignIndex
        self.utmOwner = utmOwner
        campaignCreated = campaigns.map(\.createdAt.microseconds)

        var pageKeys = Interner<PageKey>()
        var keywords = Interner<String>()
        var assetIndex: [String: Int32] = [:]
        var pageAssetsByKey: [Int32: [Int32]] = [:]
        var trackingAssetsByKey: [Int32: [Int32]] = [:]
        var trackingURL: [Int32: ParsedURL] = [:]
        var paidSearchByKeyword: [Int32: [Int32]] = [:]
        for (i, a) in dataset.assets.enumerated() {
            let ai = Int32(i)
            assetIndex[a.id] = ai
            if a.type.isPage, let url = a.url {
                pageAssetsByKey[pageKeys.intern(PageKey(url: url)), default: []].append(ai)
            } else if a.type == .trackingURL, let url = a.url {
                let parsed = ParsedURL(url: url, pageKeys: &pageKeys)
                trackingURL[ai] = parsed
                trackingAssetsByKey[parsed.pageKey, default: []].append(ai)
            } else if a.type == .paidSearch {
                for kw in Set(a.keywords.map(Self.normaliseKeyword)) where !kw.isEmpty {
                    paidSearchByKeyword[keywords.intern(kw), default: []].append(ai)
                }
            }
        }
        assets = dataset.assets
        self.assetIndex = assetIndex

        var intervals = [[Interval]](repeating: [], count: dataset.assets.count)
        var pairIndex: [Int64: Int32] = [:]
        var pairs: [(asset: Int32, campaign: Int32)] = []
        for a in dataset.associations {
            guard let ai = assetIndex[a.assetID], let ci = campaignIndex[a.campaignID] else { continue }
            let pairKey = Int64(ai) << 32 | Int64(ci)
            let pair: Int32
            if let p = pairIndex[pairKey] { pair = p } else {
                pair = Int32(pairs.count); pairIndex[pairKey] = pair; pairs.append((ai, ci))
            }
            intervals[Int(ai)].append(Interval(campaign: ci, from: a.associatedAt.microseconds,
                                               to: a.dissociatedAt?.microseconds ?? Int64.max, pair: pair))
        }
        self.intervals = intervals
        self.pairs = pairs

        var contactIndex: [String: Int32] = [:]
        var visitorContact: [String: Int32] = [:]
        for (i, c) in dataset.contacts.enumerated() {
            contactIndex[c.id] = Int32(i)
            for v in c.visitorIDs { visitorContact[v] = Int32(i) }
        }
        self.contactIndex = contactIndex
        contactCreated = dataset.contacts.map(\.createdAt.microseconds)

        // R11: an event carrying both a visitor id and a contact id ties them.
        for e in dataset.events {
            if let v = e.visitorID, let c = e.contactID, let ci = contactIndex[c], visitorContact[v] == nil {
                visitorContact[v] = ci
            }
        }

        let n = dataset.events.count
        var eventTime = [Int64](repeating: 0, count: n)
        var eventType = [EventType](repeating: .pageView, count: n)
        var eventContact = [Int32](repeating: -1, count: n)
        var eventAsset = [Int32](repeating: -1, count: n)
        var eventURL = [Int32](repeating: -1, count: n)
        var eventKeyword = [Int32](repeating: -1, count: n)
        var urlIndex: [String: Int32] = [:]
        var urls: [ParsedURL] = []
        for (i, e) in dataset.events.enumerated() {
            eventTime[i] = e.time.microseconds
            eventType[i] = e.type
            if let c = e.contactID { eventContact[i] = contactIndex[c] ?? -1 }
            else if let v = e.visitorID { eventContact[i] = visitorContact[v] ?? -1 }
            if let a = e.assetID { eventAsset[i] = assetIndex[a] ?? -1 }
            if let u = e.url {
                if let ui = urlIndex[u] { eventURL[i] = ui } else {
                    let ui = Int32(urls.count)
                    urls.append(ParsedURL(url: u, pageKeys: &pageKeys))
                    urlIndex[u] = ui
                    eventURL[i] = ui
                }
            }
            if let k = e.keyword {
                let kw = Self.normaliseKeyword(k)
                if !kw.isEmpty { eventKeyword[i] = keywords.intern(kw) }
            }
        }
        var byTime = [Int32](0..<Int32(n))
        byTime.sort { eventTime[Int($0)] != eventTime[Int($1)] ? eventTime[Int($0)] < eventTime[Int($1)] : $0 < $1 }

        // R10: a given session id is the session; otherwise per visitor (else contact),
        // a new session after more than 30 minutes without an event.
        var eventSession = [Int32](repeating: -1, count: n)
        var givenSessions: [String: Int32] = [:]
        var lastByVisitor: [String: (time: Int64, session: Int32)] = [:]
        var sessionCount: Int32 = 0
        for ei in byTime {
            let i = Int(ei)
            let e = dataset.events[i]
            guard e.type.isWebsite else { continue }
            if let s = e.sessionID {
                if let si = givenSessions[s] { eventSession[i] = si } else {
                    givenSessions[s] = sessionCount; eventSession[i] = sessionCount; sessionCount += 1
                }
            } else if let who = e.visitorID ?? e.contactID {
                if let last = lastByVisitor[who], eventTime[i] - last.time <= Self.sessionGap {
                    eventSession[i] = last.session
                    lastByVisitor[who] = (eventTime[i], last.session)
                } else {
                    eventSession[i] = sessionCount
                    lastByVisitor[who] = (eventTime[i], sessionCount)
                    sessionCount += 1
                }
            } else {
                eventSession[i] = sessionCount; sessionCount += 1
            }
        }

        self.pageAssetsByKey = pageAssetsByKey
        self.trackingAssetsByKey = trackingAssetsByKey
        self.trackingURL = trackingURL
        self.paidSearchByKeyword = paidSearchByKeyword
        self.keywords = keywords
        self.pageKeys = pageKeys
        self.eventTime = eventTime
        self.eventType = eventType
        self.eventContact = eventContact
        self.eventAsset = eventAsset
        self.eventSession = eventSession
        self.eventURL = eventURL
        self.eventKeyword = eventKeyword
        self.byTime = byTime
        self.urls = urls
        self.sessionCount = Int(sessionCount)
    }

    /// R12 rule 3: keywords compare ignoring case and surrounding space.
    static func normaliseKeyword(_ k: String) -> String {
        k.trimmed.lowercased()
    }
}
