import Foundation
import CampaignKit

/// A deterministic generator (SplitMix64): one seed, one dataset.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Small random datasets that exercise every rule: utm values, aliases, page, tracking and
/// keyword assets, moved assets, anonymous and linked visitors, given and derived sessions,
/// forms, deals of every stage with contacts associated before and after the close.
/// All times lie in the ten days from 2024-03-01T00:00Z.
struct RandomDataset {
    static let base = Instant(iso8601: "2024-03-01T00:00:00Z")!
    static let days = 10
    static let pages = ["https://ex.com/p1", "https://www.ex.com/p2/", "http://ex.com/p3", "https://ex.com/P3"]
    static let keywords = ["shoes", "Boots", "hats"]

    /// With `nightless`, no event lies between 23:00 and 01:00 UTC and given session ids never
    /// span two days, so no session straddles a UTC midnight.
    static func make(seed: UInt64, nightless: Bool = false) -> Dataset {
        var rng = SplitMix64(seed: seed)
        func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        func pick<T>(_ xs: [T]) -> T { xs[int(0...(xs.count - 1))] }
        func instant(minute: Int) -> Instant { base.adding(seconds: Int64(minute) * 60) }
        func randomMinute() -> Int {
            if nightless {
                return int(0...(days - 1)) * 1440 + int(60...(23 * 60 - 1))
            }
            return int(0...(days * 1440 - 1))
        }

        var d = Dataset()
        let campaignCount = int(1...4)
        let campaignIDs = (1...campaignCount).map { $0 == 4 ? "c10" : "c\($0)" }
        var utmValues: [String] = []
        for (i, id) in campaignIDs.enumerated() {
            let created = instant(minute: chance(0.6) ? 0 : int(0...(3 * 1440)))
            let value = "u\(i + 1)"
            utmValues.append(value)
            var aliases: [UtmValue] = []
            var current = UtmValue(value: value, attachedAt: created)
            if chance(0.3) {
                // Renamed: the old value stays as an alias, the new one attached later.
                aliases.append(UtmValue(value: value, attachedAt: created))
                current = UtmValue(value: "n\(i + 1)", attachedAt: instant(minute: int(0...(days * 1440))))
                utmValues.append("n\(i + 1)")
            }
            let start: CalendarDate? = chance(0.2) ? CalendarDate(year: 2024, month: 3, day: int(1...5)) : nil
            let end: CalendarDate? = chance(0.2) ? CalendarDate(year: 2024, month: 3, day: int(5...12)) : nil
            d.campaigns.append(Campaign(id: id, name: "Campaign \(id)", createdAt: created, startDate: start,
                                        endDate: end, utm: current, aliases: aliases))
        }

        let types: [AssetType] = [.landingPage, .blogPost, .trackingURL, .paidSearch, .email, .form, .socialPost, .cta, .workflow]
        let assetCount = int(0...8)
        for i in 0..<assetCount {
            let type = pick(types)
            var url: String?
            var keywords: [String] = []
            if type.isPage { url = pick(pages) }
            if type == .trackingURL {
                url = pick(pages) + "?utm_source=" + pick(["s", "S", "t"]) + (chance(0.5) ? "&utm_campaign=" + pick(utmValues) : "")
            }
            if type == .paidSearch { keywords = [pick(Self.keywords)] }
            let published: Instant? = chance(0.5) ? instant(minute: int(-1440...(days * 1440 + 1440))) : nil
            d.assets.append(Asset(id: "a\(i)", name: "Asset \(i)", type: type, url: url, publishedAt: published, keywords: keywords))
            // Zero to two consecutive intervals (R7: no overlap for non-workflows).
            var from = int(-1440...(days * 1440))
            for _ in 0..<int(0...2) {
                let until: Int? = chance(0.5) ? from + int(1...(4 * 1440)) : nil
                d.associations.append(Association(assetID: "a\(i)", campaignID: pick(campaignIDs),
                                                  associatedAt: instant(minute: from), dissociatedAt: until.map { instant(minute: $0) }))
                guard let u = until else { break }
                from = u + (chance(0.5) ? 0 : int(1...600))
            }
        }

        let contactCount = int(0...5)
        let visitors = (1...6).map { "v\($0)" }
        // Visitor → the contact it belongs to (R11), so that no visitor is claimed by two contacts.
        var owner: [String: String] = [:]
        for i in 0..<contactCount {
            var mine: [String] = []
            for v in visitors where owner[v] == nil && chance(0.25) { mine.append(v); owner[v] = "k\(i)" }
            d.contacts.append(Contact(id: "k\(i)", createdAt: instant(minute: randomMinute()), visitorIDs: mine))
        }
        let contactIDs = d.contacts.map(\.id)

        func assets(of type: AssetType) -> [String] { d.assets.filter { $0.type == type }.map(\.id) }
        let eventCount = int(0...40)
        // Events come in bursts, so that 30-minute gaps, shared sessions and ties happen.
        var lastMinute = randomMinute()
        var lastVisitor: String? = pick(visitors)
        for _ in 0..<eventCount {
            var minute = chance(0.6) ? lastMinute + pick([0, 0, 1, 5, 29, 30, 31, 45]) : randomMinute()
            if minute >= days * 1440 || (nightless && !(60..<(23 * 60)).contains(minute % 1440)) { minute = randomMinute() }
            let t = instant(minute: minute).adding(seconds: Int64(chance(0.2) ? pick([0, 1, 30, 59]) : 0))
            let visitor: String? = chance(0.6) ? lastVisitor : (chance(0.8) ? pick(visitors) : nil)
            lastMinute = minute
            lastVisitor = visitor ?? lastVisitor
            var contact: String? = (!contactIDs.isEmpty && (visitor == nil || chance(0.15))) ? pick(contactIDs) : nil
            // Keep R11 consistent: a visitor claimed by a contact is only ever seen with that contact.
            if let v = visitor, let o = owner[v], contact != nil { contact = o }
            let session: String? = chance(0.15) ? "s\(int(1...3))" + (nightless ? "-\(minute / 1440)" : "") : nil
            var type: EventType = .pageView
            var asset: String?
            var url: String?
            var keyword: String?
            let roll = int(0...9)
            if roll < 6 {
                var u = pick(pages)
                var params: [String] = []
                if chance(0.5) { params.append("utm_campaign=" + pick(utmValues + ["zz", "U1", "Uu1", ""])) }
                if chance(0.3) { params.append("utm_source=" + pick(["s", "S", "t"])) }
                if !params.isEmpty { u += "?" + params.joined(separator: "&") }
                url = u
                if chance(0.3) { keyword = pick(Self.keywords + ["HATS ", "none"]) }
            } else {
                let candidates: [(EventType, AssetType)] = [(.formSubmission, .form), (.emailOpen, .email), (.emailClick, .email),
                                                            (.ctaClick, .cta), (.adClick, .paidSearch), (.socialClick, .socialPost),
                                                            (.workflowEnrollment, .workflow)]
                let (et, at) = pick(candidates)
                let ids = assets(of: at)
                guard !ids.isEmpty else { continue }
                if et.requiresContact {
                    guard !contactIDs.isEmpty else { continue }
                    if contact == nil {
                        contact = visitor.flatMap { owner[$0] } ?? pick(contactIDs)
                    }
                }
                type = et
                asset = pick(ids)
                if chance(0.5) { url = pick(pages) + (chance(0.5) ? "?utm_campaign=" + pick(utmValues) : "") }
            }
            // An unclaimed visitor seen with a contact becomes that contact's (R11) — keep it to one contact.
            if let v = visitor, let c = contact, owner[v] == nil { owner[v] = c }
            d.events.append(Event(time: t, type: type, visitorID: visitor, contactID: contact, sessionID: session,
                                  url: url, assetID: asset, keyword: keyword))
        }

        // Instants that coincide with events: the boundaries the rules care about (at created_at,
        // at associated_at, at dissociated_at, at the close, published at the clock).
        func eventInstant() -> Instant? { d.events.isEmpty ? nil : pick(Array(d.events)).time }
        func snapped(_ t: Instant) -> Instant { chance(0.35) ? (eventInstant() ?? t) : t }

        let dealCount = int(0...4)
        for i in 0..<dealCount {
            let stage = pick([DealStage.closedWon, .closedWon, .closedLost, .open])
            let created = snapped(instant(minute: randomMinute()))
            let close: Instant? = stage == .open ? nil : (chance(0.35) ? eventInstant().map { max($0, created) } : nil)
                ?? created.adding(seconds: Int64(int(0...(4 * 1440))) * 60)
            // Amounts from a small set half the time: equal credits from different deals, exact ties.
            let cents = chance(0.5) ? pick([101, 202, 303, 100, 1, 2, 10_000]) : int(0...500_000)
            let amount = Decimal(cents) / 100 + (chance(0.1) ? Decimal(string: "0.005")! : 0)
            d.deals.append(Deal(id: "d\(i)", amount: amount, stage: stage, createdAt: created, closeDate: close))
            for c in contactIDs where chance(0.4) {
                let at = chance(0.2) && close != nil ? close! : snapped(instant(minute: randomMinute()))
                d.dealContacts.append(DealContact(dealID: "d\(i)", contactID: c, associatedAt: at))
            }
        }
        for i in d.contacts.indices where chance(0.35) { d.contacts[i].createdAt = eventInstant() ?? d.contacts[i].createdAt }
        for i in d.campaigns.indices where chance(0.25) {
            if let t = eventInstant() {
                d.campaigns[i].createdAt = t
                if d.campaigns[i].aliases.isEmpty { d.campaigns[i].utm.attachedAt = t }
            }
        }
        for i in d.associations.indices where chance(0.3) {
            guard let t = eventInstant() else { break }
            // Move one end onto an event's instant when the interval stays valid and apart from its neighbours.
            var a = d.associations[i]
            if chance(0.5) { a.associatedAt = t } else if a.dissociatedAt != nil { a.dissociatedAt = t }
            if let u = a.dissociatedAt, u <= a.associatedAt { continue }
            let others = d.associations.enumerated().filter { $0.offset != i && $0.element.assetID == a.assetID }.map(\.element)
            let overlaps = others.contains { o in
                (o.dissociatedAt.map { a.associatedAt < $0 } ?? true) && (a.dissociatedAt.map { o.associatedAt < $0 } ?? true)
            }
            if !overlaps { d.associations[i] = a }
        }
        for i in d.assets.indices where chance(0.2) {
            d.assets[i].publishedAt = chance(0.5) ? PropertyTests.asOf : (eventInstant() ?? PropertyTests.asOf)
        }
        return d
    }
}
