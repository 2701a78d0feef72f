import Foundation
import CampaignKit

/// The report window: whole days in `zone`, both ends inclusive, either end open.
public struct ReportWindow: Hashable, Sendable {
    public var from: CalendarDate?
    public var to: CalendarDate?
    public var zone: TimeZone

    public init(from: CalendarDate? = nil, to: CalendarDate? = nil, zone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.from = from; self.to = to; self.zone = zone
    }

    /// First instant inside the window, nil when open.
    public var lowerBound: Instant? { from.map { $0.start(in: zone) } }
    /// First instant after the window, nil when open.
    public var upperBound: Instant? { to.map { $0.adding(days: 1).start(in: zone) } }

    /// The zone's IANA name; Foundation calls UTC "GMT", people expect "UTC".
    public var zoneName: String {
        zone.identifier == "GMT" ? "UTC" : zone.identifier
    }

    public func contains(_ t: Instant) -> Bool {
        if let lo = lowerBound, t < lo { return false }
        if let hi = upperBound, t >= hi { return false }
        return true
    }
}

/// Why an associated asset contributes nothing to a campaign (R9), in the SPEC's order.
public enum HiddenReason: String, Hashable, Sendable, CaseIterable {
    case unpublished, notVisited = "not_visited", outsideDates = "outside_dates"
}

public struct AssetReport: Hashable, Sendable {
    public var id: String
    public var name: String
    public var type: AssetType
    public var hiddenReason: HiddenReason?
    public var interactions: Int
    public var contacts: Int
    public var visible: Bool { hiddenReason == nil }

    public init(id: String, name: String, type: AssetType, hiddenReason: HiddenReason?, interactions: Int, contacts: Int) {
        self.id = id; self.name = name; self.type = type; self.hiddenReason = hiddenReason
        self.interactions = interactions; self.contacts = contacts
    }
}

public struct CampaignReport: Hashable, Sendable {
    public var id: String
    public var name: String
    public var utmCampaign: String
    /// Earlier values in attachment order.
    public var utmAliases: [String]
    public var inAnalytics: Bool
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?
    public var createdAt: Instant
    public var sessions: Int
    public var influencedContacts: Int
    public var newContactsFirstTouch: Int
    public var newContactsLastTouch: Int
    public var influencedDeals: Int
    public var influencedRevenue: Decimal
    /// Assets associated now, sorted by id.
    public var assets: [AssetReport]
    /// Sessions per day in the window (report zone), days without sessions left out, sorted.
    public var sessionsByDay: [DayCount]
    /// The campaign record's budget, when one is set (for revenue against budget; not in SPEC §8's JSON).
    public var budget: Decimal?
    /// Since when the campaign is archived (§8): lists leave it out, its numbers are as ever. Nil: not archived.
    public var archivedAt: Instant?

    public init(id: String, name: String, utmCampaign: String, utmAliases: [String], inAnalytics: Bool,
                startDate: CalendarDate?, endDate: CalendarDate?, createdAt: Instant,
                sessions: Int, influencedContacts: Int, newContactsFirstTouch: Int, newContactsLastTouch: Int,
                influencedDeals: Int, influencedRevenue: Decimal, assets: [AssetReport], sessionsByDay: [DayCount],
                budget: Decimal? = nil, archivedAt: Instant? = nil) {
        self.id = id; self.name = name; self.utmCampaign = utmCampaign; self.utmAliases = utmAliases
        self.inAnalytics = inAnalytics; self.startDate = startDate; self.endDate = endDate; self.createdAt = createdAt
        self.sessions = sessions; self.influencedContacts = influencedContacts
        self.newContactsFirstTouch = newContactsFirstTouch; self.newContactsLastTouch = newContactsLastTouch
        self.influencedDeals = influencedDeals; self.influencedRevenue = influencedRevenue
        self.assets = assets; self.sessionsByDay = sessionsByDay; self.budget = budget; self.archivedAt = archivedAt
    }
}

public struct DayCount: Hashable, Sendable {
    public var day: CalendarDate
    public var count: Int
    public init(day: CalendarDate, count: Int) { self.day = day; self.count = count }
}

/// A utm value no campaign owns (R5), grouped by match key.
public struct UnlinkedUtm: Hashable, Sendable {
    public var key: String
    /// Decoded, trimmed raw spellings, sorted.
    public var spellings: [String]
    public var pageViews: Int
    public var sessions: Int
    /// The campaign this value most likely meant (a typo or case variant), nil when unsure.
    public var suggestedCampaignID: String?
    public init(key: String, spellings: [String], pageViews: Int, sessions: Int, suggestedCampaignID: String?) {
        self.key = key; self.spellings = spellings; self.pageViews = pageViews
        self.sessions = sessions; self.suggestedCampaignID = suggestedCampaignID
    }
}

/// R18's multi-touch attribution over the window.
public struct AttributionReport: Hashable, Sendable {
    public var attributedRevenue: Decimal
    public var unattributedDeals: Int
    public var unattributedRevenue: Decimal
    /// Model name → campaign id → revenue rounded to cents.
    public var models: [String: [String: Decimal]]
    public init(attributedRevenue: Decimal = 0, unattributedDeals: Int = 0, unattributedRevenue: Decimal = 0,
                models: [String: [String: Decimal]] = [:]) {
        self.attributedRevenue = attributedRevenue; self.unattributedDeals = unattributedDeals
        self.unattributedRevenue = unattributedRevenue; self.models = models
    }
}

/// What `utmost report` shows: the engine's whole answer for one window.
public struct Report: Hashable, Sendable {
    public var window: ReportWindow
    /// Sorted by id.
    public var campaigns: [CampaignReport]
    /// Sorted by key.
    public var unlinkedUtm: [UnlinkedUtm]
    public var attribution: AttributionReport
    /// The latest event of all the data, whatever the window: where the data ends
    /// (the dashboard offers to move a period that starts after it). Not in SPEC §8's JSON.
    public var lastEventAt: Instant?
    public init(window: ReportWindow, campaigns: [CampaignReport], unlinkedUtm: [UnlinkedUtm], attribution: AttributionReport,
                lastEventAt: Instant? = nil) {
        self.window = window; self.campaigns = campaigns; self.unlinkedUtm = unlinkedUtm; self.attribution = attribution
        self.lastEventAt = lastEventAt
    }
}
