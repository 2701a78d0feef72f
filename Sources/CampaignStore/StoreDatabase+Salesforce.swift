import SafeText
import CampaignKit
import Foundation

/// R20: Salesforce campaign members, rules on forms and workflows, and the
/// export of what the rules added, inside the caller's transaction.
extension StoreDatabase {
    // MARK: Members

    /// Imports a CSV of Salesforce campaign members (`SalesforceMemberReader`), read by
    /// `reader` before the transaction began: a row naming no known contact is skipped with
    /// a warning in the result; any other defect throws a located `DataFileError` and
    /// nothing is written.
    func importSalesforceMembers(_ reader: CSVReader, source: String, now: Instant) throws -> SalesforceImportResult {
        var known = KnownData()
        try known.loadContacts(self)
        let file = try DataFile<SalesforceMemberColumn>(reader: reader)
        let (members, counts) = try SalesforceMemberReader.read(file, source: source, known: &known, lookedIn: "the store")
        try ImportWriter.writeSalesforceMembers(members, now: now, to: self)
        var result = SalesforceImportResult()
        result.new = counts.new
        result.statusUpdated = counts.statusUpdated
        result.unchanged = counts.unchanged
        result.skipped = counts.skipped
        return result
    }

    /// A contact's Salesforce campaigns and how each came: imported ones first, then
    /// those the rules added, each in data order. A campaign both imported and added
    /// by a rule is listed twice, once per way.
    func salesforceMemberships(ofContact contactID: String) throws -> [SalesforceMembership] {
        guard try value(Bool.self, "SELECT 1 FROM contacts WHERE id = ?", [contactID]) == true else {
            throw StoreError.notFound(kind: "contact", reference: contactID)
        }
        var list = try rows("""
            SELECT salesforce_campaign_id, status, source, imported_at FROM contact_salesforce_campaigns
            WHERE contact_id = ? ORDER BY seq
            """, [contactID]).map { row in
            SalesforceMembership(salesforceCampaignID: row[0], status: row[1],
                                 origin: .imported(source: row[2], at: (row[3] as Int64?).map(Instant.init(microseconds:))))
        }
        let names = Dictionary(try rows("""
            SELECT id, name FROM assets WHERE id IN (SELECT asset_id FROM salesforce_additions WHERE contact_id = ?)
            """, [contactID]).map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { a, _ in a })
        for addition in try additions(where: "a.contact_id = ?", [contactID]) {
            list.append(SalesforceMembership(salesforceCampaignID: addition.salesforceCampaignID, status: addition.status,
                                             origin: .rule(addition, assetName: names[addition.assetID] ?? addition.assetID)))
        }
        return list
    }

    // MARK: Rules

    /// Puts the rule "add the contact to Salesforce campaign `salesforceCampaignID`
    /// (with `status`)" on a form or a workflow. It fires on the asset's events at
    /// or after `since` (default `now`): those already stored at once, later ones as
    /// they are imported. Refused on other assets and when the asset already has a
    /// rule in force for that campaign.
    /// - Returns: the rule, with the contacts it added from the stored events.
    func addSalesforceRule(assetID: String, salesforceCampaignID: String, status: String?,
                           since: Instant?, now: Instant) throws -> StoredSalesforceRule {
        let asset = try asset(assetID)
        guard asset.type == .form || asset.type == .workflow else {
            throw RuleViolation("R20", "asset \(asset.id) is \(Article.a(asset.type.rawValue)); only forms and workflows carry Salesforce rules (R20)")
        }
        let sfID = salesforceCampaignID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !sfID.isEmpty else { throw RuleViolation("R20", "the Salesforce campaign id cannot be empty") }
        let status = status.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        if let existing = try rules(where: "r.asset_id = ? AND r.salesforce_campaign_id = ? AND r.removed_at IS NULL",
                                    [asset.id, sfID]).first {
            throw RuleViolation("R20", "asset \(asset.id) already has a rule for Salesforce campaign \(sfID) (\(Self.describe(existing))); remove it first to change it")
        }
        let marks = try SalesforceRules.marks(self)
        let seq = try value(Int64.self, """
            INSERT INTO salesforce_rules (asset_id, salesforce_campaign_id, status, added_at, active_from) VALUES (?, ?, ?, ?, ?)
            RETURNING seq
            """, [asset.id, sfID, status, now.microseconds, (since ?? now).microseconds]) ?? 0
        try SalesforceRules.apply(self, rulesAfter: marks.rules, eventsAfter: Int64.max, now: now)
        return try rules(where: "r.seq = ?", [seq]).first!
    }

    /// Ends the asset's rule for that Salesforce campaign at `now`: events from then on
    /// no longer fire it. The contacts it added stay added (and pending ones are still exported).
    func removeSalesforceRule(assetID: String, salesforceCampaignID: String, now: Instant) throws -> StoredSalesforceRule {
        let sfID = salesforceCampaignID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let rule = try rules(where: "r.asset_id = ? AND r.salesforce_campaign_id = ? AND r.removed_at IS NULL",
                                   [assetID, sfID]).first else {
            throw RuleViolation("R20", "asset \(assetID) has no Salesforce rule in force for campaign \(sfID)")
        }
        try exec("""
            UPDATE salesforce_rules SET removed_at = ? WHERE asset_id = ? AND salesforce_campaign_id = ? AND removed_at IS NULL
            """, [now.microseconds, assetID, sfID])
        var removed = rule
        removed.removedAt = now
        return removed
    }

    /// The rules, in the order they came; removed ones only when asked for.
    func salesforceRules(includingRemoved: Bool) throws -> [StoredSalesforceRule] {
        try rules(where: includingRemoved ? "TRUE" : "r.removed_at IS NULL")
    }

    private func rules(where condition: String, _ arguments: [any SQLBindable] = []) throws -> [StoredSalesforceRule] {
        try rows("""
            SELECT r.asset_id, a.name, a.type, r.salesforce_campaign_id, r.status, r.active_from, r.added_at, r.removed_at,
                   (SELECT count(*) FROM salesforce_additions x WHERE x.rule_seq = r.seq)
            FROM salesforce_rules r JOIN assets a ON a.id = r.asset_id
            WHERE \(condition) ORDER BY r.seq
            """, arguments).map { row in
            func instant(_ i: Int) -> Instant? { (row[i] as Int64?).map(Instant.init(microseconds:)) }
            return StoredSalesforceRule(assetID: row[0], assetName: row[1], assetType: AssetType(rawValue: row[2]) ?? .form,
                                        salesforceCampaignID: row[3], status: row[4], activeFrom: instant(5),
                                        addedAt: instant(6), removedAt: instant(7), additions: row[8])
        }
    }

    static func describe(_ rule: StoredSalesforceRule) -> String {
        let status = rule.status.map { "status \($0)" } ?? "no status"
        let since = rule.activeFrom.map { "events since \($0.iso8601)" } ?? "every event"
        return "\(status), \(since)"
    }

    // MARK: Additions and their export

    /// Every addition the rules made, in the order they were recorded.
    func salesforceAdditions() throws -> [SalesforceAddition] {
        try additions(where: "TRUE")
    }

    private func additions(where condition: String, _ arguments: [any SQLBindable] = []) throws -> [SalesforceAddition] {
        try rows("""
            SELECT a.contact_id, c.email, a.salesforce_campaign_id, a.status, a.asset_id, e.type, a.event_time,
                   a.added_at, a.exported_at,
                   EXISTS (SELECT 1 FROM contact_salesforce_campaigns m
                           WHERE m.contact_id = a.contact_id AND m.salesforce_campaign_id = a.salesforce_campaign_id)
            FROM salesforce_additions a JOIN contacts c ON c.id = a.contact_id LEFT JOIN events e ON e.seq = a.event_seq
            WHERE \(condition) ORDER BY a.seq
            """, arguments).map { row in
            SalesforceAddition(contactID: row[0], email: row[1], salesforceCampaignID: row[2], status: row[3],
                               assetID: row[4], eventType: (row[5] as Int?).flatMap(EventTypeCode.type) ?? .formSubmission,
                               eventTime: Instant(microseconds: row[6]), addedAt: Instant(microseconds: row[7]),
                               exportedAt: (row[8] as Int64?).map(Instant.init(microseconds:)), alreadyImported: row[9])
        }
    }

    /// Writes the pending additions (all of them with `all`) to `path` as
    /// `CampaignId,ContactId,Email,Status`, in the order they were recorded, and
    /// marks them exported at `now`. Additions whose contact is an imported member
    /// of that campaign are left out: Salesforce has them, with a status of its own
    /// that the rule's must not overwrite. Cells are escaped against formula
    /// injection. The file is written to a temporary file beside it and renamed
    /// over it, so it is whole or untouched; with no row to write it is not written.
    func exportSalesforceAdditions(to path: String, all: Bool, now: Instant) throws -> SalesforceExportResult {
        let chosen = all ? "TRUE" : "a.exported_at IS NULL"
        let additions = try additions(where: chosen)
        let rows = additions.filter { !$0.alreadyImported }
        let result = SalesforceExportResult(rows: rows.count, leftOutAsImported: additions.count - rows.count)
        guard !rows.isEmpty else { return result }
        var text = SalesforceExportResult.header.joined(separator: ",") + "\n"
        for a in rows {
            let cells = [a.salesforceCampaignID, a.contactID, a.email ?? "", a.status ?? ""]
            text += cells.map(CSVField.escape).joined(separator: ",") + "\n"
        }
        try AtomicFile.write(Data(text.utf8), to: path)
        try exec("""
            UPDATE salesforce_additions SET exported_at = ?
            WHERE seq IN (SELECT a.seq FROM salesforce_additions a WHERE \(chosen) AND NOT EXISTS (
                SELECT 1 FROM contact_salesforce_campaigns m
                WHERE m.contact_id = a.contact_id AND m.salesforce_campaign_id = a.salesforce_campaign_id))
            """, [now.microseconds])
        return result
    }
}
