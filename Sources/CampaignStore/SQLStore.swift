import CampaignKit
import Foundation

/// A store whose operations are `StoreDatabase`'s, each in one transaction of its own
/// connection: both backends are, so the contract's operations are written once, here.
/// A backend gives its transactions, its change counter, and the way it writes and reads
/// the events (the many rows: `COPY` on PostgreSQL, bound straight from the file on SQLite).
package protocol SQLStore: Store {
    associatedtype Connection: StoreDatabase

    /// Runs `body` in one read-only transaction that sees one state of the store.
    func read<T>(_ body: (Connection) throws -> T) throws -> T
    /// Runs `body` in one write transaction, committing when it returns; writers take turns.
    func write<T>(_ body: (Connection) throws -> T) throws -> T
    /// A number that moves with every commit, by any writer: an import checked against the
    /// store's content outside its transaction is checked again when it moved meanwhile.
    func changeCount(_ db: Connection) throws -> Int
    /// Appends the validated events file's rows after the stored ones, with their
    /// columnar copy, inside the import's transaction.
    func appendEvents(_ events: CSVReader, times: [Int64], to db: Connection, progress: ImportProgress?) throws
    /// The stored events as the engine's columns.
    func events(_ db: Connection) throws -> EventTable
    /// The whole store as plain values, inside the caller's read transaction (by default
    /// the events, then the rest: `StoreDatabase.dataset(events:)`).
    func dataset(_ db: Connection) throws -> Dataset
}

extension SQLStore {
    /// The folder is read and checked before the write transaction begins, so a slow or
    /// refused folder never holds the store's write lock: against the store's content as
    /// it was then (in a read transaction, which validation's lookups of single rows read
    /// through, `KnownData`), checked again inside the write transaction only when another
    /// writer changed the store meanwhile. `progress` goes from checking the events (first half) to
    /// writing them (second half).
    @discardableResult
    public func importFolder(_ folder: String, now: Instant, progress: ImportProgress?) throws -> ImportSummary {
        try DataFolderCheck.run(folder)
        let (checked, version) = try read { db in
            (try FolderValidator(folder: folder, known: KnownData.load(db, for: folder), progress: progress).run(), try changeCount(db))
        }
        return try write { db in
            let (plan, validated) = try changeCount(db) == version
                ? checked : FolderValidator(folder: folder, known: KnownData.load(db, for: folder)).run()
            var summary = validated
            summary.salesforceAdditions = try writeImport(plan, folder: folder, now: now, to: db, progress: progress)
            return summary
        }
    }

    /// Imports a data folder into a store that has no schema yet: the folder is checked
    /// first (against an empty store), then `makeSchema` and the import run in one write
    /// transaction. `makeSchema` returns false when it found the schema made meanwhile by
    /// another process; the folder is then checked again, against what that one wrote.
    package func importFolder(_ folder: String, now: Instant, progress: ImportProgress?,
                              makingSchema makeSchema: (Connection) throws -> Bool) throws -> ImportSummary {
        try DataFolderCheck.run(folder)
        let checked = try FolderValidator(folder: folder, known: KnownData(), progress: progress).run()
        return try write { db in
            let (plan, validated) = try makeSchema(db) ? checked : FolderValidator(folder: folder, known: KnownData.load(db, for: folder)).run()
            var summary = validated
            summary.salesforceAdditions = try writeImport(plan, folder: folder, now: now, to: db, progress: progress)
            return summary
        }
    }

    /// Writes a checked folder inside the caller's write transaction; returns the Salesforce additions it made.
    package func writeImport(_ plan: ImportPlan, folder: String, now: Instant, to db: Connection,
                             progress: ImportProgress?) throws -> Int {
        try ImportWriter.write(plan, folder: folder, now: now, to: db) { events, times in
            try appendEvents(events, times: times, to: db, progress: progress)
        }
    }

    public func dataset(_ db: Connection) throws -> Dataset {
        try db.dataset(events: try events(db))
    }

    public func loadDataset() throws -> Dataset {
        try read { db in try dataset(db) }
    }

    /// Never calls `afterDecoding`: the events are read with the rest (the SQLite store overlaps them).
    public func loadDataset(afterDecoding: @escaping @Sendable (EventTable, EventOrder?) -> Void) throws -> Dataset {
        try loadDataset()
    }

    public func campaigns() throws -> [Campaign] {
        try read { try $0.campaigns() }
    }

    public func campaign(_ reference: CampaignReference) throws -> Campaign {
        try read { try $0.campaign(reference) }
    }

    public func createCampaign(_ new: NewCampaign, now: Instant) throws -> Campaign {
        try write { try $0.createCampaign(new, now: now) }
    }

    public func renameCampaign(_ reference: CampaignReference, to newName: String, now: Instant,
                               expecting: Revision?) throws -> RenameResult {
        try write { try $0.renameCampaign(reference, to: newName, now: now, expecting: expecting) }
    }

    public func associate(assetID: String, with campaign: CampaignReference, now: Instant,
                          expecting: Revision?) throws -> AssociateResult {
        try write { try $0.associate(assetID: assetID, with: campaign, now: now, expecting: expecting) }
    }

    public func dissociate(assetID: String, from campaign: CampaignReference, now: Instant,
                           expecting: Revision?) throws -> DissociateResult {
        try write { try $0.dissociate(assetID: assetID, from: campaign, now: now, expecting: expecting) }
    }

    public func buildTrackingURL(for campaign: CampaignReference, pageURL: String, source: String, medium: String,
                                 term: String?, content: String?, now: Instant) throws -> TrackingURLResult {
        try write {
            try $0.buildTrackingURL(for: campaign, pageURL: pageURL, source: source, medium: medium, term: term, content: content, now: now)
        }
    }

    public func attachUtmValue(_ raw: String, to campaign: CampaignReference, now: Instant) throws -> AttachResult {
        try write { try $0.attachUtmValue(raw, to: campaign, now: now) }
    }

    public func archiveCampaign(_ reference: CampaignReference, now: Instant) throws -> Campaign {
        try write { try $0.archiveCampaign(reference, now: now) }
    }

    public func unarchiveCampaign(_ reference: CampaignReference, now: Instant) throws -> (campaign: Campaign, archivedAt: Instant) {
        try write { try $0.unarchiveCampaign(reference, now: now) }
    }

    public func deleteCampaign(_ reference: CampaignReference) throws -> Campaign {
        try write { try $0.deleteCampaign(reference) }
    }

    public func undoRename(_ reference: CampaignReference, expecting: Revision) throws -> UndoRenameResult {
        try write { try $0.undoRename(reference, expecting: expecting) }
    }

    public func undoAssociate(assetID: String, with campaign: CampaignReference, movedFrom: CampaignReference?,
                              expecting: Revision, now: Instant) throws -> UndoAssociateResult {
        try write { try $0.undoAssociate(assetID: assetID, with: campaign, movedFrom: movedFrom, expecting: expecting, now: now) }
    }

    /// The file is read before the write transaction begins, and must be a regular file
    /// (a FIFO is refused, never waited on); errors name it as `path` gives it.
    @discardableResult
    public func importSalesforceMembers(_ path: String, now: Instant) throws -> SalesforceImportResult {
        let reader = try SalesforceMemberReader.open(path)
        return try write { try $0.importSalesforceMembers(reader, source: URL(fileURLWithPath: path).lastPathComponent, now: now) }
    }

    public func salesforceMemberships(ofContact contactID: String) throws -> [SalesforceMembership] {
        try read { try $0.salesforceMemberships(ofContact: contactID) }
    }

    @discardableResult
    public func addSalesforceRule(assetID: String, salesforceCampaignID: String, status: String?,
                                  since: Instant?, now: Instant) throws -> StoredSalesforceRule {
        try write {
            try $0.addSalesforceRule(assetID: assetID, salesforceCampaignID: salesforceCampaignID, status: status, since: since, now: now)
        }
    }

    @discardableResult
    public func removeSalesforceRule(assetID: String, salesforceCampaignID: String, now: Instant) throws -> StoredSalesforceRule {
        try write { try $0.removeSalesforceRule(assetID: assetID, salesforceCampaignID: salesforceCampaignID, now: now) }
    }

    public func salesforceRules(includingRemoved: Bool) throws -> [StoredSalesforceRule] {
        try read { try $0.salesforceRules(includingRemoved: includingRemoved) }
    }

    public func salesforceAdditions() throws -> [SalesforceAddition] {
        try read { try $0.salesforceAdditions() }
    }

    @discardableResult
    public func exportSalesforceAdditions(to path: String, all: Bool, now: Instant) throws -> SalesforceExportResult {
        try write { try $0.exportSalesforceAdditions(to: path, all: all, now: now) }
    }
}
