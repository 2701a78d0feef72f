import SafeText
import CampaignKit
import Foundation
import GRDB

/// R20: Salesforce campaign members, rules on forms and workflows, and the
/// export of what the rules added. Each operation is one transaction.
extension CampaignStore {
    // MARK: Members

    /// Imports a CSV of Salesforce campaign members (`SalesforceMemberReader`): a row naming
    /// no known contact is skipped with a warning in the result; any other defect throws a
    /// located `DataFileError` (the file as `path` gives it) and nothing is written. The file
    /// is read before the write transaction begins, and must be a regular file (a FIFO is
    /// refused, never waited on).
    @discardableResult
    public func importSalesforceMembers(_ path: String, now: Instant) throws -> SalesforceImportResult {
        if case .other(let what) = RegularFile.kind(at: path) {
            throw DataFileError(file: path, message: RegularFileError.notRegular(path: path, what: what).reason)
        }
        let reader = try CSVReader(path: path, fileName: path)
        return try write { db in
            var known = KnownData()
            try known.loadContacts(db)
            let file = try DataFile<SalesforceMemberColumn>(reader: reader)
            let (members, counts) = try SalesforceMemberReader.read(
                file, source: URL(fileURLWithPath: path).lastPathComponent, known: &known, lookedIn: "the store")
            try ImportWriter.writeSalesforceMembers(members, now: now, to: db)
            var result = SalesforceImportResult()
            result.new = counts.new
            result.statusUpdated = counts.statusUpdated
            result.unchanged = counts.unchanged
            result.skipped = counts.skipped
            return result
        }
    }

    /// A contact's Salesforce campaigns and how each came: imported ones first, then
    /// those the rules added, each in data order. A campaign both imported and added
    /// by a rule is listed twice, once per way.
    public func salesforceMemberships(ofContact contactID: String) throws -> [SalesforceMembership] {
        try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM contacts WHERE id = ?", arguments: [contactID]) == true else {
                throw StoreError.notFound(kind: "contact", reference: contactID)
            }
            var list = try Row.fetchAll(db, sql: """
                SELECT salesforce_campaign_id, status, source, imported_at FROM contact_salesforce_campaigns
                WHERE contact_id = ? ORDER BY seq
                """, arguments: [contactID]).map { row in
                SalesforceMembership(salesforceCampaignID: row[0], status: row[1],
                                     origin: .imported(source: row[2], at: (row[3] as Int64?).map(Instant.init(microseconds:))))
            }
            let names = Dictionary(try Row.fetchAll(db, sql: """
                SELECT id, name FROM assets WHERE id IN (SELECT asset_id FROM salesforce_additions WHERE contact_id = ?)
                """, arguments: [contactID]).map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { a, _ in a })
            for addition in try Self.additions(db, where: "a.contact_id = ?", arguments: [contactID]) {
                list.append(SalesforceMembership(salesforceCampaignID: addition.salesforceCampaignID, status: addition.status,
                                                 origin: .rule(addition, assetName: names[addition.assetID] ?? addition.assetID)))
            }
            return list
        }
    }

    // MARK: Rules

    /// Puts the rule "add the contact to Salesforce campaign `salesforceCampaignID`
    /// (with `status`)" on a form or a workflow. It fires on the asset's events at
    /// or after `since` (default `now`): those already stored at once, later ones as
    /// they are imported. Refused on other assets and when the asset already has a
    /// rule in force for that campaign.
    /// - Returns: the rule, with the contacts it added from the stored events.
    @discardableResult
    public func addSalesforceRule(assetID: String, salesforceCampaignID: String, status: String?,
                                  since: Instant? = nil, now: Instant) throws -> StoredSalesforceRule {
        try write { db in
            let asset = try Self.asset(assetID, db)
            guard asset.type == .form || asset.type == .workflow else {
                throw RuleViolation("R20", "asset \(asset.id) is \(Article.a(asset.type.rawValue)); only forms and workflows carry Salesforce rules (R20)")
            }
            let sfID = salesforceCampaignID.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !sfID.isEmpty else { throw RuleViolation("R20", "the Salesforce campaign id cannot be empty") }
            let status = status.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            if let existing = try Self.rules(db, where: "r.asset_id = ? AND r.salesforce_campaign_id = ? AND r.removed_at IS NULL",
                                             arguments: [asset.id, sfID]).first {
                throw RuleViolation("R20", "asset \(asset.id) already has a rule for Salesforce campaign \(sfID) (\(Self.describe(existing))); remove it first to change it")
            }
            let marks = try SalesforceRules.marks(db)
            try db.execute(sql: """
                INSERT INTO salesforce_rules (asset_id, salesforce_campaign_id, status, added_at, active_from) VALUES (?, ?, ?, ?, ?)
                """, arguments: [asset.id, sfID, status, now.microseconds, (since ?? now).microseconds])
            let seq = db.lastInsertedRowID
            try SalesforceRules.apply(db, rulesAfter: marks.rules, eventsAfter: Int64.max, now: now)
            return try Self.rules(db, where: "r.seq = ?", arguments: [seq]).first!
        }
    }

    /// Ends the asset's rule for that Salesforce campaign at `now`: events from then on
    /// no longer fire it. The contacts it added stay added (and pending ones are still exported).
    @discardableResult
    public func removeSalesforceRule(assetID: String, salesforceCampaignID: String, now: Instant) throws -> StoredSalesforceRule {
        try write { db in
            let sfID = salesforceCampaignID.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let rule = try Self.rules(db, where: "r.asset_id = ? AND r.salesforce_campaign_id = ? AND r.removed_at IS NULL",
                                            arguments: [assetID, sfID]).first else {
                throw RuleViolation("R20", "asset \(assetID) has no Salesforce rule in force for campaign \(sfID)")
            }
            try db.execute(sql: """
                UPDATE salesforce_rules SET removed_at = ? WHERE asset_id = ? AND salesforce_campaign_id = ? AND removed_at IS NULL
                """, arguments: [now.microseconds, assetID, sfID])
            var removed = rule
            removed.removedAt = now
            return removed
        }
    }

    /// The rules, in the order they came; removed ones only when asked for.
    public func salesforceRules(includingRemoved: Bool = false) throws -> [StoredSalesforceRule] {
        try read { db in try Self.rules(db, where: includingRemoved ? "1" : "r.removed_at IS NULL") }
    }

    private static func rules(_ db: Database, where condition: String,
                              arguments: StatementArguments = []) throws -> [StoredSalesforceRule] {
        try Row.fetchAll(db, sql: """
            SELECT r.asset_id, a.name, a.type, r.salesforce_campaign_id, r.status, r.active_from, r.added_at, r.removed_at,
                   (SELECT count(*) FROM salesforce_additions x WHERE x.rule_seq = r.seq)
            FROM salesforce_rules r JOIN assets a ON a.id = r.asset_id
            WHERE \(condition) ORDER BY r.seq
            """, arguments: arguments).map { row in
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
    public func salesforceAdditions() throws -> [SalesforceAddition] {
        try read { db in try Self.additions(db, where: "1") }
    }

    private static func additions(_ db: Database, where condition: String,
                                  arguments: StatementArguments = []) throws -> [SalesforceAddition] {
        try Row.fetchAll(db, sql: """
            SELECT a.contact_id, c.email, a.salesforce_campaign_id, a.status, a.asset_id, e.type, a.event_time,
                   a.added_at, a.exported_at,
                   EXISTS (SELECT 1 FROM contact_salesforce_campaigns m
                           WHERE m.contact_id = a.contact_id AND m.salesforce_campaign_id = a.salesforce_campaign_id)
            FROM salesforce_additions a JOIN contacts c ON c.id = a.contact_id LEFT JOIN events e ON e.seq = a.event_seq
            WHERE \(condition) ORDER BY a.seq
            """, arguments: arguments).map { row in
            SalesforceAddition(contactID: row[0], email: row[1], salesforceCampaignID: row[2], status: row[3],
                               assetID: row[4], eventType: (row[5] as Int?).flatMap(EventTypeCode.type) ?? .formSubmission,
                               eventTime: Instant(microseconds: row[6]), addedAt: Instant(microseconds: row[7]),
                               exportedAt: (row[8] as Int64?).map(Instant.init(microseconds:)), alreadyImported: row[9])
        }
    }

    /// The header of the export: the columns Salesforce's Data Import Wizard maps for campaign members.
    public static let salesforceExportHeader = ["CampaignId", "ContactId", "Email", "Status"]

    /// Writes the pending additions (all of them with `all`) to `path` as
    /// `CampaignId,ContactId,Email,Status`, in the order they were recorded, and
    /// marks them exported at `now`. Additions whose contact is an imported member
    /// of that campaign are left out: Salesforce has them, with a status of its own
    /// that the rule's must not overwrite. Cells are escaped against formula
    /// injection. The file is written to a temporary file beside it and renamed
    /// over it, so it is whole or untouched; with no row to write it is not written.
    @discardableResult
    public func exportSalesforceAdditions(to path: String, all: Bool, now: Instant) throws -> SalesforceExportResult {
        try write { db in
            let chosen = all ? "1" : "a.exported_at IS NULL"
            let additions = try Self.additions(db, where: chosen)
            let rows = additions.filter { !$0.alreadyImported }
            let result = SalesforceExportResult(rows: rows.count, leftOutAsImported: additions.count - rows.count)
            guard !rows.isEmpty else { return result }
            var text = Self.salesforceExportHeader.joined(separator: ",") + "\n"
            for a in rows {
                let cells = [a.salesforceCampaignID, a.contactID, a.email ?? "", a.status ?? ""]
                text += cells.map(CSVField.escape).joined(separator: ",") + "\n"
            }
            try AtomicFile.write(Data(text.utf8), to: path)
            try db.execute(sql: """
                UPDATE salesforce_additions SET exported_at = ?
                WHERE seq IN (SELECT a.seq FROM salesforce_additions a WHERE \(chosen) AND NOT EXISTS (
                    SELECT 1 FROM contact_salesforce_campaigns m
                    WHERE m.contact_id = a.contact_id AND m.salesforce_campaign_id = a.salesforce_campaign_id))
                """, arguments: [now.microseconds])
            return result
        }
    }
}
