import CampaignKit

/// What `importSalesforceMembers` did (R20).
public struct SalesforceImportResult: Hashable, Sendable {
    /// Memberships the store did not hold.
    public var new = 0
    /// Memberships the store held whose status the file changed.
    public var statusUpdated = 0
    /// Rows that changed nothing: the membership was there with that status, or the row repeats an earlier one.
    public var unchanged = 0
    /// Rows skipped because they name no known contact, one warning each (file, line, column).
    public var skipped: [DataFileError] = []
    public init() {}
}

/// A Salesforce rule as the store keeps it (R20).
public struct StoredSalesforceRule: Hashable, Sendable {
    public var assetID: String
    public var assetName: String
    public var assetType: AssetType
    public var salesforceCampaignID: String
    public var status: String?
    /// Events at or after this instant fire the rule; nil: every event (a rule of a data folder).
    public var activeFrom: Instant?
    /// When the store got the rule; nil for rules from before the store kept it.
    public var addedAt: Instant?
    /// Events at or after this instant no longer fire it; nil: in force.
    public var removedAt: Instant?
    /// Contacts this rule added to its Salesforce campaign.
    public var additions: Int
}

/// One contact added to a Salesforce campaign by a rule's event (R20).
public struct SalesforceAddition: Hashable, Sendable {
    public var contactID: String
    public var email: String?
    public var salesforceCampaignID: String
    /// The rule's status when it fired.
    public var status: String?
    /// The form or workflow whose rule fired.
    public var assetID: String
    public var eventType: EventType
    public var eventTime: Instant
    /// When the store recorded the addition.
    public var addedAt: Instant
    /// When `salesforce export` last wrote it; nil: pending.
    public var exportedAt: Instant?
    /// The contact is an imported member of that Salesforce campaign too: Salesforce
    /// has it already, so the export leaves it out.
    public var alreadyImported: Bool
}

/// What an export wrote (R20).
public struct SalesforceExportResult: Hashable, Sendable {
    /// Data rows written; 0 means the file was not written.
    public var rows: Int
    /// Additions left out because the contact is an imported member of that campaign already.
    public var leftOutAsImported: Int

    /// The header of the export: the columns Salesforce's Data Import Wizard maps for campaign members.
    public static let header = ["CampaignId", "ContactId", "Email", "Status"]
}

/// One of a contact's Salesforce campaigns and how it came (R20).
public struct SalesforceMembership: Hashable, Sendable {
    public enum Origin: Hashable, Sendable {
        /// From an import: the file it first came from and when, where known.
        case imported(source: String?, at: Instant?)
        /// Added by a form's or workflow's rule on one of the contact's events.
        case rule(SalesforceAddition, assetName: String)
    }
    public var salesforceCampaignID: String
    public var status: String?
    public var origin: Origin
}
