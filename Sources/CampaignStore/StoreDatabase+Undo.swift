import CampaignKit

/// Undo that undoes (issue 14): an edit made moments ago that nothing has counted yet is
/// taken out of the history, as if it had never been made, instead of being answered by
/// an inverse edit that leaves a seconds-long association or a stray utm value behind.
///
/// How this squares with "history is never rewritten" (R7, R8): that rule keeps what
/// was counted, counted. An undo removes only rows no number can have depended on (an
/// association interval that no event falls in, a utm value that no link and no traffic
/// since the rename carries), so every report, for every window, is what it would have
/// been without the edit. Where something did count, the history stays: the association
/// is ended by a new, inverse edit, or the value stays attached as an alias, and the
/// result says why.
///
/// Each undo is a compare-and-swap, as the dashboard's undo always was: `expecting` is the
/// revision the undone edit left its object at, and when another writer changed the object
/// since, the undo is `StoreError.changedSinceEdit` and nothing is written.
extension StoreDatabase {
    /// Takes back the campaign's latest rename (R3): its earlier name and current value
    /// are back, and the rename's row is gone. The value the rename minted is removed when
    /// nothing uses it: no asset's URL carries it (a tracking URL built with it, R6), and
    /// no event since the rename does (traffic from links made with it, counted for the
    /// campaign: R4). It then leaves the store as before the rename, events tagged with it
    /// earlier unlinked again (R5). Otherwise it stays attached as an alias, so that
    /// traffic keeps counting, and the result says why. Refused when another campaign has
    /// taken the earlier name since (R1).
    func undoRename(_ reference: CampaignReference, expecting: Revision) throws -> UndoRenameResult {
            let campaign = try campaign(reference)
        let before = try revision(ofCampaign: campaign.id)
        try require(expecting, at: before)
        let names = try rows("""
            SELECT seq, name, utm_key, named_at FROM campaign_names WHERE campaign_id = ? ORDER BY seq DESC LIMIT 2
            """, [campaign.id])
        guard names.count == 2 else {
            throw RuleViolation("R3", "campaign \(campaign.id) (“\(campaign.name)”) was never renamed: there is no rename to undo")
        }
        let renameSeq: Int64 = names[0][0], renamedKey: String = names[0][2], renamedAt: Int64 = names[0][3]
        let earlierKey: String = names[1][2]
        let earlierName = try CampaignNameIndex(try campaigns()).check(names[1][1], for: campaign.id)

        var removed: UtmValue?, kept: UtmValue?, why: [String] = []
        if renamedKey != earlierKey, let minted = try value(campaign.id, key: renamedKey, mintedAt: renamedAt) {
            why = try UtmValueUse.uses(of: [minted.key], since: minted.attachedAt, self)
            if why.isEmpty {
                try exec("DELETE FROM utm_values WHERE campaign_id = ? AND key = ?", [campaign.id, minted.key])
                removed = minted
            } else {
                kept = minted
            }
        }
        try exec("DELETE FROM campaign_names WHERE seq = ?", [renameSeq])
        try exec("UPDATE campaigns SET name = ?, name_key = ?, utm_key = ? WHERE id = ?",
                 [earlierName, CampaignName.key(earlierName), earlierKey, campaign.id])
        return UndoRenameResult(campaign: try self.campaign(.id(campaign.id)), undoneName: campaign.name,
                                removedValue: removed, keptValue: kept, keptBecause: why,
                                revisions: RevisionChange(before: before, after: try revision(ofCampaign: campaign.id)))
    }

    /// The campaign's value with this key when the rename at `mintedAt` minted it: attached
    /// at that instant, not listed as an alias by a data folder, and carried by no other of its names.
    private func value(_ campaignID: String, key: String, mintedAt: Int64) throws -> UtmValue? {
        guard let row = try row("""
            SELECT value, attached_at FROM utm_values
            WHERE campaign_id = ? AND key = ? AND attached_at = ? AND alias_value IS NULL
              AND (SELECT count(*) FROM campaign_names WHERE campaign_id = ? AND utm_key = ?) = 1
            """, [campaignID, key, mintedAt, campaignID, key]) else { return nil }
        return UtmValue(value: row[0], attachedAt: Instant(microseconds: row[1]))
    }

    /// Takes back the association of the asset with the campaign that is its latest edit
    /// (R7). `movedFrom` names the campaign the association moved it out of, if it did.
    ///
    /// When no event at or after the instant it was made can count through it (see
    /// `events(countableThrough:since:)`), the association's interval is removed and the
    /// interval the move ended is open again, with its own `associated_at`: the history
    /// is exactly as before the edit. Otherwise the interval stays, and a new edit at `now`
    /// ends it: the asset moves back to `movedFrom`, or leaves the campaign.
    func undoAssociate(assetID: String, with campaignReference: CampaignReference, movedFrom: CampaignReference?,
                       expecting: Revision, now: Instant) throws -> UndoAssociateResult {
        try assetEdit(assetID, campaignReference, expecting: expecting) { asset, campaign, history in
            guard let latest = history.last, latest.campaignID == campaign.id, latest.isOpen else {
                throw RuleViolation("R7", "the latest association of asset \(asset.id) (“\(asset.name)”) is not an open one with campaign \(campaign.id): there is no association to undo")
            }
            let joined = latest.associatedAt
            var left: Campaign?
            if let movedFrom {
                let from = try self.campaign(movedFrom)
                guard !asset.type.allowsManyCampaigns,
                      history.contains(where: { $0.campaignID == from.id && $0.dissociatedAt == joined }) else {
                    throw RuleViolation("R7", "asset \(asset.id) (“\(asset.name)”) did not leave campaign \(from.id) when it joined \(campaign.id) at \(joined.iso8601): there is no move to undo")
                }
                left = from
            }
            let counted = try events(countableThrough: asset, since: joined)
            if let first = counted.first {
                let reason = "\(counted.count) event\(counted.count == 1 ? "" : "s") since it joined \(campaign.name) at \(joined.iso8601) can count through it, the first at \(first.iso8601)"
                if let left {
                    try apply(try AssociationPlan.associate(asset, with: left.id, at: now, history: history))
                } else {
                    try close(try AssociationPlan.dissociate(asset, from: campaign.id, at: now, history: history))
                }
                return { UndoAssociateResult(removed: false, keptBecause: reason, revisions: $0) }
            }
            try exec("DELETE FROM associations WHERE seq = (SELECT max(seq) FROM associations WHERE asset_id = ?)", [asset.id])
            if let left {
                try exec("UPDATE associations SET dissociated_at = NULL WHERE asset_id = ? AND campaign_id = ? AND dissociated_at = ?",
                         [asset.id, left.id, joined.microseconds])
            }
            return { UndoAssociateResult(removed: true, keptBecause: nil, revisions: $0) }
        }
    }

    /// The events at or after `since` that an association of the asset could count: those
    /// through the asset itself (R13), page views of its page or tracking URL (R12 rule 2,
    /// compared by page key, which a tracking URL's match needs too) and, for paid search,
    /// page views with one of its keywords (rule 3). Their number and the earliest instant.
    private func events(countableThrough asset: Asset, since: Instant) throws -> (count: Int, first: Instant?) {
        let page = asset.type.isPage || asset.type == .trackingURL ? asset.url.map(PageKey.init(url:)) : nil
        let keywords = asset.type == .paidSearch ? Set(asset.keywords.map { $0.trimmed.lowercased() }) : []
        let pageView = EventTypeCode.code(.pageView)
        var count = 0
        var first: Instant?
        try each("SELECT time, type, url, asset_id, keyword FROM events WHERE time >= ?", [since.microseconds]) { row in
            let isView = row[1] as Int == pageView
            let counts = row[3] as String? == asset.id
                || (isView && page != nil && (row[2] as String?).map { PageKey(url: $0) == page } == true)
                || (isView && (row[4] as String?).map { keywords.contains($0.trimmed.lowercased()) } == true)
            guard counts else { return }
            count += 1
            let time = Instant(microseconds: row[0])
            if first.map({ time < $0 }) ?? true { first = time }
        }
        return (count, first)
    }
}
