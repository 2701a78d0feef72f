import Foundation
import CampaignKit

/// Everything the rules decide about the data for one clock (`asOf`) and time zone,
/// independent of the report window: each event's campaign (R12, R13), the
/// visibility of each asset (R9), first and last touch (R15, R16), each contact's
/// first qualifying interaction per campaign, and each deal's influencing campaigns.
/// A window's numbers are then a cheap count over it (`report(window:)`).
///
/// Built in a few passes over flat arrays: candidates are looked up per distinct URL,
/// keyword and asset (`MatchTables`), and per-contact and per-session work walks
/// each one's events grouped in one flat array (`EventGroups`) instead of hashing
/// (contact, campaign) or (session, campaign) keys per event.
///
/// The `var`s change only when events are appended (`append(_:asOf:)`, #17).
public struct Analysis: Sendable {
    public internal(set) var data: CompiledData
    public internal(set) var asOf: Instant
    public let zone: TimeZone
    let visibility: Visibility
    var tables: MatchTables

    /// Per event: the campaign it counts for, -1 for none, and the rule that decided.
    var eventCampaign: [Int32]
    var eventRule: [MatchRule]
    /// Per event, the (asset, campaign) pairs it counts for (R14 per asset), as offsets into `creditPairs`.
    var creditStart: [Int32]
    var creditPairs: [Int32]
    /// Per credit: the previous event of the same contact, in (time, data order), that
    /// credits the same pair; -1 for none or an anonymous event. A window's distinct
    /// contacts per asset are its credits whose previous one lies before the window.
    var creditPrevious: [Int32]
    /// Per page view with a campaign: the previous page view of the same session with
    /// the same campaign (R14 sessions), and the previous one on the same day in the
    /// analysis zone (sessions per day); -1 for none. The first view of a window
    /// counts a session when its previous one lies before the window.
    var sessionPrevious: SparseColumn
    var sessionDayPrevious: SparseColumn
    /// Per unlinked key (`tables.facts.unlinkedKeys`): the campaign it most likely meant (R5), -1 when unsure.
    var unlinkedSuggestion: [Int32]
    /// The open window's counts, taken while the passes that make the arrays above run
    /// rather than in a pass of their own.
    var allData: WindowCounts

    /// Per contact and per session (R10): its events in (time, data order).
    var contactEvents: EventGroups
    var sessionEvents: EventGroups
    /// Per contact: its first qualifying interaction with each campaign, in time order.
    var influence: FlatLists<Influence>
    /// Per contact: the first-touch event (R15) and its campaign, -1 for none.
    var firstTouchEvent: [Int32]
    var firstTouchCampaign: [Int32]
    /// Per contact: the conversion (R16), the last-touch campaign and the event that decided it.
    var conversionEvent: [Int32]
    var lastTouchCampaign: [Int32]
    var lastTouchEvent: [Int32]
    /// Per deal index in the dataset: campaigns it influenced (R14), for closed-won deals with a close date.
    var dealCampaigns: [[Int32]]
    /// Deal id → its index in the dataset.
    let dealIndex: [String: Int]
    /// Per deal index: its contacts and when each was associated.
    let dealLinks: [[(contact: Int32, at: Int64)]]
    /// The deals' amounts as integers, nil when one has too many digits.
    let dealAmounts: DealAmounts?

    /// A contact's first qualifying interaction with a campaign (R14); its time is the event's
    /// (not kept here: #17, 70 MB at L).
    struct Influence: Sendable {
        var campaign: Int32
        var event: Int32
    }

    public init(_ data: CompiledData, asOf: Instant, zone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.data = data
        self.asOf = asOf
        self.zone = zone
        let facts = URLFacts(data)
        // Three stages, each two independent halves run side by side (`both`): the machine has two cores.
        let (rules, groups) = both({
            Self.applyRules(data, facts, asOf: asOf, zone: zone)
        }, {
            var suggestion = UtmSuggestion(campaigns: data.campaigns)
            return (contacts: EventGroups(eventsOf: data.eventContact, groupCount: data.contactCreated.count, times: data.eventTime),
                    sessions: EventGroups(eventsOf: data.eventSession, groupCount: data.sessionCount, times: data.eventTime),
                    suggestions: facts.unlinkedKeys.map { suggestion.campaign(for: $0) ?? -1 })
        })
        let matched = rules.matched
        let (contacts, chains) = both({
            Self.walkContacts(data, groups.contacts, matched)
        }, {
            SessionChains(data: data, sessionEvents: groups.sessions, eventCampaign: matched.campaign, zone: zone)
        })
        let (lastTouch, deals) = both({
            LastTouch.resolve(data: data, tables: rules.tables, sessionEvents: groups.sessions, eventCampaign: matched.campaign,
                              eventRule: matched.rule, conversions: contacts.conversion)
        }, {
            Self.deals(data, influence: contacts.influence)
        })

        visibility = rules.visibility
        tables = rules.tables
        eventCampaign = matched.campaign
        eventRule = matched.rule
        creditStart = matched.creditStart
        creditPairs = matched.creditPairs
        contactEvents = groups.contacts
        sessionEvents = groups.sessions
        influence = contacts.influence
        creditPrevious = contacts.creditPrevious
        firstTouchEvent = contacts.firstTouch
        firstTouchCampaign = contacts.firstTouch.map { $0 >= 0 ? matched.campaign[Int($0)] : -1 }
        conversionEvent = contacts.conversion
        sessionPrevious = chains.previous
        sessionDayPrevious = chains.previousSameDay
        allData = WindowCounts(sessions: chains.sessions, daily: chains.daily, pairInteractions: matched.pairInteractions,
                               pairContacts: contacts.pairContacts, unlinked: matched.unlinked)
        lastTouchCampaign = lastTouch.campaign
        lastTouchEvent = lastTouch.event
        dealCampaigns = deals.campaigns
        dealLinks = deals.links
        dealIndex = deals.index
        dealAmounts = DealAmounts(data.dataset.deals)
        unlinkedSuggestion = groups.suggestions
    }

    /// R9, R12 and R13: visibility, the match tables and every event's campaign.
    ///
    /// R9 rule 2 needs all the data, but a page view or ad click that a paid_search or
    /// tracking URL interval is live for is itself that asset's visit: such an interval is
    /// visible whenever it could match. So events are matched with only rules 1 and 3
    /// applied, marking visits on the way, and rule 2 is settled after. An event naming such
    /// an asset otherwise (an email open naming a tracking URL, say) would need rule 2 first:
    /// then visits get a pass of their own, before matching.
    private static func applyRules(_ data: CompiledData, _ facts: URLFacts, asOf: Instant, zone: TimeZone)
        -> (visibility: Visibility, tables: MatchTables, matched: EventMatches) {
        let unvisited = MatchTables(data: data, facts: facts, visibility: Visibility(data: data, visited: nil, asOf: asOf, zone: zone))
        var visits: Visibility.Visits? = Visibility.Visits(data: data, facts: facts)
        var matched = EventMatches(data, unlinkedKeys: facts.unlinkedKeys.count)
        if matchEvents(data, unvisited, visits: &visits, into: &matched, from: 0) {
            return (Visibility(data: data, visited: visits?.visited, asOf: asOf, zone: zone), unvisited, matched)
        }
        let visibility = Visibility(data: data, visited: Visibility.Visits.all(data, facts), asOf: asOf, zone: zone)
        let tables = MatchTables(data: data, facts: facts, visibility: visibility)
        var none: Visibility.Visits?
        matched = EventMatches(data, unlinkedKeys: facts.unlinkedKeys.count)
        _ = matchEvents(data, tables, visits: &none, into: &matched, from: 0)
        return (visibility, tables, matched)
    }

    /// R14 deals: each deal's contacts, and the campaigns of a closed-won deal — those with
    /// which a contact associated at or before the close was influenced at or before it.
    private static func deals(_ data: CompiledData, influence: FlatLists<Influence>)
        -> (index: [String: Int], links: [[(contact: Int32, at: Int64)]], campaigns: [[Int32]]) {
        var index: [String: Int] = [:]
        for (d, deal) in data.dataset.deals.enumerated() { index[deal.id] = d }
        var links = [[(contact: Int32, at: Int64)]](repeating: [], count: data.dataset.deals.count)
        for dc in data.dataset.dealContacts {
            if let d = index[dc.dealID], let k = data.contact(id: dc.contactID) { links[d].append((k, dc.associatedAt.microseconds)) }
        }
        var seen = [Int](repeating: -1, count: data.campaigns.count)
        let campaigns = data.dataset.deals.enumerated().map { (d, deal) in
            influencingCampaigns(deal: deal, at: d, links: links[d], influence: influence, times: data.eventTime, seen: &seen) { _ in true }
        }
        return (index, links, campaigns)
    }

    var matcher: PageViewMatcher { PageViewMatcher(data: data, visibility: visibility) }

    /// Whether this analysis still holds at `now`: the clock enters the rules only
    /// through social posts becoming published (R9 rule 1), so it holds until one does.
    public func holds(at now: Instant) -> Bool {
        guard now > asOf else { return now == asOf }
        return !data.assets.contains { $0.type == .socialPost && $0.publishedAt.map { $0 > asOf && $0 <= now } ?? false }
    }

    /// The first instant after `asOf` at which a report of this analysis could read
    /// differently with the clock alone: a social post's publication (R9 rule 1), or an
    /// association's start or end (a report lists the assets associated *now*). Nil when
    /// none lies ahead. A report made at `asOf` or later holds until then (#17's memory of reports).
    public var nextClockChange: Instant? {
        let publications = data.assets.lazy.filter { $0.type == .socialPost }.compactMap(\.publishedAt)
        let associations = data.dataset.associations.lazy.flatMap { [$0.associatedAt] + ($0.dissociatedAt.map { [$0] } ?? []) }
        return (Array(publications) + Array(associations)).filter { $0 > asOf }.min()
    }

    /// R12 and R13 for every event: its campaign, the rule, and the asset pairs it credits
    /// (R14 per asset); over all the data, the credits per pair and the unlinked values (R5).
    struct EventMatches: Sendable {
        var campaign: [Int32]
        var rule: [MatchRule]
        var creditStart: [Int32]
        var creditPairs: [Int32]
        var pairInteractions: [Int]
        var unlinked: UnlinkedTally

        /// Matches of no event yet.
        init(_ data: CompiledData, unlinkedKeys: Int) {
            self.init(campaign: [], rule: [], creditStart: [0], creditPairs: [], pairInteractions: [Int](repeating: 0, count: data.pairs.count),
                      unlinked: UnlinkedTally(keyCount: unlinkedKeys, urlCount: data.urls.count))
        }

        init(campaign: [Int32], rule: [MatchRule], creditStart: [Int32], creditPairs: [Int32], pairInteractions: [Int],
             unlinked: UnlinkedTally) {
            (self.campaign, self.rule, self.creditStart, self.creditPairs) = (campaign, rule, creditStart, creditPairs)
            (self.pairInteractions, self.unlinked) = (pairInteractions, unlinked)
        }
    }

    /// Matches the events from `old` on (all when 0) into `matches`, which holds those
    /// before. With `visits`, also marks R9 rule 2's visits, and gives up (false, leaving
    /// `matches` unusable) at an event whose qualification depends on a visit it cannot know yet.
    static func matchEvents(_ data: CompiledData, _ tables: MatchTables, visits: inout Visibility.Visits?,
                            into matches: inout EventMatches, from old: Int) -> Bool {
        let n = data.eventTime.count
        // Moved out of `matches`, so that they grow where they are.
        var campaign: [Int32] = [], rule: [MatchRule] = [], creditStart: [Int32] = [], creditPairs: [Int32] = []
        var pairInteractions: [Int] = [], unlinked = UnlinkedTally(keyCount: 0, urlCount: 0)
        swap(&campaign, &matches.campaign)
        swap(&rule, &matches.rule)
        swap(&creditStart, &matches.creditStart)
        swap(&creditPairs, &matches.creditPairs)
        swap(&pairInteractions, &matches.pairInteractions)
        swap(&unlinked, &matches.unlinked)
        // Reserved only when first filled, with room for events appended later: reserving a
        // little more at each append would copy the arrays each time.
        if campaign.isEmpty {
            campaign.reserveRoomToAppend(n)
            rule.reserveRoomToAppend(n)
            creditStart.reserveRoomToAppend(n + 1)
            creditPairs.reserveRoomToAppend(n)
        }
        campaign.append(contentsOf: repeatElement(-1, count: n - old))
        rule.append(contentsOf: repeatElement(.none, count: n - old))
        creditStart.append(contentsOf: repeatElement(0, count: n - old))
        let times = data.eventTime, types = data.eventType, urls = data.eventURL, keywords = data.eventKeyword
        let assets = data.eventAsset, sessions = data.eventSession, assetType = tables.facts.assetType
        for i in old..<n {
            creditStart[i] = Int32(creditPairs.count)
            let t = times[i]
            switch types[i] {
            case .pageView:
                let u = urls[i], kw = keywords[i]
                if u >= 0 {
                    let entry = tables.urls[Int(u)]
                    if entry.tracked || kw >= 0 { visits?.pageView(url: u, keyword: kw, at: t) }
                    if entry.unlinked >= 0 { unlinked.add(key: entry.unlinked, session: sessions[i], url: u) }
                } else if kw >= 0 {
                    visits?.pageView(url: u, keyword: kw, at: t)
                }
                let credited = creditPairs.count
                let (c, r) = tables.matchPageView(url: u, keyword: kw, at: t, credits: &creditPairs)
                guard c >= 0 else { continue }
                campaign[i] = c
                rule[i] = r
                for q in credited..<creditPairs.count { pairInteractions[Int(creditPairs[q])] += 1 }
            case .formSubmission, .emailOpen, .emailClick, .ctaClick, .adClick, .socialClick:
                let a = assets[i]
                if visits != nil, a >= 0, Visibility.needsVisit(assetType[Int(a)]) {
                    guard types[i] == .adClick, assetType[Int(a)] == .paidSearch else { return false }
                    visits?.mark(a, at: t)
                }
                guard let iv = tables.assetInterval(asset: a, at: t) else { continue }
                campaign[i] = iv.campaign
                rule[i] = .asset
                creditPairs.append(iv.pair)
                pairInteractions[Int(iv.pair)] += 1
            case .workflowEnrollment:
                continue
            }
        }
        creditStart[n] = Int32(creditPairs.count)
        matches = EventMatches(campaign: campaign, rule: rule, creditStart: creditStart, creditPairs: creditPairs,
                               pairInteractions: pairInteractions, unlinked: unlinked)
        return true
    }

    /// One walk over each contact's events in time order (`ContactWalk`).
    private static func walkContacts(_ data: CompiledData, _ contactEvents: EventGroups, _ matched: EventMatches)
        -> (firstTouch: [Int32], conversion: [Int32], influence: FlatLists<Influence>, creditPrevious: [Int32], pairContacts: [Int]) {
        let contactCount = contactEvents.groupCount
        var firstTouch = [Int32](repeating: -1, count: contactCount)
        var conversion = [Int32](repeating: -1, count: contactCount)
        var influenceStart = [Int32](repeating: 0, count: contactCount)
        var influenceEnd = [Int32](repeating: 0, count: contactCount)
        var walk = ContactWalk(data, campaigns: matched.campaign, creditStart: matched.creditStart, creditPairs: matched.creditPairs,
                               creditPrevious: .withRoomToAppend(repeating: -1, count: matched.creditPairs.count),
                               pairContacts: [Int](repeating: 0, count: data.pairs.count))
        for (p, contact) in contactEvents.order.enumerated() {
            let k = Int(contact)
            influenceStart[k] = Int32(walk.influence.count)
            (firstTouch[k], conversion[k]) = walk.walk(contact, contactEvents.items[contactEvents.range(atPlace: p)], countingFrom: 0)
            influenceEnd[k] = Int32(walk.influence.count)
        }
        return (firstTouch, conversion, FlatLists(start: influenceStart, end: influenceEnd, items: walk.influence),
                walk.creditPrevious, walk.pairContacts)
    }

    /// One contact's events in time order: its first touch (R15), conversion (R16), first
    /// influence per campaign (R14), and each credit's previous one of the same contact and
    /// pair (over all the data, the first ones count each pair's contacts). Campaigns and
    /// pairs already seen are stamped with the contact, so nothing is hashed.
    struct ContactWalk {
        let types: [EventType], times: [Int64], campaigns: [Int32], creditStart: [Int32], creditPairs: [Int32]
        /// The walked contacts' first influences, one contact after the other.
        var influence: [Influence] = []
        var creditPrevious: [Int32]
        var pairContacts: [Int]
        private var influencedBy: [Int32], pairContact: [Int32], pairLast: [Int32]

        init(_ data: CompiledData, campaigns: [Int32], creditStart: [Int32], creditPairs: [Int32], creditPrevious: [Int32],
             pairContacts: [Int]) {
            (types, times, self.campaigns) = (data.eventType, data.eventTime, campaigns)
            (self.creditStart, self.creditPairs) = (creditStart, creditPairs)
            self.creditPrevious = creditPrevious
            self.pairContacts = pairContacts
            influencedBy = [Int32](repeating: -1, count: data.campaigns.count)
            pairContact = [Int32](repeating: -1, count: data.pairs.count)
            pairLast = [Int32](repeating: -1, count: data.pairs.count)
        }

        /// Walks `contact`'s events, all of them; a pair's contacts are counted only when the
        /// contact's first credit of it is at an event from `countingFrom` on (earlier ones were
        /// counted before). Returns the first touch and the conversion, -1 for none.
        mutating func walk(_ contact: Int32, _ events: ArraySlice<Int32>, countingFrom: Int) -> (firstTouch: Int32, conversion: Int32) {
            var firstTouch: Int32 = -1, conversion: Int32 = -1
            for ei in events {
                let e = Int(ei)
                if types[e] == .pageView, firstTouch < 0 { firstTouch = Int32(e) }
                if types[e] == .formSubmission, conversion < 0 { conversion = Int32(e) }
                let c = campaigns[e]
                guard c >= 0 else { continue }
                if influencedBy[Int(c)] != contact {
                    influencedBy[Int(c)] = contact
                    influence.append(Influence(campaign: c, event: Int32(e)))
                }
                for q in Int(creditStart[e])..<Int(creditStart[e + 1]) {
                    let p = Int(creditPairs[q])
                    if pairContact[p] == contact { creditPrevious[q] = pairLast[p] } else if e >= countingFrom { pairContacts[p] += 1 }
                    pairContact[p] = contact
                    pairLast[p] = Int32(e)
                }
            }
            return (firstTouch, conversion)
        }
    }

    /// R14: the campaigns a closed-won deal influenced — those with which a contact
    /// associated at or before the close had a qualifying interaction at or before it.
    /// `seen` is scratch space, one slot per campaign, stamped with the deal's index `d`.
    static func influencingCampaigns(deal: Deal, at d: Int, links: [(contact: Int32, at: Int64)], influence: FlatLists<Influence>,
                                     times: [Int64], seen: inout [Int], onlyContacts include: (Int32) -> Bool) -> [Int32] {
        guard deal.stage == .closedWon, let close = deal.closeDate?.microseconds else { return [] }
        var campaigns: [Int32] = []
        for (k, at) in links where at <= close && include(k) {
            for j in influence.range(Int(k)) where times[Int(influence.items[j].event)] <= close {
                let c = Int(influence.items[j].campaign)
                if seen[c] != d { seen[c] = d; campaigns.append(Int32(c)) }
            }
        }
        return campaigns.sorted()
    }

    /// `influencingCampaigns` for each deal with its contacts filtered by `include`.
    func influencingCampaigns(onlyContacts include: (Int32) -> Bool) -> [[Int32]] {
        var seen = [Int](repeating: -1, count: data.campaigns.count)
        return data.dataset.deals.enumerated().map { (d, deal) in
            Self.influencingCampaigns(deal: deal, at: d, links: dealLinks[d], influence: influence, times: data.eventTime, seen: &seen,
                                      onlyContacts: include)
        }
    }

    /// The contacts first influenced by campaign `c` (R14), in (time, data order).
    func firstInfluences(campaign c: Int32) -> [(contact: Int32, influence: Influence)] {
        var out: [(contact: Int32, influence: Influence)] = []
        for k in 0..<influence.count {
            for j in influence.range(k) where influence.items[j].campaign == c { out.append((Int32(k), influence.items[j])) }
        }
        return out.sorted { (time(of: $0.influence), $0.influence.event) < (time(of: $1.influence), $1.influence.event) }
    }

    /// When `influence` happened: its event's time.
    func time(of influence: Influence) -> Int64 { data.eventTime[Int(influence.event)] }

    /// Contact `k`'s first qualifying interaction with campaign `c`, if any.
    func firstInfluence(contact k: Int32, campaign c: Int32) -> Influence? {
        influence[Int(k)].first { $0.campaign == c }
    }
}
