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

/// The events' time order and R10's sessions (`CompiledData.byTime`, `eventSession`): they
/// depend on the events alone, so a loader can work them out as soon as it has decoded the
/// events, on its decoding thread, while it reads the other tables (#17).
public struct EventOrder: Sendable {
    let byTime: [Int32]
    let eventSession: [Int32]
    let sessionCount: Int
    let state: CompiledData.SessionState
    /// Whether `state` was kept (`CompiledData`'s `keepingEventStrings`).
    let keepsState: Bool

    public init(_ events: EventTable, keepingState: Bool) {
        let sorted = CompiledData.sortedByTime(events.time)
        let sessions = CompiledData.sessions(events, byTime: sorted.order, sortedOffsets: sorted.offsets,
                                             earliest: events.time.min() ?? 0, keepingState: keepingState)
        (byTime, eventSession, sessionCount, state, keepsState) = (sorted.order, sessions.eventSession, sessions.count, sessions.state, keepingState)
    }
}

/// Where a loader leaves the `EventOrder` it works out beside its reads, for `CompiledData`:
/// `fill` is what `Store.loadDataset(afterDecoding:)` calls.
public final class EventOrderSlot: Sendable {
    private let keepingState: Bool
    private let order = Mutex<EventOrder?>(nil)

    /// - Parameter keepingState: as the `CompiledData` it is for keeps the events' strings.
    public init(keepingState: Bool) { self.keepingState = keepingState }

    public func fill(_ events: EventTable) {
        let worked = EventOrder(events, keepingState: keepingState)
        order.withLock { $0 = worked }
    }

    /// The order, once; nil when the loader worked none out (the events came from the rows, or another store).
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

    let contactIndex: [String: Int32]
    let contactCreated: [Int64]
    /// R11: per string of the events' visitor pool, its contact (listed, else tied by an
    /// event carrying both ids), -1 for none; and the visitor ids the contacts list, each
    /// number mapped to its contact. Kept for appending events (#17).
    var visitorContact: [Int32]
    let listedVisitors: StringPool
    let contactOfListed: [Int32]

    /// The latest event's time, nil without events.
    var latestEventTime: Int64?
    // Events, in data order.
    var eventTime: [Int64]
    var eventType: [EventType]
    /// Resolved contact (R11), -1 when anonymous.
    var eventContact: [Int32]
    var eventAsset: [Int32]
    /// R10 session of website events, -1 for the others.
    var eventSession: [Int32]
    /// Index into `urls`, -1 without a URL.
    var eventURL: [Int32]
    /// Normalised keyword id, -1 without one.
    var eventKeyword: [Int32]
    /// Event indices sorted by (time, data order).
    var byTime: [Int32]
    /// R10 after the latest event, for appending (#17): per string of the events' visitor
    /// pool, the time and session of its latest website event whose session it derives
    /// (-1 for none), and per string of the session pool, its session. Empty when the
    /// events' strings were let go (nothing is appended then).
    var sessionState: SessionState
    var urls: [ParsedURL]
    var sessionCount: Int

    /// Where R10's sessions stand after the latest event (`sessionState`).
    struct SessionState: Sendable {
        var visitorLastTime: [Int64] = []
        var visitorSession: [Int32] = []
        var givenSession: [Int32] = []
    }

    /// R10: more than this many microseconds without an event starts a new session.
    static let sessionGap: Int64 = 30 * 60 * 1_000_000

    /// - Parameter keepingEventStrings: false to let go of the events' ids (visitor,
    ///   contact, session, asset, keyword, referrer) once compiled, keeping only their
    ///   URLs: a fifth less memory for a report, which never shows an event. Explanations
    ///   (`Explainer`) need them kept.
    /// - Parameter order: the events' time order and sessions when a loader worked them out
    ///   already (`EventOrderSlot`); worked out here when nil or not of these events.
    public init(_ dataset: Dataset, keepingEventStrings: Bool = true, order: EventOrder? = nil) {
        var kept = dataset
        if !keepingEventStrings { kept.events = dataset.events.keepingStrings(of: [.url]) }
        self.dataset = kept
        // The time order and sessions need only the events: they are worked out on another
        // thread while this one looks up the strings, and joined before the per-event
        // columns exist, so that the sort's scratch arrays never live beside those.
        let events = dataset.events
        let given = order.flatMap { $0.byTime.count == events.count && $0.keepsState == keepingEventStrings ? $0 : nil }
        let timeOrder = given == nil ? Background { EventOrder(events, keepingState: keepingEventStrings) } : nil
        // With the order given, the other core parses the events' distinct URLs (tens of
        // thousands, half of this thread's work); their page keys are numbered on this one.
        let urlStrings = events.pool(.url)
        let parsedURLs = given == nil ? nil : Background { urlStrings.map(ParsedURL.unnumbered) }
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

        var contactIndex = [String: Int32](minimumCapacity: dataset.contacts.count)
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
            contactIndex[c.id] = Int32(i)
            record(contactIDs.intern(c.id), Int32(i), in: &contactOfID)
            for v in c.visitorIDs { record(listedVisitors.intern(v), Int32(i), in: &contactOfListed) }
        }
        self.contactIndex = contactIndex
        contactCreated = dataset.contacts.map(\.createdAt.microseconds)
        self.listedVisitors = listedVisitors
        self.contactOfListed = contactOfListed

        // Strings are looked up once per distinct value (a pool entry), never per event.
        let n = events.count
        let visitorColumn = events.column(.visitor)
        let contactColumn = events.column(.contact)
        func mapped(_ field: EventTable.Field, _ pool: inout StringPool, _ map: [Int32]) -> [Int32] {
            let strings = events.pool(field)
            return (0..<Int32(strings.count)).map { s in
                strings.withBytes(of: s) { pool.number(ofBytes: $0) }.map { map[Int($0)] } ?? -1
            }
        }
        let contactOfString = mapped(.contact, &contactIDs, contactOfID)
        var contactOfVisitor = mapped(.visitor, &listedVisitors, contactOfListed)
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
        let urls = (parsedURLs?.value ?? urlStrings.map(ParsedURL.unnumbered)).map { url in
            var parsed = url.parsed
            parsed.pageKey = pageKeys.intern(url.page)
            return parsed
        }

        let eventTime = events.time
        let eventType = events.type
        let order = given ?? timeOrder!.value
        let (byTime, eventSession, sessionCount, sessionState) = (order.byTime, order.eventSession, order.sessionCount, order.state)
        var eventContact = [Int32](repeating: -1, count: n)
        var eventAsset = [Int32](repeating: -1, count: n)
        var eventKeyword = [Int32](repeating: -1, count: n)
        let assetColumn = events.column(.asset)
        let keywordColumn = events.column(.keyword)
        for i in 0..<n {
            let c = contactColumn[i], v = visitorColumn[i], a = assetColumn[i], k = keywordColumn[i]
            if c >= 0 { eventContact[i] = contactOfString[Int(c)] } else if v >= 0 { eventContact[i] = contactOfVisitor[Int(v)] }
            if a >= 0 { eventAsset[i] = assetOfString[Int(a)] }
            if k >= 0 { eventKeyword[i] = keywordOfString[Int(k)] }
        }

        visitorContact = contactOfVisitor
        self.pageAssetsByKey = pageAssetsByKey
        self.trackingAssetsByKey = trackingAssetsByKey
        self.trackingURL = trackingURL
        self.paidSearchByKeyword = paidSearchByKeyword
        self.keywords = keywords
        self.pageKeys = pageKeys
        self.eventTime = eventTime
        latestEventTime = byTime.last.map { eventTime[Int($0)] }
        self.eventType = eventType
        self.eventContact = eventContact
        self.eventAsset = eventAsset
        self.eventSession = eventSession
        self.eventURL = events.column(.url)
        self.eventKeyword = eventKeyword
        self.byTime = byTime
        self.urls = urls
        self.sessionCount = sessionCount
        self.sessionState = sessionState
    }

    /// R10: a given session id is the session; otherwise per visitor (else contact, the
    /// id taken literally), a new session after more than 30 minutes without an event.
    /// Returns each website event's session (-1 for other events), the number of sessions
    /// and, with `keepingState`, where each visitor and session id stands after the latest event.
    /// `sortedOffsets[j]` is the time of event `byTime[j]` less `earliest` (`sortedByTime`).
    static func sessions(_ events: EventTable, byTime: [Int32], sortedOffsets: [UInt64], earliest: Int64,
                         keepingState: Bool) -> (eventSession: [Int32], count: Int, state: SessionState) {
        let n = events.count
        let sessionColumn = events.column(.session)
        let visitorColumn = events.column(.visitor)
        let contactColumn = events.column(.contact)
        let visitors = events.pool(.visitor)
        let givenCount = Int32(events.pool(.session).count)
        // Owners are visitor strings, numbered as in the visitor pool; a contact id that is
        // no visitor id's string gets a number after them, made when first needed.
        var visitorOfString: [String: Int32]?
        var ownerOfContactString = [Int32](repeating: -1, count: events.pool(.contact).count)
        var ownerCount = Int32(visitors.count)
        func owner(ofContact c: Int32) -> Int32 {
            if ownerOfContactString[Int(c)] >= 0 { return ownerOfContactString[Int(c)] }
            if visitorOfString == nil {
                visitorOfString = Dictionary((0..<Int32(visitors.count)).map { (visitors[$0], $0) }, uniquingKeysWith: { a, _ in a })
            }
            let o: Int32
            if let v = visitorOfString![events.pool(.contact)[c]] { o = v } else { o = ownerCount; ownerCount += 1 }
            ownerOfContactString[Int(c)] = o
            return o
        }

        // What decides each event's session, in one number, worked out in data order so that
        // the walk in time order reads one column: -1 not a website event, -2 a session of its
        // own, 0..<givenCount a given session id, givenCount + o the gaps of owner o.
        let notWebsite: Int32 = -1, alone: Int32 = -2
        var key = [Int32](repeating: notWebsite, count: n)
        let type = events.type
        for i in 0..<n where type[i].isWebsite {
            if sessionColumn[i] >= 0 { key[i] = sessionColumn[i] }
            else if visitorColumn[i] >= 0 { key[i] = givenCount + visitorColumn[i] }
            else if contactColumn[i] >= 0 { key[i] = givenCount + owner(ofContact: contactColumn[i]) }
            else { key[i] = alone }
        }

        var eventSession = [Int32](repeating: -1, count: n)
        var sessionOfGiven = [Int32](repeating: -1, count: Int(givenCount))
        var lastTime = [UInt64](repeating: 0, count: Int(ownerCount))
        var lastSession = [Int32](repeating: -1, count: Int(ownerCount))
        var sessionCount: Int32 = 0
        // On raw buffers: the walk jumps about four arrays for every event, and checked,
        // copy-on-write access to them made a large part of its time.
        key.withUnsafeBufferPointer { key in
            eventSession.withUnsafeMutableBufferPointer { eventSession in
                sessionOfGiven.withUnsafeMutableBufferPointer { sessionOfGiven in
                    lastTime.withUnsafeMutableBufferPointer { lastTime in
                        lastSession.withUnsafeMutableBufferPointer { lastSession in
                            for (j, ei) in byTime.enumerated() {
                                let i = Int(ei)
                                let k = key[i]
                                if k == notWebsite { continue }
                                if k == alone {
                                    eventSession[i] = sessionCount; sessionCount += 1
                                } else if k < givenCount {
                                    let g = Int(k)
                                    if sessionOfGiven[g] < 0 { sessionOfGiven[g] = sessionCount; sessionCount += 1 }
                                    eventSession[i] = sessionOfGiven[g]
                                } else {
                                    let o = Int(k - givenCount)
                                    let t = sortedOffsets[j]
                                    if lastSession[o] < 0 || t - lastTime[o] > UInt64(sessionGap) {
                                        lastSession[o] = sessionCount; sessionCount += 1
                                    }
                                    lastTime[o] = t
                                    eventSession[i] = lastSession[o]
                                }
                            }
                        }
                    }
                }
            }
        }
        guard keepingState else { return (eventSession, Int(sessionCount), SessionState()) }
        let visitorCount = visitors.count
        let state = SessionState(visitorLastTime: lastTime[..<visitorCount].map { Int64(bitPattern: $0) &+ earliest },
                                 visitorSession: Array(lastSession[..<visitorCount]), givenSession: sessionOfGiven)
        return (eventSession, Int(sessionCount), state)
    }

    /// Event indices sorted by (time, data order); data already in time order is left as it is.
    /// With the order, each time's offset from the earliest, in that order.
    ///
    /// A stable least-significant-digit radix sort: a few sequential passes instead of
    /// 2M × log 2M comparisons through a closure. It sorts whole seconds (CSV exports rarely
    /// carry fractions, and one stray fraction must not make every key 20 bits wider), each
    /// second and its event index packed in one word, then puts the few events that share a
    /// second but not a microsecond in order. Spans of more than 136 years take the wide sort.
    static func sortedByTime(_ times: [Int64]) -> (order: [Int32], offsets: [UInt64]) {
        let n = times.count
        let earliest = times.min() ?? 0
        if zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 }) {
            return ([Int32](0..<Int32(n)), times.map { UInt64(bitPattern: $0 &- earliest) })
        }
        let spanSeconds = UInt64(bitPattern: times.max()! &- earliest) / 1_000_000
        guard spanSeconds >> 32 == 0 else { return wideSortedByTime(times, earliest: earliest) }
        var fractions = false
        var items = [UInt64](unsafeUninitializedCapacity: n) { buffer, count in
            for i in 0..<n {
                let offset = UInt64(bitPattern: times[i] &- earliest)
                let second = offset / 1_000_000
                fractions = fractions || second &* 1_000_000 != offset
                buffer[i] = second << 32 | UInt64(i)
            }
            count = n
        }
        radixSort(&items, keyBits: 64 - spanSeconds.leadingZeroBitCount, keyShift: 32)
        var order = items.map { Int32(truncatingIfNeeded: $0) }
        guard fractions else { return (order, items.map { ($0 >> 32) &* 1_000_000 }) }
        var offsets = order.map { UInt64(bitPattern: times[Int($0)] &- earliest) }
        var j = 0
        while j < n {
            var end = j + 1
            while end < n && items[end] >> 32 == items[j] >> 32 { end += 1 }
            if end - j > 1 && !zip(offsets[j..<end], offsets[j + 1..<end]).allSatisfy({ $0 <= $1 }) {
                // Within one second the indices are in data order already: ties stay so.
                let run = zip(offsets[j..<end], order[j..<end]).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
                for (k, (offset, event)) in run.enumerated() { (offsets[j + k], order[j + k]) = (offset, event) }
            }
            j = end
        }
        return (order, offsets)
    }

    /// Sorts words by their bits `keyShift ..< keyShift + keyBits`, stably: digits as wide
    /// as up to 11 bits allow (26 bits of two years' seconds: three passes, not four), their
    /// counts all taken in one read, and a digit every key shares costs no pass.
    static func radixSort(_ items: inout [UInt64], keyBits: Int, keyShift: Int) {
        let n = items.count
        let passes = (keyBits + 10) / 11
        guard passes > 0 else { return }
        let digitBits = (keyBits + passes - 1) / passes
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)
        var counts = [Int](repeating: 0, count: radix * passes)
        counts.withUnsafeMutableBufferPointer { counts in
            for item in items {
                for p in 0..<passes { counts[p * radix + Int(item >> UInt64(keyShift + p * digitBits) & mask)] += 1 }
            }
        }
        // Filled whole by each pass before it is read.
        var scratch = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
        for p in 0..<passes {
            let base = p * radix
            if counts[base..<base + radix].contains(n) { continue }
            var total = 0
            for d in base..<base + radix { (counts[d], total) = (total, total + counts[d]) }
            let shift = UInt64(keyShift + p * digitBits)
            items.withUnsafeBufferPointer { from in
                scratch.withUnsafeMutableBufferPointer { to in
                    counts.withUnsafeMutableBufferPointer { next in
                        for item in from {
                            let d = base + Int(item >> shift & mask)
                            to[next[d]] = item
                            next[d] += 1
                        }
                    }
                }
            }
            swap(&items, &scratch)
        }
    }

    /// `sortedByTime` over any span of instants: the 64-bit offsets sorted with their indices beside them.
    private static func wideSortedByTime(_ times: [Int64], earliest: Int64) -> (order: [Int32], offsets: [UInt64]) {
        let n = times.count
        let span = UInt64(bitPattern: times.max()! &- earliest)
        var keys = times.map { UInt64(bitPattern: $0 &- earliest) }
        var order = [Int32](0..<Int32(n))
        var keysOut = [UInt64](repeating: 0, count: n)
        var orderOut = [Int32](repeating: 0, count: n)
        let digitBits: UInt64 = 8
        let mask = (UInt64(1) << digitBits) - 1
        var shift: UInt64 = 0
        while shift < 64 && span >> shift != 0 {
            var counts = [Int](repeating: 0, count: Int(mask) + 2)
            for k in keys { counts[Int((k >> shift) & mask) + 1] += 1 }
            for d in 1..<counts.count { counts[d] += counts[d - 1] }
            for j in 0..<n {
                let d = Int((keys[j] >> shift) & mask)
                let at = counts[d]
                counts[d] = at + 1
                keysOut[at] = keys[j]
                orderOut[at] = order[j]
            }
            swap(&keys, &keysOut)
            swap(&order, &orderOut)
            shift += digitBits
        }
        return (order, keys)
    }

    /// R12 rule 3: keywords compare ignoring case and surrounding space.
    static func normaliseKeyword(_ k: String) -> String {
        k.trimmed.lowercased()
    }
}
