import CampaignKit

/// The store's contract: what the commands and the dashboard ask of a store, whichever
/// kind it is. `CampaignStore` keeps it in one SQLite file, the default; `PostgresStore`
/// in a PostgreSQL database, for a team. Every rule and every number is the same on both:
/// both run the operations of `StoreDatabase` on their own connection.
///
/// Each import and each edit is one transaction, and writers take turns: an edit never
/// sees half of another. "Now" is a parameter, so tests fix the clock.
public protocol Store: AnyObject, Sendable {
    /// Where the store is, as messages name it: a file's path, or a URL without its password.
    var label: String { get }

    /// Imports a data folder (SPEC §8) all or nothing (SPEC §7): every row is checked
    /// against the folder and the store's content first, then everything is written in
    /// one transaction. A refusal throws a located `DataFileError` and changes nothing.
    /// - Parameter progress: called now and then with the fraction done (0...1).
    @discardableResult
    func importFolder(_ folder: String, now: Instant, progress: ImportProgress?) throws -> ImportSummary

    /// The whole store as plain values, every array in data order.
    func loadDataset() throws -> Dataset
    /// `loadDataset`, calling `afterDecoding` with the events as soon as they are read, on
    /// another thread, while the rest is read (#17), and with their time order and sessions
    /// when the store kept them for these events; a store that cannot overlap the two never calls it.
    func loadDataset(afterDecoding: @escaping @Sendable (EventTable, EventOrder?) -> Void) throws -> Dataset

    /// A number that changes whenever the store's content may have changed, by this
    /// process or another. Cheap enough to poll.
    func dataVersion() throws -> Int

    /// Every campaign, in data order.
    func campaigns() throws -> [Campaign]
    /// #17: the campaigns, assets and associations alone (`StoreOutline`), without the
    /// contacts, deals and events `loadDataset` reads.
    func outline() throws -> StoreOutline
    /// The campaign `reference` names (see `CampaignReference`).
    func campaign(_ reference: CampaignReference) throws -> Campaign

    /// Creates a campaign (R1 name, R2 utm value) created at `now`.
    func createCampaign(_ new: NewCampaign, now: Instant) throws -> Campaign
    /// R3: renames the campaign at `now`; the old value stays attached as an alias.
    /// `expecting`: for an undo, the revision the undone edit left (else `StoreError.changedSinceEdit`).
    func renameCampaign(_ reference: CampaignReference, to newName: String, now: Instant,
                        expecting: Revision?) throws -> RenameResult
    /// R7: associates the asset with the campaign at `now`, moving it out of the campaign it
    /// was in unless it is a workflow.
    func associate(assetID: String, with campaign: CampaignReference, now: Instant,
                   expecting: Revision?) throws -> AssociateResult
    /// R7: ends the asset's interval with the campaign at `now`.
    func dissociate(assetID: String, from campaign: CampaignReference, now: Instant,
                    expecting: Revision?) throws -> DissociateResult
    /// R6: the page's tracking URL with the campaign's current value, kept as a `tracking_url` asset.
    func buildTrackingURL(for campaign: CampaignReference, pageURL: String, source: String, medium: String,
                          term: String?, content: String?, now: Instant) throws -> TrackingURLResult
    /// R5 (beyond): attaches an unlinked utm value to the campaign as an alias from `now` on.
    func attachUtmValue(_ raw: String, to campaign: CampaignReference, now: Instant) throws -> AttachResult

    /// §8: archives the campaign from `now` on.
    func archiveCampaign(_ reference: CampaignReference, now: Instant) throws -> Campaign
    /// §8: ends the campaign's archived period at `now`.
    func unarchiveCampaign(_ reference: CampaignReference, now: Instant) throws -> (campaign: Campaign, archivedAt: Instant)
    /// §8: deletes a campaign that nothing ever counted for.
    func deleteCampaign(_ reference: CampaignReference) throws -> Campaign
    /// Takes back the campaign's latest rename (see `StoreDatabase+Undo.swift`).
    func undoRename(_ reference: CampaignReference, expecting: Revision) throws -> UndoRenameResult
    /// Takes back the association of the asset with the campaign that is its latest edit.
    func undoAssociate(assetID: String, with campaign: CampaignReference, movedFrom: CampaignReference?,
                       expecting: Revision, now: Instant) throws -> UndoAssociateResult

    /// R20: imports a CSV of Salesforce campaign members.
    @discardableResult
    func importSalesforceMembers(_ path: String, now: Instant) throws -> SalesforceImportResult
    /// R20: a contact's Salesforce campaigns and how each came.
    func salesforceMemberships(ofContact contactID: String) throws -> [SalesforceMembership]
    /// R20: puts an "add the contact to Salesforce campaign X" rule on a form or a workflow.
    @discardableResult
    func addSalesforceRule(assetID: String, salesforceCampaignID: String, status: String?,
                           since: Instant?, now: Instant) throws -> StoredSalesforceRule
    /// R20: ends a rule at `now`.
    @discardableResult
    func removeSalesforceRule(assetID: String, salesforceCampaignID: String, now: Instant) throws -> StoredSalesforceRule
    /// R20: the rules, in the order they came; removed ones only when asked for.
    func salesforceRules(includingRemoved: Bool) throws -> [StoredSalesforceRule]
    /// R20: every addition the rules made, in the order they were recorded.
    func salesforceAdditions() throws -> [SalesforceAddition]
    /// R20: writes the pending additions (all with `all`) as a CSV for Salesforce and marks them exported.
    @discardableResult
    func exportSalesforceAdditions(to path: String, all: Bool, now: Instant) throws -> SalesforceExportResult

    /// Closes the store. Further use throws.
    func close() throws
}

/// The common calls without their optional arguments.
extension Store {
    @discardableResult
    public func importFolder(_ folder: String, now: Instant) throws -> ImportSummary {
        try importFolder(folder, now: now, progress: nil)
    }

    public func renameCampaign(_ reference: CampaignReference, to newName: String, now: Instant) throws -> RenameResult {
        try renameCampaign(reference, to: newName, now: now, expecting: nil)
    }

    public func associate(assetID: String, with campaign: CampaignReference, now: Instant) throws -> AssociateResult {
        try associate(assetID: assetID, with: campaign, now: now, expecting: nil)
    }

    public func dissociate(assetID: String, from campaign: CampaignReference, now: Instant) throws -> DissociateResult {
        try dissociate(assetID: assetID, from: campaign, now: now, expecting: nil)
    }

    public func buildTrackingURL(for campaign: CampaignReference, pageURL: String, source: String, medium: String,
                                 now: Instant) throws -> TrackingURLResult {
        try buildTrackingURL(for: campaign, pageURL: pageURL, source: source, medium: medium, term: nil, content: nil, now: now)
    }

    @discardableResult
    public func addSalesforceRule(assetID: String, salesforceCampaignID: String, status: String?,
                                  now: Instant) throws -> StoredSalesforceRule {
        try addSalesforceRule(assetID: assetID, salesforceCampaignID: salesforceCampaignID, status: status, since: nil, now: now)
    }

    public func salesforceRules() throws -> [StoredSalesforceRule] {
        try salesforceRules(includingRemoved: false)
    }
}
