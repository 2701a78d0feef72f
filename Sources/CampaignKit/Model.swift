import Foundation

/// One of the campaign's utm values with the instant it was attached (R3, R4).
public struct UtmValue: Hashable, Sendable, Codable {
    /// As given or generated, trimmed.
    public var value: String
    public var attachedAt: Instant
    public init(value: String, attachedAt: Instant) { self.value = value; self.attachedAt = attachedAt }
    /// The match key (R4): the value lowercased.
    public var key: String { UtmTags.matchKey(value) }
}

public struct Campaign: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var name: String
    public var createdAt: Instant
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?
    public var owner: String?
    public var notes: String?
    public var color: String?
    public var budget: Decimal?
    /// The current utm value.
    public var utm: UtmValue
    /// Earlier values, in attachment order (ties keep data order). The current value is
    /// among them when the data listed it as an alias as well (SPEC §7).
    public var aliases: [UtmValue]
    /// Since when the campaign is archived (§8): hidden from lists, every number unchanged. Nil: not archived.
    public var archivedAt: Instant?

    public init(id: String, name: String, createdAt: Instant, startDate: CalendarDate? = nil,
                endDate: CalendarDate? = nil, owner: String? = nil, notes: String? = nil,
                color: String? = nil, budget: Decimal? = nil, utm: UtmValue, aliases: [UtmValue] = [],
                archivedAt: Instant? = nil) {
        self.id = id; self.name = name; self.createdAt = createdAt; self.startDate = startDate
        self.endDate = endDate; self.owner = owner; self.notes = notes; self.color = color
        self.budget = budget; self.utm = utm; self.aliases = aliases; self.archivedAt = archivedAt
    }

    /// Every value, current and earlier, in attachment order. An alias that repeats the
    /// current value, attached no earlier than it, is left out: it adds nothing (SPEC §7).
    public var allUtmValues: [UtmValue] {
        (aliases.filter { $0.key != utm.key || $0.attachedAt < utm.attachedAt } + [utm]).enumerated().sorted {
            ($0.element.attachedAt, $0.offset) < ($1.element.attachedAt, $1.offset)
        }.map(\.element)
    }

    /// R17: campaigns created before this instant stay out of the analytics view.
    public static let analyticsCutoff = Instant(iso8601: "2017-09-01T00:00:00Z")!
    public var inAnalytics: Bool { createdAt >= Self.analyticsCutoff }
}

public enum AssetType: String, CaseIterable, Hashable, Sendable, Codable {
    case blogPost = "blog_post", cta, email, landingPage = "landing_page", websitePage = "website_page"
    case socialPost = "social_post", paidSearch = "paid_search", trackingURL = "tracking_url", form, workflow

    /// Pages matched by their URL (R12 rule 2).
    public var isPage: Bool { self == .blogPost || self == .landingPage || self == .websitePage }
    /// R7: only workflows may belong to several campaigns at once.
    public var allowsManyCampaigns: Bool { self == .workflow }
}

public struct Asset: Hashable, Sendable, Identifiable, Codable {
    public var id: String
    public var name: String
    public var type: AssetType
    public var url: String?
    public var publishedAt: Instant?
    public var keywords: [String]
    public init(id: String, name: String, type: AssetType, url: String? = nil,
                publishedAt: Instant? = nil, keywords: [String] = []) {
        self.id = id; self.name = name; self.type = type; self.url = url
        self.publishedAt = publishedAt; self.keywords = keywords
    }
}

/// The asset belonged to the campaign from `associatedAt` up to, not including, `dissociatedAt`.
public struct Association: Hashable, Sendable, Codable {
    public var assetID: String
    public var campaignID: String
    public var associatedAt: Instant
    public var dissociatedAt: Instant?
    public init(assetID: String, campaignID: String, associatedAt: Instant, dissociatedAt: Instant? = nil) {
        self.assetID = assetID; self.campaignID = campaignID
        self.associatedAt = associatedAt; self.dissociatedAt = dissociatedAt
    }
    public func covers(_ t: Instant) -> Bool {
        associatedAt <= t && (dissociatedAt.map { t < $0 } ?? true)
    }
    public var isOpen: Bool { dissociatedAt == nil }
}

public struct Contact: Hashable, Sendable, Identifiable {
    public var id: String
    public var email: String?
    public var createdAt: Instant
    public var visitorIDs: [String]
    public var salesforceCampaignIDs: [String]
    public init(id: String, email: String? = nil, createdAt: Instant, visitorIDs: [String] = [],
                salesforceCampaignIDs: [String] = []) {
        self.id = id; self.email = email; self.createdAt = createdAt
        self.visitorIDs = visitorIDs; self.salesforceCampaignIDs = salesforceCampaignIDs
    }
}

public enum DealStage: String, CaseIterable, Hashable, Sendable {
    case open, closedWon = "closed_won", closedLost = "closed_lost"
}

public struct Deal: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String?
    public var amount: Decimal
    public var stage: DealStage
    public var createdAt: Instant
    public var closeDate: Instant?
    public init(id: String, name: String? = nil, amount: Decimal, stage: DealStage,
                createdAt: Instant, closeDate: Instant? = nil) {
        self.id = id; self.name = name; self.amount = amount; self.stage = stage
        self.createdAt = createdAt; self.closeDate = closeDate
    }
}

public struct DealContact: Hashable, Sendable {
    public var dealID: String
    public var contactID: String
    public var associatedAt: Instant
    public init(dealID: String, contactID: String, associatedAt: Instant) {
        self.dealID = dealID; self.contactID = contactID; self.associatedAt = associatedAt
    }
}

public enum EventType: String, CaseIterable, Hashable, Sendable {
    case pageView = "page_view", formSubmission = "form_submission"
    case emailOpen = "email_open", emailClick = "email_click"
    case ctaClick = "cta_click", adClick = "ad_click", socialClick = "social_click"
    case workflowEnrollment = "workflow_enrollment"

    /// R10: events that belong to website sessions.
    public var isWebsite: Bool { self == .pageView || self == .formSubmission || self == .ctaClick }

    /// The asset type an event of this type must name, if it names one.
    public var requiredAssetType: AssetType? {
        switch self {
        case .pageView: return nil
        case .formSubmission: return .form
        case .emailOpen, .emailClick: return .email
        case .ctaClick: return .cta
        case .adClick: return .paidSearch
        case .socialClick: return .socialPost
        case .workflowEnrollment: return .workflow
        }
    }

    /// Whether the event type requires a contact id (SPEC §1's table).
    public var requiresContact: Bool {
        switch self {
        case .formSubmission, .emailOpen, .emailClick, .workflowEnrollment: return true
        default: return false
        }
    }
}

/// One interaction. Its place in the data (for tie-breaks) is its index in `Dataset.events`.
public struct Event: Hashable, Sendable {
    public var time: Instant
    public var type: EventType
    public var visitorID: String?
    public var contactID: String?
    public var sessionID: String?
    public var url: String?
    public var referrer: String?
    public var assetID: String?
    public var keyword: String?
    public init(time: Instant, type: EventType, visitorID: String? = nil, contactID: String? = nil,
                sessionID: String? = nil, url: String? = nil, referrer: String? = nil,
                assetID: String? = nil, keyword: String? = nil) {
        self.time = time; self.type = type; self.visitorID = visitorID; self.contactID = contactID
        self.sessionID = sessionID; self.url = url; self.referrer = referrer
        self.assetID = assetID; self.keyword = keyword
    }
}

/// R20: "add the contact to Salesforce campaign X" on a form or a workflow.
public struct SalesforceRule: Hashable, Sendable {
    public var assetID: String
    public var salesforceCampaignID: String
    public var status: String?
    public init(assetID: String, salesforceCampaignID: String, status: String? = nil) {
        self.assetID = assetID; self.salesforceCampaignID = salesforceCampaignID; self.status = status
    }
}

/// Everything the engine reads: the store's content as plain values.
/// Arrays keep the data's order (import order, then line), which breaks ties.
public struct Dataset: Sendable {
    public var campaigns: [Campaign]
    public var assets: [Asset]
    public var associations: [Association]
    public var contacts: [Contact]
    public var deals: [Deal]
    public var dealContacts: [DealContact]
    public var events: EventTable
    public var salesforceRules: [SalesforceRule]

    public init(campaigns: [Campaign] = [], assets: [Asset] = [], associations: [Association] = [],
                contacts: [Contact] = [], deals: [Deal] = [], dealContacts: [DealContact] = [],
                events: EventTable = [], salesforceRules: [SalesforceRule] = []) {
        self.campaigns = campaigns; self.assets = assets; self.associations = associations
        self.contacts = contacts; self.deals = deals; self.dealContacts = dealContacts
        self.events = events; self.salesforceRules = salesforceRules
    }
}
