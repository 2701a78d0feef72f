import Attribution
import CampaignKit

/// #17: a campaign as the store lists it, without a number: what the campaigns pane shows
/// while the report is computed, so that the list is there at once.
public struct CampaignOutline: Hashable, Sendable {
    public var id: String
    public var name: String
    public var utmCampaign: String
    /// Earlier values in attachment order, as the report lists them (the filter matches them).
    public var utmAliases: [String]
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?
    public var createdAt: Instant
    /// §8: since when it is archived; nil when it is not.
    public var archivedAt: Instant?
    /// The assets associated with it now, sorted by id (as the report's).
    public var assets: [AssetOutline]

    public init(id: String, name: String, utmCampaign: String, utmAliases: [String] = [], startDate: CalendarDate? = nil,
                endDate: CalendarDate? = nil, createdAt: Instant, archivedAt: Instant? = nil, assets: [AssetOutline] = []) {
        self.id = id; self.name = name; self.utmCampaign = utmCampaign; self.utmAliases = utmAliases
        self.startDate = startDate; self.endDate = endDate; self.createdAt = createdAt
        self.archivedAt = archivedAt; self.assets = assets
    }

    /// The campaign as a report row whose numbers are all zero and every asset visible: the
    /// lists sort, filter and select it as they will its real row. The views draw
    /// placeholders instead of its numbers while there is no report.
    public var placeholderRow: CampaignReport {
        CampaignReport(id: id, name: name, utmCampaign: utmCampaign, utmAliases: utmAliases,
                       inAnalytics: createdAt >= Campaign.analyticsCutoff, startDate: startDate, endDate: endDate,
                       createdAt: createdAt, sessions: 0, influencedContacts: 0, newContactsFirstTouch: 0,
                       newContactsLastTouch: 0, influencedDeals: 0, influencedRevenue: 0,
                       assets: assets.map { AssetReport(id: $0.id, name: $0.name, type: $0.type, hiddenReason: nil,
                                                        interactions: 0, contacts: 0) },
                       sessionsByDay: [], archivedAt: archivedAt)
    }
}

/// An asset associated with a campaign now, by name (R9's visibility needs the report).
public struct AssetOutline: Hashable, Sendable {
    public var id: String
    public var name: String
    public var type: AssetType

    public init(id: String, name: String, type: AssetType) {
        self.id = id; self.name = name; self.type = type
    }
}
