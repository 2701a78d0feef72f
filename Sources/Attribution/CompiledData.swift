import CampaignKit
import Synchronization

/// One association interval, interned: the asset belonged to `campaign` over [from, to).
/// The per-event scans (`MatchTables`) keep copies of the visible ones whose `from` is
/// the later of the association and the campaign's creation (R8), so that `covers`
/// alone says whether an event at t can match.
struct Interval: Sendable {
    var from: Int64
    /// `Int64.max` while open.
    var to: Int64
    var campaign: Int32
    /// Shared by all intervals of the same (asset, campaign): R9 judges visibility per pair.
    var pair: Int32

    func covers(_ t: Int64) -> Bool { from <= t && t < to }
}

/// Where a loader leaves the `EventOrder` it has beside its reads, for `CompiledData`:
/// `fill` is what `Store.loadDataset(afterDecoding:)` calls.
public final class EventOrderSlot: Sendable {
    private let keepingState: Bool
    private let order = Mutex<EventOrder?>(nil)

    /// - Parameter keepingState: as the `CompiledData` it is for keeps the events' strings.
    public init(keepingState: Bool) { self.keepingState = keepingState }

    /// Takes the order the store kept for `events`, or works it out when it kept none.
    public func fill(_ events: EventTable, kept: EventOrder?) {
        let worked: EventOrder
        if let kept, kept.keepsState {
            worked = keepingState ? kept : kept.withoutState()
        } else {
            worked = EventOrder(events, keepingState: keepingState)
        }
        order.withLock { $0 = worked }
    }

    /// The order, once; nil when the loader had none (the events came from the rows, or another store).
    public func take() -> EventOrder? { order.withLock { $0.take() } }
}

/// A dataset in the engine's compact form, built once: ids interned to small
/// integers, events as parallel arrays in data order plus a time-sorted
/// permutation, identities (R11) and sessions (R10) resolved. It does not depend
/// on the clock, the time zone or the window, so the dashboard keeps it across refreshes.
public struct CompiledData: Sendable {
    /// `var`s below change only by appending events (`appending(_:)`, #17).
    public internal(set) var dataset: Dataset

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
    var keywords: Interner<String>
    var pageKeys: Interner<PageKey>

    /// The contacts' ids, each number mapped to its contact (`contact(id:)`): looked up by
    /// bytes, where a `[String: Int32]` of a million ids took a fifth of a second to build (#17).
    let contactIDs: StringPool
    let contactOfID: [Int32]
    let contactCreated: [Int64]
    /// R11: per string of the events' visitor pool, its contact (listed, else tied by an
    /// event carrying both ids), -1 for none; and the visitor ids the contacts list, each
    /// number mapped to its contact. Kept for appending events (#17), the last two only
    /// unless the events' strings were let go (`EventStrings.letGo`).
    var visitorContact: [Int32]
    let listedVisitors: StringPool
    let contactOfListed: [Int32]

    /// The events' time order and R10's sessions, with where the sessions stand after the
    /// latest event for appending (#17; its `state` is empty when the events' strings were let go).
    var order: EventOrder
    /// The latest event's time, nil without events.
    var latestEventTime: Int64? { order.byTime.last.map { eventTime[Int($0)] } }
    /// R10 session of website events, -1 for the others.
    var eventSession: [Int32] { order.eventSession }
    /// Event indices sorted by (time, data order).
    var byTime: [Int32] { order.byTime }
    var sessionCount: Int { order.sessionCount }
    // Events, in data order. Time, type and URL are the dataset's own columns, not copies of them:
    // a copy would be made again on the first append (#17: a quarter of a gigabyte at L).
    var eventTime: [Int64] { dataset.events.time }
    var eventType: [EventType] { dataset.events.type }
    /// Resolved contact (R11), -1 when anonymous.
    var eventContact: [Int32]
    /// The asset an event names, -1 for none or one not in the data.
    var eventAsset: SparseColumn
    /// Index into `urls`, -1 without a URL.
    var eventURL: [Int32] { dataset.events.column(.url) }
    /// Normalised keyword id, -1 without one.
    var eventKeyword: SparseColumn
    var urls: [ParsedURL]

    /// - Parameter strings: which of the events' strings to keep once compiled (`EventStrings`).
    /// - Parameter order: the events' time order and sessions when a loader worked them out
    ///   already (`EventOrderSlot`); worked out here when nil or not of these events.
    public init(_ dataset: consuming Dataset, strings: EventStrings = .kept, order: EventOrder? = nil) {
        // What appending events needs (the pools, the visitors' contacts, the sessions' state) is kept unless all is let go.
        let appendable = strings != .letGo
        // The time order and sessions need only the events: they are worked out on another
        // thread while this one looks up the strings, and joined before the per-event
        // columns exist, so that the sort's scratch arrays never live beside those.
        let events = dataset.events
        let given = order.flatMap { $0.byTime.count == events.count && $0.keepsState == appendable ? $0 : nil }
        let timeOrder = given == nil ? Background { EventOrder(events, keepingState: appendable) } : nil
        // With the order given, the other core parses the events' distinct URLs (tens of
        // thousands), and this one helps once done with its lookups; their page keys are numbered on this one.
        let urlStrings = events.pool(.url)
        let parsedURLs = given == nil ? nil : SharedMap(count: urlStrings.count) { ParsedURL.unnumbered(urlStrings, Int32($0)) }
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
            intervals[Int(ai)].append(Interval(from: a.associatedAt.microseconds, to: a.dissociatedAt?.microseconds ?? Int64.max,
                                               campaign: ci, pair: pair))
        }
        self.intervals = intervals
        self.pairs = pairs

        // Contact ids and listed visitor ids as byte pools, each number mapped to its contact
        // (the last one listing it, as a dictionary would keep): the events' pools are
        // matched against them by bytes, without making a String per distinct id.
        var contactIDs = StringPool()
        var contactOfID: [Int32] = []
        var listedVisitors = StringPool()
        var contactOfListed: [Int32] = []
        func record(_ number: Int32, _ contact: Int32, in map: inout [Int32]) {
            if Int(number) == map.count { map.append(contact) } else { map[Int(number)] = contact }
        }
        for (i, c) in dataset.contacts.enumerated() {
            for v in c.visitorIDs { record(listedVisitors.intern(v), Int32(i), in: &contactOfListed) }
        }
        // Strings are looked up once per distinct value (a pool entry), never per event: the
        // visitors' on another thread while this one numbers the contact ids and looks up the events'.
        let visitorContacts = Background { [events, listedVisitors, contactOfListed] in
            Self.contacts(of: events.pool(.visitor), in: listedVisitors, contactOfListed)
        }
        for (i, c) in dataset.contacts.enumerated() { record(contactIDs.intern(c.id), Int32(i), in: &contactOfID) }
        contactCreated = dataset.contacts.map(\.createdAt.microseconds)
        if appendable {
            self.listedVisitors = listedVisitors
            self.contactOfListed = contactOfListed
        } else {
            // Let go of at once, not when the compile ends: at L a million small arrays and
            // strings, freed before the per-event columns are made (#17's peak memory).
            self.listedVisitors = StringPool()
            self.contactOfListed = []
            for i in dataset.contacts.indices {
                dataset.contacts[i].email = nil
                dataset.contacts[i].visitorIDs = []
            }
        }

        let n = events.count
        let visitorColumn = events.column(.visitor)
        let contactColumn = events.column(.contact)
        let contactOfString = Self.contacts(of: events.pool(.contact), in: contactIDs, contactOfID)
        self.contactIDs = contactIDs
        self.contactOfID = contactOfID
        var contactOfVisitor = visitorContacts.value
        // R11: an event carrying both a visitor id and a contact id ties them, the first such event winning.
        for i in 0..<n {
            let v = visitorColumn[i], c = contactColumn[i]
            if v >= 0, c >= 0, contactOfVisitor[Int(v)] < 0, contactOfString[Int(c)] >= 0 {
                contactOfVisitor[Int(v)] = contactOfString[Int(c)]
            }
        }
        let assetOfString = events.pool(.asset).map { assetIndex[$0] ?? -1 }
        let keywordOfString = events.pool(.keyword).map { k -> Int32 in
            let kw = Self.normaliseKeyword(k)
            return kw.isEmpty ? -1 : keywords.intern(kw)
        }
        let urls = (parsedURLs?.value() ?? (0..<Int32(urlStrings.count)).map { ParsedURL.unnumbered(urlStrings, $0) }).map { url in
            var parsed = url.parsed
            parsed.pageKey = pageKeys.intern(url.page)
            return parsed
        }

        let order = given ?? timeOrder!.value
        // Each event's asset and keyword on another thread, while this one resolves its contact.
        let assetsAndKeywords = Background { [events, assetOfString, keywordOfString] in
            (Self.numbered(events.column(.asset), assetOfString), Self.numbered(events.column(.keyword), keywordOfString))
        }
        var eventContact = [Int32].withRoomToAppend(repeating: -1, count: n)
        for i in 0..<n {
            let c = contactColumn[i], v = visitorColumn[i]
            if c >= 0 { eventContact[i] = contactOfString[Int(c)] } else if v >= 0 { eventContact[i] = contactOfVisitor[Int(v)] }
        }
        let (eventAsset, eventKeyword) = assetsAndKeywords.value

        visitorContact = contactOfVisitor
        self.pageAssetsByKey = pageAssetsByKey
        self.trackingAssetsByKey = trackingAssetsByKey
        self.trackingURL = trackingURL
        self.paidSearchByKeyword = paidSearchByKeyword
        self.keywords = keywords
        self.pageKeys = pageKeys
        self.eventContact = eventContact
        self.eventAsset = eventAsset
        self.eventKeyword = eventKeyword
        self.urls = urls
        self.order = order
        switch strings {
        case .kept: break
        case .forAppending: dataset.events = events.lettingGoOfColumns(EventStrings.letGoForAppending)
        case .letGo: dataset.events = events.keepingStrings(of: [.url])
        }
        self.dataset = dataset
    }

    /// Per event: what `ofString` gives the string number in `column`, -1 for none.
    private static func numbered(_ column: [Int32], _ ofString: [Int32]) -> SparseColumn {
        SparseColumn(column.lazy.map { $0 >= 0 ? ofString[Int($0)] : -1 })
    }

    /// Per string of `strings`: the contact `contactOf` gives the same string in `pool`, -1 for none.
    private static func contacts(of strings: StringPool, in pool: StringPool, _ contactOf: [Int32]) -> [Int32] {
        // A lookup never adds to the pool: the copy shares its storage.
        var pool = pool
        return (0..<Int32(strings.count)).map { s in
            strings.withBytes(of: s) { pool.number(ofBytes: $0) }.map { contactOf[Int($0)] } ?? -1
        }
    }

    /// The contact whose id is `id` (the last one listed, should two share it), nil for none.
    func contact(id: String) -> Int32? { Self.contact(id: id, in: contactIDs, contactOfID) }

    /// `contact(id:)` given the pool of contact ids and the contact of each.
    static func contact(id: String, in ids: StringPool, _ contactOfID: [Int32]) -> Int32? {
        // A lookup never adds to the pool: the copy shares its storage.
        var ids = ids
        var id = id
        return id.withUTF8 { ids.number(ofBytes: UnsafeRawBufferPointer($0)) }.map { contactOfID[Int($0)] }
    }

    /// R12 rule 3: keywords compare ignoring case and surrounding space.
    static func normaliseKeyword(_ k: String) -> String {
        k.trimmed.lowercased()
    }
}

/// Which of the events' strings a compile keeps once it has made its own columns of them.
public enum EventStrings: Sendable, CaseIterable {
    /// Every column and pool: an explanation names each event's ids as the data gave them.
    case kept
    /// Every pool, and the columns of what an explanation names of an event (its contact or
    /// visitor and its URL; its asset is the compiled one), not the others: events can be
    /// appended (their strings are looked up and numbered in the pools). The dashboard's:
    /// four columns fewer, 320 MB at L.
    case forAppending
    /// The URLs alone, and the contacts' emails and visitor ids let go: a fifth less memory
    /// for a report, which never shows an event or a contact. Appending refuses such data.
    case letGo

    /// The columns `forAppending` lets go of: no explanation, list or rule reads them once compiled.
    static let letGoForAppending: Set<EventTable.Field> = [.session, .referrer, .asset, .keyword]
}
