import CampaignKit
import Foundation

/// Writes a validated `ImportPlan` inside the caller's transaction.
package enum ImportWriter {
    /// - Parameter writeEvents: writes the plan's events (the validated file, and each
    ///   event's time as the check parsed it) with their columnar copy, the backend's way
    ///   (`SQLiteEvents.append`, PostgreSQL's `COPY`).
    /// - Returns: the number of Salesforce additions the folder's rules and events made (R20).
    @discardableResult
    static func write(_ plan: ImportPlan, folder: String, now: Instant, to db: some StoreDatabase,
                      writeEvents: (CSVReader, [Int64]) throws -> Void) throws -> Int {
        let marks = try SalesforceRules.marks(db)
        try writeCampaigns(plan, to: db)
        try writeRest(plan, now: now, to: db)
        if let events = plan.events { try writeEvents(events, plan.eventTimes) }
        try db.exec("INSERT INTO imports (folder, imported_at, events) VALUES (?, ?, ?)",
                    [folder, now.microseconds, plan.eventCount])
        return try SalesforceRules.apply(db, rulesAfter: marks.rules, eventsAfter: marks.events, now: now)
    }

    /// The plan's campaigns, with their names' history, and utm values.
    static func writeCampaigns(_ plan: ImportPlan, to db: some StoreDatabase) throws {
        for c in plan.campaigns {
            try db.exec("""
                INSERT INTO campaigns (id, name, name_key, created_at, start_date, end_date, owner, notes, color, budget, utm_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [c.id, c.name, CampaignName.key(c.name), c.createdAt.microseconds,
                      c.startDate?.description, c.endDate?.description, c.owner, c.notes, c.color,
                      c.budget.map { "\($0)" }, c.utm.key])
            try db.exec("INSERT INTO campaign_names (campaign_id, name, utm_key, named_at) VALUES (?, ?, ?, ?)",
                        [c.id, c.name, c.utm.key, c.createdAt.microseconds])
        }
        for (campaignID, value) in plan.utmValues {
            try db.exec("INSERT INTO utm_values (campaign_id, value, key, attached_at) VALUES (?, ?, ?, ?)",
                        [campaignID, value.value, value.key, value.attachedAt.microseconds])
        }
        for listed in plan.currentValuesListedAsAliases {
            try db.exec("""
                UPDATE utm_values SET attached_at = \(db.dialect.least("attached_at", "?")), alias_value = ? WHERE campaign_id = ? AND key = ?
                """, [listed.attachedAt.microseconds, listed.aliasSpelling, listed.campaignID, listed.key])
        }
    }

    private static func writeRest(_ plan: ImportPlan, now: Instant, to db: some StoreDatabase) throws {
        try db.insertRows(into: "assets", columns: ["id", "type", "name", "url", "published_at"], plan.assets.map {
            [$0.id, $0.type.rawValue, $0.name, $0.url, $0.publishedAt?.microseconds]
        })
        try db.insertRows(into: "asset_keywords", columns: ["asset_id", "keyword"], plan.assets.flatMap { a in
            a.keywords.map { [a.id, $0] as [any SQLBindable] }
        })
        try db.insertRows(into: "associations", columns: ["asset_id", "campaign_id", "associated_at", "dissociated_at"],
                          plan.associations.map { [$0.assetID, $0.campaignID, $0.associatedAt.microseconds, $0.dissociatedAt?.microseconds] })
        try db.insertRows(into: "contacts", columns: ["id", "email", "created_at"], plan.contacts.map {
            [$0.id, $0.email, $0.createdAt.microseconds]
        })
        try writeSalesforceMembers(plan.salesforceMembers, now: now, to: db)
        try db.insertRows(into: "deals", columns: ["id", "name", "amount", "stage", "created_at", "close_date"], plan.deals.map {
            [$0.id, $0.name, "\($0.amount)", $0.stage.rawValue, $0.createdAt.microseconds, $0.closeDate?.microseconds]
        })
        try db.insertRows(into: "deal_contacts", columns: ["deal_id", "contact_id", "associated_at"], plan.dealContacts.map {
            [$0.dealID, $0.contactID, $0.associatedAt.microseconds]
        })
        // R20: a data folder's rules apply to every event, stored, in the folder or imported later.
        try db.insertRows(into: "salesforce_rules", columns: ["asset_id", "salesforce_campaign_id", "status", "added_at"],
                          plan.salesforceRules.map { [$0.assetID, $0.salesforceCampaignID, $0.status, now.microseconds] })
        try db.insertRows(into: "visitors", columns: ["visitor_id", "contact_id", "listed"], plan.visitors.map {
            [$0.visitorID, $0.contactID, $0.listed]
        })
    }

    /// R20: imported memberships. A pair the store already holds keeps where it
    /// first came from and takes the new status, when the row gives one.
    static func writeSalesforceMembers(_ members: [ImportPlan.SalesforceMember], now: Instant, to db: some StoreDatabase) throws {
        for m in members {
            try db.exec("""
                INSERT INTO contact_salesforce_campaigns (contact_id, salesforce_campaign_id, status, source, imported_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (contact_id, salesforce_campaign_id)
                DO UPDATE SET status = coalesce(excluded.status, contact_salesforce_campaigns.status)
                """, [m.contactID, m.salesforceCampaignID, m.status, m.source, now.microseconds])
        }
    }

    /// Rows between two progress reports.
    package static let progressRows = 1 << 16
}
