import Foundation
import CampaignKit

/// Everything the rules decide about the data for one clock (`asOf`) and time zone,
/// independent of the report window: each event's campaign (R12, R13), the
/// visibility of each asset (R9), first and last touch (R15, R16), each contact's
/// first qualifying interaction per campaign, and each deal's influencing campaigns.
/// A window's numbers are then a cheap count over it (`report(window:)`).
public struct Analysis: Sendable {
    public let data: CompiledData
    public let asOf: Instant
    public let zone: TimeZone
    let visibility: Visibility

    /// Per event: the campaign it counts for, -1 for none, and the rule that decided.
    let eventCampaign: [Int32]
    let eventRule: [MatchRule]
    /// Per event, the (asset, campaign) pairs it counts for (R14 per asset), as offsets into `creditPairs`.
    let creditStart: [Int32]
    let creditPairs: [Int32]
    /// Per page view with an unlinked utm value (R5): the key's index in `unlinkedKeys`, else -1.
    let eventUnlinked: [Int32]
    let unlinkedKeys: Interner<String>
    /// Per unlinked key: the campaign it most likely meant (R5), -1 when unsure.
    let unlinkedSuggestion: [Int32]

    /// First qualifying interaction of a contact with a campaign, one entry per pair, in time order.
    let firstInfluence: [(campaign: Int32, contact: Int32, event: Int32)]
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
    /// Per contact: its qualifying interactions (events with a campaign), in (time, data order).
    let qualifyingByContact: [[Int32]]
    /// Per contact: the first qualifying interaction with each campaign it had one with.
    let influenceByContact: [[(campaign: Int32, time: Int64)]]

    public init(_ data: CompiledData, asOf: Instant, zone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.data = data
        self.asOf = asOf
        self.zone = zone
        let visibility = Visibility(data: data, asOf: asOf, zone: zone)
        self.visibility = visibility
        let matcher = PageViewMatcher(data: data, visibility: visibility)
        let n = data.eventTime.count

        var eventCampaign = [Int32](repeating: -1, count: n)
        var eventRule = [MatchRule](repeating: .none, count: n)
        var creditStart = [Int32](repeating: 0, count: n + 1)
        var creditPairs: [Int32] = []
        var eventUnlinked = [Int32](repeating: -1, count: n)
        var unlinkedKeys = Interner<String>()
        for i in 0..<n {
            creditStart[i] = Int32(creditPairs.count)
            let t = data.eventTime[i]
            if data.eventType[i] == .pageView {
                let (c, rule) = matcher.match(event: i)
                eventCampaign[i] = c
                eventRule[i] = rule
                let u = data.eventURL[i]
                if u >= 0, let value = data.urls[Int(u)].campaignValue, data.utmOwner[UtmTags.matchKey(value)] == nil {
                    eventUnlinked[i] = unlinkedKeys.intern(UtmTags.matchKey(value))
                }
                guard c >= 0 else { continue }
                // R14 per asset: the campaign's page, tracking and paid-search assets this view fits.
                matcher.pageCandidates(url: u, at: t) { if $0.campaign == c { creditPairs.append($0.pair) } }
                matcher.keywordCandidates(keyword: data.eventKeyword[i], at: t) { if $0.campaign == c { creditPairs.append($0.pair) } }
            } else if let q = matcher.qualifyingCampaign(event: i) {
                eventCampaign[i] = q.campaign
                eventRule[i] = .asset
                creditPairs.append(q.pair)
            }
        }
        creditStart[n] = Int32(creditPairs.count)

        let contactCount = data.contactCreated.count
        var firstInfluence: [(campaign: Int32, contact: Int32, event: Int32)] = []
        var influenced = Set<Int64>()
        var qualifyingByContact = [[Int32]](repeating: [], count: contactCount)
        var firstTouchEvent = [Int32](repeating: -1, count: contactCount)
        var conversionEvent = [Int32](repeating: -1, count: contactCount)
        for ei in data.byTime {
            let i = Int(ei)
            let k = data.eventContact[i]
            guard k >= 0 else { continue }
            let c = eventCampaign[i]
            if c >= 0 {
                qualifyingByContact[Int(k)].append(ei)
                if influenced.insert(Int64(k) << 32 | Int64(c)).inserted { firstInfluence.append((c, k, ei)) }
            }
            if data.eventType[i] == .pageView, firstTouchEvent[Int(k)] < 0 { firstTouchEvent[Int(k)] = ei }
            if data.eventType[i] == .formSubmission, conversionEvent[Int(k)] < 0 { conversionEvent[Int(k)] = ei }
        }
        let firstTouchCampaign = firstTouchEvent.map { $0 >= 0 ? eventCampaign[Int($0)] : -1 }

        let lastTouch = LastTouch.resolve(data: data, matcher: matcher, eventCampaign: eventCampaign, eventRule: eventRule,
                                          conversions: conversionEvent)

        // R14 deals: a contact associated at or before the close that was influenced at or before it.
        var influenceByContact = [[(campaign: Int32, time: Int64)]](repeating: [], count: contactCount)
        for f in firstInfluence { influenceByContact[Int(f.contact)].append((f.campaign, data.eventTime[Int(f.event)])) }
        var dealIndex: [String: Int] = [:]
        for (d, deal) in data.dataset.deals.enumerated() { dealIndex[deal.id] = d }
        var dealLinks = [[(contact: Int32, at: Int64)]](repeating: [], count: data.dataset.deals.count)
        for dc in data.dataset.dealContacts {
            if let d = dealIndex[dc.dealID], let k = data.contactIndex[dc.contactID] { dealLinks[d].append((k, dc.associatedAt.microseconds)) }
        }
        dealCampaigns = data.dataset.deals.enumerated().map { (d, deal) in
            Self.influencingCampaigns(deal: deal, links: dealLinks[d], influence: influenceByContact) { _ in true }
        }
        self.influenceByContact = influenceByContact

        self.dealLinks = dealLinks
        self.dealIndex = dealIndex
        self.qualifyingByContact = qualifyingByContact
        self.eventCampaign = eventCampaign
        self.eventRule = eventRule
        self.creditStart = creditStart
        self.creditPairs = creditPairs
        self.eventUnlinked = eventUnlinked
        self.unlinkedKeys = unlinkedKeys
        let suggestion = UtmSuggestion(campaigns: data.campaigns)
        unlinkedSuggestion = unlinkedKeys.values.map { suggestion.campaign(for: $0) ?? -1 }
        self.firstInfluence = firstInfluence
        self.firstTouchEvent = firstTouchEvent
        self.firstTouchCampaign = firstTouchCampaign
        self.conversionEvent = conversionEvent
        self.lastTouchCampaign = lastTouch.campaign
        self.lastTouchEvent = lastTouch.event
    }

    var matcher: PageViewMatcher { PageViewMatcher(data: data, visibility: visibility) }

    /// Whether this analysis still holds at `now`: the clock enters the rules only
    /// through social posts becoming published (R9 rule 1), so it holds until one does.
    public func holds(at now: Instant) -> Bool {
        guard now > asOf else { return now == asOf }
        return !data.assets.contains { $0.type == .socialPost && $0.publishedAt.map { $0 > asOf && $0 <= now } ?? false }
    }

    /// R14: the campaigns a closed-won deal influenced — those with which a contact
    /// associated at or before the close had a qualifying interaction at or before it.
    static func influencingCampaigns(deal: Deal, links: [(contact: Int32, at: Int64)],
                                     influence: [[(campaign: Int32, time: Int64)]],
                                     onlyContacts include: (Int32) -> Bool) -> [Int32] {
        guard deal.stage == .closedWon, let close = deal.closeDate?.microseconds else { return [] }
        var campaigns = Set<Int32>()
        for (k, at) in links where at <= close && include(k) {
            for inf in influence[Int(k)] where inf.time <= close { campaigns.insert(inf.campaign) }
        }
        return campaigns.sorted()
    }

    func influencingCampaigns(ofDealAt d: Int, onlyContacts include: (Int32) -> Bool) -> [Int32] {
        Self.influencingCampaigns(deal: data.dataset.deals[d], links: dealLinks[d], influence: influenceByContact, onlyContacts: include)
    }
}
