import CampaignKit

/// Everything a validated data folder adds, ready to write in one transaction.
package struct ImportPlan {
    /// A campaign with the key of its current value (the value itself is among `utmValues`).
    var campaigns: [Campaign] = []
    /// Values to attach, in data order: current values of new campaigns, then aliases.
    var utmValues: [(campaignID: String, value: UtmValue)] = []
    /// SPEC §7: current values (of the store's campaigns or among `utmValues`) that
    /// utm_aliases.csv lists as well.
    var currentValuesListedAsAliases: [CurrentValueListedAsAlias] = []
    var assets: [Asset] = []
    var associations: [Association] = []
    var contacts: [Contact] = []
    /// R11 claims: `listed` ones come from contacts.csv, the others from events.
    var visitors: [(visitorID: String, contactID: String, listed: Bool)] = []
    /// R20: memberships to add, or whose status to set, in data order.
    var salesforceMembers: [SalesforceMember] = []
    var deals: [Deal] = []
    var dealContacts: [DealContact] = []
    /// The events file, validated, to be read again while writing.
    var events: CSVReader?
    var eventCount = 0
    /// Each event's time as the check parsed it, so that writing does not parse it again.
    var eventTimes: [Int64] = []
    var salesforceRules: [SalesforceRule] = []

    /// A campaign's current value listed in utm_aliases.csv as well: the value counts
    /// from the earlier of its two attachments.
    struct CurrentValueListedAsAlias: Hashable {
        var campaignID: String
        var key: String
        /// As utm_aliases.csv writes it.
        var aliasSpelling: String
        /// The attachment the value is not stored with yet.
        var attachedAt: Instant
    }

    struct SalesforceMember: Hashable {
        var contactID: String
        var salesforceCampaignID: String
        var status: String?
        /// The file it comes from, kept as where the membership came from.
        var source: String
    }
}

/// What an import added, for the command to report.
public struct ImportSummary: Hashable, Sendable {
    public var campaigns = 0
    public var utmValues = 0
    public var assets = 0
    public var associations = 0
    public var contacts = 0
    public var deals = 0
    public var dealContacts = 0
    public var events = 0
    /// R20: memberships new to the store (from salesforce_members.csv).
    public var salesforceMembers = 0
    /// R20: memberships the store held whose status salesforce_members.csv changed.
    public var salesforceStatusUpdates = 0
    /// R20: rows of salesforce_members.csv skipped because they name no known contact,
    /// one warning each (file, line, column): the one import warning that is not an error.
    public var skippedSalesforceMembers: [DataFileError] = []
    public var salesforceRules = 0
    /// R20: contacts the rules added to a Salesforce campaign, on this folder's events or its new rules.
    public var salesforceAdditions = 0
    /// R2 values generated for campaigns whose `utm_campaign` cell was empty: campaign id → value.
    public var generatedUtmValues: [String: String] = [:]

    public init() {}
}
