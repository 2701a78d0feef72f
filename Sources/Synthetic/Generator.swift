import Foundation
import CampaignKit

/// A synthetic but realistic company history of any size, the same for the same seed:
/// campaigns (some renamed), assets of every type, associations (some moved),
/// contacts with cookie histories, anonymous visitors, sessions with and without
/// ids, utm-tagged, tracking-URL, paid-search and organic traffic, stray utm
/// values, conversions, emails, workflows and deals.
public struct Generator: Sendable {
    public let contactCount: Int
    public let seed: UInt64

    public static let spanStart = Instant(iso8601: "2023-01-01T00:00:00Z")!
    public static let spanEnd = Instant(iso8601: "2025-01-01T00:00:00Z")!
    static let site = "https://www.example.com"

    public init(contacts: Int, seed: UInt64 = 1) {
        self.contactCount = max(0, contacts)
        self.seed = seed
    }

    public var campaignCount: Int { min(300, max(4, contactCount * 30 / 10_000)) }
    public var assetCount: Int { min(500, max(40, contactCount / 20)) }

    /// Everything but the events.
    public struct Entities: Sendable {
        public var campaigns: [Campaign] = []
        public var assets: [Asset] = []
        public var associations: [Association] = []
        public var contacts: [Contact] = []
        public var deals: [Deal] = []
        public var dealContacts: [DealContact] = []
        public var salesforceRules: [SalesforceRule] = []

        public init(campaigns: [Campaign] = [], assets: [Asset] = [], associations: [Association] = [],
                    contacts: [Contact] = [], deals: [Deal] = [], dealContacts: [DealContact] = [],
                    salesforceRules: [SalesforceRule] = []) {
            self.campaigns = campaigns; self.assets = assets; self.associations = associations
            self.contacts = contacts; self.deals = deals; self.dealContacts = dealContacts
            self.salesforceRules = salesforceRules
        }
    }

    public func entities() -> Entities {
        var rng = SeededRandom(seed: seed)
        var e = Entities()
        let span = Self.spanEnd.microseconds - Self.spanStart.microseconds
        func instant(_ fraction: Double) -> Instant {
            Instant(seconds: (Self.spanStart.microseconds + Int64(Double(span) * fraction)) / 1_000_000)
        }

        for i in 0..<campaignCount {
            let id = String(format: "c%04d", i)
            let name = "Campaign \(i) \(Self.themes[i % Self.themes.count])"
            let created = instant(Double(rng.int(0...800)) / 1000)
            var value = UtmValue(value: Slug.make(name), attachedAt: created)
            var aliases: [UtmValue] = []
            if i % 10 == 3 {
                aliases.append(value)
                value = UtmValue(value: Slug.make(name) + "-renamed", attachedAt: created.adding(seconds: Int64(rng.int(86_400...8_640_000))))
            }
            var start: CalendarDate?, end: CalendarDate?
            if i % 4 == 1 {
                let s = CalendarDate(created, in: TimeZone(identifier: "UTC")!).adding(days: Int64(rng.int(0...30)))
                start = s
                end = s.adding(days: Int64(rng.int(30...240)))
            }
            e.campaigns.append(Campaign(id: id, name: name, createdAt: created, startDate: start, endDate: end,
                                        owner: Self.owners[i % Self.owners.count], budget: Decimal(rng.int(10...500) * 100),
                                        utm: value, aliases: aliases))
        }

        for i in 0..<assetCount {
            let type = Self.assetMix[i % Self.assetMix.count]
            let id = String(format: "a%04d", i)
            var url: String?
            var keywords: [String] = []
            var published: Instant? = instant(Double(rng.int(0...950)) / 1000)
            switch type {
            case .blogPost: url = "\(Self.site)/blog/post-\(i)"
            case .landingPage: url = "\(Self.site)/lp/offer-\(i)"
            case .websitePage: url = "\(Self.site)/page-\(i)"
            case .trackingURL:
                let page = "\(Self.site)/lp/offer-\(rng.int(0...(assetCount - 1)))"
                url = "\(page)?utm_source=partner\(i % 7)&utm_medium=referral&utm_content=t\(i)"
            case .paidSearch:
                keywords = ["keyword \(i)", "kw\(i) software"]
                published = nil
            case .socialPost:
                if i % 5 == 0 { published = nil }
            case .workflow, .form, .cta:
                published = nil
            case .email:
                break
            }
            e.assets.append(Asset(id: id, name: "\(type.rawValue.replacingOccurrences(of: "_", with: " ").capitalized) \(i)",
                                  type: type, url: url, publishedAt: published, keywords: keywords))
        }

        for (i, asset) in e.assets.enumerated() where i % 9 != 8 {
            let c = e.campaigns[rng.int(0...(campaignCount - 1))]
            let from = c.createdAt.adding(seconds: Int64(rng.int(0...2_000_000)))
            if asset.type == .workflow {
                e.associations.append(Association(assetID: asset.id, campaignID: c.id, associatedAt: from))
                let other = e.campaigns[rng.int(0...(campaignCount - 1))]
                if other.id != c.id {
                    e.associations.append(Association(assetID: asset.id, campaignID: other.id, associatedAt: other.createdAt))
                }
            } else if i % 10 == 4 {
                let other = e.campaigns[rng.int(0...(campaignCount - 1))]
                let move = max(from, other.createdAt).adding(seconds: Int64(rng.int(86_400...20_000_000)))
                e.associations.append(Association(assetID: asset.id, campaignID: c.id, associatedAt: from, dissociatedAt: move))
                e.associations.append(Association(assetID: asset.id, campaignID: other.id, associatedAt: move))
            } else {
                e.associations.append(Association(assetID: asset.id, campaignID: c.id, associatedAt: from))
            }
        }

        e.contacts.reserveCapacity(contactCount)
        for k in 0..<contactCount {
            let created = instant(Double(rng.int(0...990_000)) / 1_000_000)
            var visitors = ["v\(k)"]
            if k % 7 == 0 { visitors.append("v\(k)m") }
            e.contacts.append(Contact(id: "k\(k)", email: "person\(k)@example.org", createdAt: created, visitorIDs: visitors))
        }

        var d = 0
        for (k, contact) in e.contacts.enumerated() where rng.chance(0.08) {
            let stage: DealStage = rng.chance(0.62) ? .closedWon : (rng.chance(0.5) ? .closedLost : .open)
            let created = contact.createdAt.adding(seconds: Int64(rng.int(3_600...5_000_000)))
            let close: Instant? = stage == .open ? nil : created.adding(seconds: Int64(rng.int(86_400...10_000_000)))
            let id = String(format: "d%06d", d)
            d += 1
            e.deals.append(Deal(id: id, name: "Deal \(d)", amount: Decimal(rng.int(5...5000) * 10), stage: stage,
                                createdAt: created, closeDate: close))
            let linkAt = k % 31 == 0 ? (close ?? created).adding(seconds: 3_600) : created
            e.dealContacts.append(DealContact(dealID: id, contactID: contact.id, associatedAt: linkAt))
        }
        if let form = e.assets.first(where: { $0.type == .form }) {
            e.salesforceRules.append(SalesforceRule(assetID: form.id, salesforceCampaignID: "701000000000001", status: "Responded"))
        }
        return e
    }

    /// Streams every event, contact by contact then the anonymous visitors. Not sorted.
    /// - Parameter progress: called every few thousand people with (done, total), people
    ///   being the contacts and then the anonymous visitors.
    public func events(entities e: Entities, progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
                       _ sink: (Event) -> Void) {
        var rng = SeededRandom(seed: seed ^ 0xE7E7_E7E7)
        let pages = e.assets.filter { $0.type.isPage }.compactMap(\.url)
        let tracking = e.assets.filter { $0.type == .trackingURL }.compactMap(\.url)
        let paid = e.assets.filter { $0.type == .paidSearch }
        let emails = e.assets.filter { $0.type == .email }.map(\.id)
        let forms = e.assets.filter { $0.type == .form }.map(\.id)
        let ctas = e.assets.filter { $0.type == .cta }.map(\.id)
        let socials = e.assets.filter { $0.type == .socialPost }.map(\.id)
        let workflows = e.assets.filter { $0.type == .workflow }.map(\.id)
        let values = e.campaigns.flatMap { c in c.allUtmValues.map(\.value) }
        var sessionCounter = 0

        func session(visitor: String, contact: String?, at start: Instant, convert: Bool) {
            var t = start
            var sid: String?
            if rng.chance(0.5) { sid = "s\(sessionCounter)"; sessionCounter += 1 }
            let roll = rng.int(0...99)
            var first = rng.pickSkewed(pages)
            var keyword: String?
            if roll < 25, !values.isEmpty {
                var v = rng.pickSkewed(values)
                if rng.chance(0.1) { v = v.uppercased() }
                first += "?utm_source=newsletter&utm_medium=email&utm_campaign=\(v)"
            } else if roll < 28, !values.isEmpty {
                first += "?utm_campaign=\(Self.typo(rng.pick(values), &rng))&utm_source=social"
            } else if roll < 33, !tracking.isEmpty {
                first = rng.pick(tracking)
            } else if roll < 38, !paid.isEmpty {
                let ad = rng.pick(paid)
                keyword = ad.keywords.first
                sink(Event(time: t, type: .adClick, visitorID: visitor, contactID: contact, assetID: ad.id))
                t = t.adding(seconds: 2)
            }
            sink(Event(time: t, type: .pageView, visitorID: visitor, sessionID: sid, url: first,
                       referrer: keyword == nil ? nil : "https://search.example.net/", keyword: keyword))
            for _ in 0..<rng.int(0...4) {
                t = t.adding(seconds: Int64(rng.int(20...900)))
                sink(Event(time: t, type: .pageView, visitorID: visitor, sessionID: sid, url: rng.pickSkewed(pages)))
                if !ctas.isEmpty, rng.chance(0.08) {
                    sink(Event(time: t.adding(seconds: 5), type: .ctaClick, visitorID: visitor, sessionID: sid, assetID: rng.pick(ctas)))
                }
            }
            if convert, let contact, !forms.isEmpty {
                t = t.adding(seconds: Int64(rng.int(10...300)))
                let form = rng.pick(forms)
                sink(Event(time: t, type: .formSubmission, visitorID: visitor, contactID: contact, sessionID: sid,
                           url: rng.pick(pages), assetID: form))
                if !workflows.isEmpty, rng.chance(0.5) {
                    sink(Event(time: t.adding(seconds: 60), type: .workflowEnrollment, contactID: contact, assetID: rng.pick(workflows)))
                }
            }
        }

        let dayMicros: Int64 = 86_400_000_000
        let end = Generator.spanEnd.microseconds
        let people = e.contacts.count + contactCount / 2
        for (n, contact) in e.contacts.enumerated() {
            if n & 4095 == 0 { progress?(n, people) }
            let visitor = contact.visitorIDs[0]
            let created = contact.createdAt.microseconds
            for s in 0..<rng.int(2...6) {
                let offset = Int64(rng.int(-60...180)) * dayMicros + Int64(rng.int(0...86_399)) * 1_000_000
                let start = s == 0 ? created - 600_000_000 : min(end - dayMicros, created + offset)
                let who = contact.visitorIDs.count > 1 && s == 2 ? contact.visitorIDs[1] : visitor
                session(visitor: who, contact: contact.id, at: Instant(microseconds: start), convert: s == 0)
            }
            for _ in 0..<rng.int(0...6) where !emails.isEmpty {
                let t = Instant(microseconds: min(end - 1, created + Int64(rng.int(0...200)) * dayMicros))
                let email = rng.pick(emails)
                sink(Event(time: t, type: .emailOpen, contactID: contact.id, assetID: email))
                if rng.chance(0.3) { sink(Event(time: t.adding(seconds: 40), type: .emailClick, contactID: contact.id, assetID: email)) }
            }
            if !socials.isEmpty, rng.chance(0.2) {
                sink(Event(time: Instant(microseconds: created + Int64(rng.int(0...100)) * dayMicros), type: .socialClick,
                           visitorID: visitor, assetID: rng.pick(socials)))
            }
        }
        let span = Generator.spanEnd.microseconds - Generator.spanStart.microseconds
        for a in 0..<(contactCount / 2) {
            if a & 4095 == 0 { progress?(e.contacts.count + a, people) }
            for _ in 0..<rng.int(1...2) {
                let start = Generator.spanStart.microseconds + Int64(Double(span) * Double(rng.int(0...999_999)) / 1_000_000)
                session(visitor: "anon\(a)", contact: nil, at: Instant(microseconds: start), convert: false)
            }
        }
        progress?(people, people)
    }

    /// The whole history in memory (for tests and in-process benchmarks).
    public func dataset() -> Dataset {
        let e = entities()
        var events = EventTable()
        events.reserveCapacity(contactCount * 20)
        self.events(entities: e) { events.append($0) }
        return Dataset(campaigns: e.campaigns, assets: e.assets, associations: e.associations, contacts: e.contacts,
                       deals: e.deals, dealContacts: e.dealContacts, events: events, salesforceRules: e.salesforceRules)
    }

    static func typo(_ value: String, _ rng: inout SeededRandom) -> String {
        var chars = Array(value)
        guard chars.count > 4 else { return value + "x" }
        chars.remove(at: rng.int(1...(chars.count - 2)))
        return String(chars)
    }

    static let themes = ["Spring launch", "Webinar series", "Black Friday", "Partner push", "Product tour",
                         "Customer stories", "Q4 pipeline", "Free trial", "Conference", "Retargeting"]
    static let owners = ["Anna de Vries", "Mark Jansen", "Sofia Bakker", "Tom Visser"]
    static let assetMix: [AssetType] = [.landingPage, .blogPost, .websitePage, .email, .form, .cta, .landingPage,
                                        .socialPost, .paidSearch, .trackingURL, .email, .blogPost, .workflow, .cta,
                                        .trackingURL, .paidSearch, .websitePage, .form, .email, .socialPost]
}
