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
public struct Analysis: Sendable {
    public let data: CompiledData
    public let asOf: Instant
    public let zone: TimeZone
    let visibility: Visibility
    let tables: MatchTables

    /// Per event: the campaign it counts for, -1 for none, and the rule that decided.
    let eventCampaign: [Int32]
    let eventRule: [MatchRule]
    /// Per event, the (asset, campaign) pairs it counts for (R14 per asset), as offsets into `creditPairs`.
    let creditStart: [Int32]
    let creditPairs: [Int32]
    /// Per credit: the previous event of the same contact, in (time, data order), that
    /// credits the same pair; -1 for none or an anonymous event. A window's distinct
    /// contacts per asset are its credits whose previous one lies before the window.
    let creditPrevious: [Int32]
    /// Per page view with a campaign: the previous page view of the same session with
    /// the same campaign (R14 sessions), and the previous one on the same day in the
    /// analysis zone (sessions per day); -1 for none. The first view of a window
    /// counts a session when its previous one lies before the window.
    let sessionPrevious: [Int32]
    let sessionDayPrevious: [Int32]
    /// Per unlinked key (`tables.facts.unlinkedKeys`): the campaign it most likely meant (R5), -1 when unsure.
    let unlinkedSuggestion: [Int32]
    /// The open window's counts, taken while the passes that make the arrays above run
    /// rather than in a pass of their own.
    let allData: WindowCounts

    /// Per contact: its events in (time, data order).
    let contactEvents: EventGroups
    /// Per contact: its first qualifying interaction with each campaign, in time order.
    let influence: FlatLists<Influence>
    /// Per contact: the first-touch event (R15) and its campaign, -1 for none.
    let firstTouchEvent: [Int32]
    let firstTouchCampaign: [Int32]
    /// Per contact: the conversion (R16), the last-touch campaign and the event that decided it.
    let conversionEvent: [Int32]
    let lastTouchCampaign: [Int32]
    let lastTouchEvent: [Int32]
    /// Per deal index in the dataset: campaigns it influenced (R14), for closed-won deals with a close date.
    let dealCampaigns: [[Int32]]
    /// Deal id → its index in the dataset.
    let dealIndex: [String: Int]
    /// Per deal index: its contacts and when each was associated.
    let dealLinks: [[(contact: Int32, at: Int64)]]
    /// The deals' amounts as integers, nil when one has too many digits.
    let dealAmounts: DealAmounts?

    /// A contact's first qualifying interaction with a campaign (R14).
    struct Influence: Sendable {
        var campaign: Int32
        var event: Int32
        var time: Int64
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
        if let matched = matchEvents(data, unvisited, visits: &visits) {
            return (Visibility(data: data, visited: visits?.visited, asOf: asOf, zone: zone), unvisited, matched)
        }
        let visibility = Visibility(data: data, visited: Visibility.Visits.all(data, facts), asOf: asOf, zone: zone)
        let tables = MatchTables(data: data, facts: facts, visibility: visibility)
        var none: Visibility.Visits?
        return (visibility, tables, matchEvents(data, tables, visits: &none)!)
    }

    /// R14 deals: each deal's contacts, and the campaigns of a closed-won deal — those with
    /// which a contact associated at or before the close was influenced at or before it.
    private static func deals(_ data: CompiledData, influence: FlatLists<Influence>)
        -> (index: [String: Int], links: [[(contact: Int32, at: Int64)]], campaigns: [[Int32]]) {
        var index: [String: Int] = [:]
        for (d, deal) in data.dataset.deals.enumerated() { index[deal.id] = d }
        var links = [[(contact: Int32, at: Int64)]](repeating: [], count: data.dataset.deals.count)
        for dc in data.dataset.dealContacts {
            if let d = index[dc.dealID], let k = data.contactIndex[dc.contactID] { links[d].append((k, dc.associatedAt.microseconds)) }
        }
        var seen = [Int](repeating: -1, count: data.campaigns.count)
        let campaigns = data.dataset.deals.enumerated().map { (d, deal) in
            influencingCampaigns(deal: deal, at: d, links: links[d], influence: influence, seen: &seen) { _ in true }
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

    /// R12 and R13 for every event: its campaign, the rule, and the asset pairs it credits
    /// (R14 per asset); over all the data, the credits per pair and the unlinked values (R5).
    private struct EventMatches: Sendable {
        var campaign: [Int32]
        var rule: [MatchRule]
        var creditStart: [Int32]
        var creditPairs: [Int32]
        var pairInteractions: [Int]
        var unlinked: UnlinkedTally
    }

    /// With `visits`, also marks R9 rule 2's visits, and gives up (nil) at an event whose
    /// qualification depends on a visit it cannot know yet.
    private static func matchEvents(_ data: CompiledData, _ tables: MatchTables, visits: inout Visibility.Visits?) -> EventMatches? {
        let n = data.eventTime.count
        var campaign = [Int32](repeating: -1, count: n)
        var rule = [MatchRule](repeating: .none, count: n)
        var creditStart = [Int32](repeating: 0, count: n + 1)
        var creditPairs: [Int32] = []
        creditPairs.reserveCapacity(n)
        var pairInteractions = [Int](repeating: 0, count: data.pairs.count)
        var unlinked = UnlinkedTally(keyCount: tables.facts.unlinkedKeys.count, urlCount: data.urls.count)
        let times = data.eventTime, types = data.eventType, urls = data.eventURL, keywords = data.eventKeyword
        let assets = data.eventAsset, sessions = data.eventSession, assetType = tables.facts.assetType
        for i in 0..<n {
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
                    guard types[i] == .adClick, assetType[Int(a)] == .paidSearch else { return nil }
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
        return EventMatches(campaign: campaign, rule: rule, creditStart: creditStart, creditPairs: creditPairs,
                            pairInteractions: pairInteractions, unlinked: unlinked)
    }

    /// One walk over each contact's events in time order: first touch (R15), conversion
    /// (R16), first influence per campaign (R14), and each credit's previous one of the
    /// same contact and pair (over all the data, the first ones count each pair's contacts).
    /// Campaigns and pairs already seen are stamped with the contact, so nothing is hashed.
    private static func walkContacts(_ data: CompiledData, _ contactEvents: EventGroups, _ matched: EventMatches)
        -> (firstTouch: [Int32], conversion: [Int32], influence: FlatLists<Influence>, creditPrevious: [Int32], pairContacts: [Int]) {
        let contactCount = contactEvents.groupCount
        var firstTouch = [Int32](repeating: -1, count: contactCount)
        var conversion = [Int32](repeating: -1, count: contactCount)
        var influenceStart = [Int32](repeating: 0, count: contactCount)
        var influenceEnd = [Int32](repeating: 0, count: contactCount)
        var influence: [Influence] = []
        var creditPrevious = [Int32](repeating: -1, count: matched.creditPairs.count)
        var influencedBy = [Int32](repeating: -1, count: data.campaigns.count)
        var pairContact = [Int32](repeating: -1, count: data.pairs.count)
        var pairLast = [Int32](repeating: -1, count: data.pairs.count)
        var pairContacts = [Int](repeating: 0, count: data.pairs.count)
        let types = data.eventType, times = data.eventTime, campaigns = matched.campaign
        let creditStart = matched.creditStart, creditPairs = matched.creditPairs
        let events = contactEvents.items
        for (p, contact) in contactEvents.order.enumerated() {
            let k = Int(contact)
            influenceStart[k] = Int32(influence.count)
            for j in contactEvents.range(atPlace: p) {
                let e = Int(events[j])
                if types[e] == .pageView, firstTouch[k] < 0 { firstTouch[k] = Int32(e) }
                if types[e] == .formSubmission, conversion[k] < 0 { conversion[k] = Int32(e) }
                let c = campaigns[e]
                guard c >= 0 else { continue }
                if influencedBy[Int(c)] != contact {
                    influencedBy[Int(c)] = contact
                    influence.append(Influence(campaign: c, event: Int32(e), time: times[e]))
                }
                for q in Int(creditStart[e])..<Int(creditStart[e + 1]) {
                    let p = Int(creditPairs[q])
                    if pairContact[p] == contact { creditPrevious[q] = pairLast[p] } else { pairContacts[p] += 1 }
                    pairContact[p] = contact
                    pairLast[p] = Int32(e)
                }
            }
            influenceEnd[k] = Int32(influence.count)
        }
        return (firstTouch, conversion, FlatLists(start: influenceStart, end: influenceEnd, items: influence), creditPrevious, pairContacts)
    }

    /// R14: the campaigns a closed-won deal influenced — those with which a contact
    /// associated at or before the close had a qualifying interaction at or before it.
    /// `seen` is scratch space, one slot per campaign, stamped with the deal's index `d`.
    static func influencingCampaigns(deal: Deal, at d: Int, links: [(contact: Int32, at: Int64)], influence: FlatLists<Influence>,
                                     seen: inout [Int], onlyContacts include: (Int32) -> Bool) -> [Int32] {
        guard deal.stage == .closedWon, let close = deal.closeDate?.microseconds else { return [] }
        var campaigns: [Int32] = []
        for (k, at) in links where at <= close && include(k) {
            for j in influence.range(Int(k)) where influence.items[j].time <= close {
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
            Self.influencingCampaigns(deal: deal, at: d, links: dealLinks[d], influence: influence, seen: &seen, onlyContacts: include)
        }
    }

    /// The contacts first influenced by campaign `c` (R14), in (time, data order).
    func firstInfluences(campaign c: Int32) -> [(contact: Int32, influence: Influence)] {
        var out: [(contact: Int32, influence: Influence)] = []
        for k in 0..<influence.count {
            for j in influence.range(k) where influence.items[j].campaign == c { out.append((Int32(k), influence.items[j])) }
        }
        return out.sorted { ($0.influence.time, $0.influence.event) < ($1.influence.time, $1.influence.event) }
    }

    /// Contact `k`'s first qualifying interaction with campaign `c`, if any.
    func firstInfluence(contact k: Int32, campaign c: Int32) -> Influence? {
        influence[Int(k)].first { $0.campaign == c }
    }
}
