import Foundation
import Testing
import CampaignKit
import Attribution

// A small DSL to build datasets tersely and run the engine on them.
// Expectations in the tests are worked out by hand from SPEC.md, never from the engine.

let utc = TimeZone(identifier: "UTC")!
let amsterdam = TimeZone(identifier: "Europe/Amsterdam")!

/// An instant: full ISO 8601 (`2024-03-05T14:30:00Z`, offsets and fractions allowed),
/// or the short form `MM-DD HH:MM[:SS[.ffffff]]` meaning that UTC time in 2024.
func at(_ text: String) -> Instant {
    if let i = Instant(iso8601: text) { return i }
    let parts = text.split(separator: " ")
    if parts.count == 2 {
        let time = parts[1].count == 5 ? "\(parts[1]):00" : String(parts[1])
        if let i = Instant(iso8601: "2024-\(parts[0])T\(time)Z") { return i }
    }
    fatalError("fixture: bad instant \(text)")
}

/// A calendar date `YYYY-MM-DD`, or `MM-DD` in 2024.
func date(_ text: String) -> CalendarDate {
    if let d = CalendarDate(iso8601: text) ?? CalendarDate(iso8601: "2024-" + text) { return d }
    fatalError("fixture: bad date \(text)")
}

/// An exact decimal amount.
func dec(_ text: String) -> Decimal {
    guard let d = Money.parse(text) else { fatalError("fixture: bad amount \(text)") }
    return d
}

/// The default clock of fixtures: well after every fixture's data.
let farFuture = "2030-01-01T00:00:00Z"
/// The default creation instant of campaigns, contacts and associations.
let epoch = "2024-01-01T00:00:00Z"

struct Fixture {
    var dataset = Dataset()
    /// The injected clock (R9's unpublished posts, assets associated "now").
    var asOf: Instant = at(farFuture)

    // MARK: campaigns and assets

    /// A campaign whose current utm value is `utm` (default: the id), attached at
    /// `utmAttached` (default: `created`); `aliases` are earlier values with their instants.
    mutating func campaign(_ id: String, utm: String? = nil, created: String = epoch, utmAttached: String? = nil,
                           aliases: [(String, String)] = [], start: String? = nil, end: String? = nil,
                           name: String? = nil) {
        dataset.campaigns.append(Campaign(
            id: id, name: name ?? "Campaign \(id)", createdAt: at(created),
            startDate: start.map(date), endDate: end.map(date),
            utm: UtmValue(value: utm ?? id, attachedAt: at(utmAttached ?? created)),
            aliases: aliases.map { UtmValue(value: $0.0, attachedAt: at($0.1)) }))
    }

    mutating func asset(_ id: String, _ type: AssetType, url: String? = nil, published: String? = nil,
                        keywords: [String] = []) {
        dataset.assets.append(Asset(id: id, name: "Asset \(id)", type: type, url: url,
                                    publishedAt: published.map(at), keywords: keywords))
    }

    mutating func associate(_ asset: String, _ campaign: String, from: String = epoch, until: String? = nil) {
        dataset.associations.append(Association(assetID: asset, campaignID: campaign,
                                                associatedAt: at(from), dissociatedAt: until.map(at)))
    }

    /// An asset associated with `campaign` from `from` (open interval) in one line.
    mutating func asset(_ id: String, _ type: AssetType, in campaign: String, from: String = epoch, until: String? = nil,
                        url: String? = nil, published: String? = nil, keywords: [String] = []) {
        asset(id, type, url: url, published: published, keywords: keywords)
        associate(id, campaign, from: from, until: until)
    }

    // MARK: people and deals

    mutating func contact(_ id: String, created: String = epoch, visitors: [String] = []) {
        dataset.contacts.append(Contact(id: id, email: "\(id)@example.com", createdAt: at(created), visitorIDs: visitors))
    }

    /// A deal; `contacts` lists each contact with the instant it was associated with the deal.
    mutating func deal(_ id: String, amount: String, stage: DealStage = .closedWon, created: String = epoch,
                       closed: String? = nil, contacts: [(String, String)] = []) {
        dataset.deals.append(Deal(id: id, name: "Deal \(id)", amount: dec(amount), stage: stage,
                                  createdAt: at(created), closeDate: closed.map(at)))
        for (c, when) in contacts { dataset.dealContacts.append(DealContact(dealID: id, contactID: c, associatedAt: at(when))) }
    }

    // MARK: events (kept in call order: that is the data order that breaks ties)

    mutating func view(_ time: String, _ url: String, visitor: String? = nil, contact: String? = nil,
                       session: String? = nil, keyword: String? = nil) {
        dataset.events.append(Event(time: at(time), type: .pageView, visitorID: visitor, contactID: contact,
                                    sessionID: session, url: url, keyword: keyword))
    }

    mutating func event(_ type: EventType, _ time: String, asset: String? = nil, contact: String? = nil,
                        visitor: String? = nil, session: String? = nil, url: String? = nil, keyword: String? = nil) {
        dataset.events.append(Event(time: at(time), type: type, visitorID: visitor, contactID: contact,
                                    sessionID: session, url: url, assetID: asset, keyword: keyword))
    }

    /// A `form_submission` of `form` by `contact`, on page `url`.
    mutating func submit(_ time: String, form: String, contact: String, visitor: String? = nil,
                         session: String? = nil, url: String? = nil) {
        event(.formSubmission, time, asset: form, contact: contact, visitor: visitor, session: session, url: url)
    }

    // MARK: running the engine

    func analysis(zone: TimeZone = utc) -> Analysis {
        Analysis(CompiledData(dataset), asOf: asOf, zone: zone)
    }

    /// The report for the window [from, to] (dates `YYYY-MM-DD` or `MM-DD` in 2024; nil = open) in `zone`.
    func report(from: String? = nil, to: String? = nil, zone: TimeZone = utc) -> Report {
        analysis(zone: zone).report(window: ReportWindow(from: from.map(date), to: to.map(date), zone: zone))
    }
}

extension Report {
    func campaign(_ id: String) -> CampaignReport? { campaigns.first { $0.id == id } }

    private func nonZero(_ metric: (CampaignReport) -> Int) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in campaigns where metric(c) != 0 { out[c.id] = metric(c) }
        return out
    }
    /// Sessions per campaign, campaigns without sessions left out.
    var sessionsByCampaign: [String: Int] { nonZero(\.sessions) }
    var influencedByCampaign: [String: Int] { nonZero(\.influencedContacts) }
    var firstTouchByCampaign: [String: Int] { nonZero(\.newContactsFirstTouch) }
    var lastTouchByCampaign: [String: Int] { nonZero(\.newContactsLastTouch) }
    var dealsByCampaign: [String: Int] { nonZero(\.influencedDeals) }
    var revenueByCampaign: [String: Decimal] {
        var out: [String: Decimal] = [:]
        for c in campaigns where c.influencedRevenue != 0 { out[c.id] = c.influencedRevenue }
        return out
    }

    func unlinked(_ key: String) -> UnlinkedUtm? { unlinkedUtm.first { $0.key == key } }

    /// One model's credits with zero entries dropped (SPEC §8: campaigns with no credit may be left out).
    func credits(_ model: String) -> [String: Decimal] {
        (attribution.models[model] ?? [:]).filter { $0.value != 0 }
    }
}

extension CampaignReport {
    func asset(_ id: String) -> AssetReport? { assets.first { $0.id == id } }
}

/// Amounts written as text, for comparing a model's column.
func amounts(_ values: [String: String]) -> [String: Decimal] { values.mapValues(dec) }
