// The columns of each data file (SPEC §8). Case names are the header names
// exactly as written in the files, hence snake_case.

enum CampaignColumn: Int, DataColumn {
    case id, name, created_at, start_date, end_date, owner, budget, notes, color, utm_campaign, utm_attached_at
    static let fileName = "campaigns.csv"
    static let required: [Self] = [.id, .name, .created_at]
}

enum UtmAliasColumn: Int, DataColumn {
    case campaign_id, utm_campaign, attached_at
    static let fileName = "utm_aliases.csv"
    static let required: [Self] = [.campaign_id, .utm_campaign, .attached_at]
}

enum AssetColumn: Int, DataColumn {
    case id, type, name, url, published_at, keywords
    static let fileName = "assets.csv"
    static let required: [Self] = [.id, .type, .name]
}

enum AssociationColumn: Int, DataColumn {
    case asset_id, campaign_id, associated_at, dissociated_at
    static let fileName = "associations.csv"
    static let required: [Self] = [.asset_id, .campaign_id, .associated_at]
}

enum ContactColumn: Int, DataColumn {
    case id, email, created_at, visitor_ids, salesforce_campaign_ids
    static let fileName = "contacts.csv"
    static let required: [Self] = [.id, .created_at]
}

enum DealColumn: Int, DataColumn {
    case id, name, amount, stage, created_at, close_date
    static let fileName = "deals.csv"
    static let required: [Self] = [.id, .amount, .stage, .created_at]
}

enum DealContactColumn: Int, DataColumn {
    case deal_id, contact_id, associated_at
    static let fileName = "deal_contacts.csv"
    static let required: [Self] = [.deal_id, .contact_id, .associated_at]
}

enum EventColumn: Int, DataColumn {
    case time, type, visitor_id, contact_id, session_id, url, referrer, asset_id, keyword
    static let fileName = "events.csv"
    static let required: [Self] = [.time, .type]
}

enum SalesforceMemberColumn: Int, DataColumn {
    case salesforce_campaign_id, contact_id, email, status
    static let fileName = "salesforce_members.csv"
    static let required: [Self] = [.salesforce_campaign_id]
    /// Salesforce's own export of campaign members (Data Loader, reports) names them so.
    static let aliases: [(name: String, column: Self)] = [
        ("CampaignId", .salesforce_campaign_id), ("Campaign ID", .salesforce_campaign_id),
        ("ContactId", .contact_id), ("Contact ID", .contact_id),
    ]
}

enum SalesforceRuleColumn: Int, DataColumn {
    case asset_id, salesforce_campaign_id, status
    static let fileName = "salesforce_rules.csv"
    static let required: [Self] = [.asset_id, .salesforce_campaign_id]
}

/// The files a data folder may hold, in reading order.
enum DataFolderFiles {
    static let all = [
        CampaignColumn.fileName, UtmAliasColumn.fileName, AssetColumn.fileName, AssociationColumn.fileName,
        ContactColumn.fileName, DealColumn.fileName, DealContactColumn.fileName, EventColumn.fileName,
        SalesforceMemberColumn.fileName, SalesforceRuleColumn.fileName,
    ]
}
