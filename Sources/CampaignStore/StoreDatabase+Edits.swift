import CampaignKit
import Foundation

/// The edits the dashboard and the commands make, inside the caller's write
/// transaction (each store runs one per edit). Each obeys R1–R7 and takes "now"
/// as a parameter so tests fix the clock.
extension StoreDatabase {
    func asset(_ id: String) throws -> Asset {
        guard let asset = try assets(where: "WHERE id = ?", [id]).first else {
            throw StoreError.notFound(kind: "asset", reference: id)
        }
        return asset
    }

    /// Creates a campaign (R1 name, R2 utm value) created at `now`.
    func createCampaign(_ new: NewCampaign, now: Instant) throws -> Campaign {
        let existing = try campaigns()
        let id = try new.id.map { try Self.checkNewID($0, existing) } ?? Self.freeID(prefix: "c", taken: Set(existing.map(\.id)))
        let name = try CampaignNameIndex(existing).check(new.name, for: id)
        if let start = new.startDate, let end = new.endDate, end < start {
            throw RuleViolation("dates", "the end date \(end) is before the start date \(start)")
        }
        if let budget = new.budget, budget < 0 {
            throw RuleViolation("budget", "the budget cannot be negative")
        }
        let color = try new.color.map(CampaignColor.validated)
        let taken = Set(try values(String.self, "SELECT key FROM utm_values"))
        let utm = UtmValue(value: Slug.utmValue(forName: name, campaignID: id, taken: taken), attachedAt: now)
        let campaign = Campaign(id: id, name: name, createdAt: now, startDate: new.startDate, endDate: new.endDate,
                                owner: nonEmpty(new.owner), notes: nonEmpty(new.notes), color: color,
                                budget: new.budget, utm: utm)
        var plan = ImportPlan()
        plan.campaigns = [campaign]
        plan.utmValues = [(id, utm)]
        try ImportWriter.writeCampaigns(plan, to: self)
        return campaign
    }

    private static func checkNewID(_ raw: String, _ existing: [Campaign]) throws -> String {
        let id = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty else { throw RuleViolation("id", "a campaign id cannot be empty") }
        guard !existing.contains(where: { $0.id == id }) else { throw RuleViolation("id", "there is already a campaign \(id)") }
        return id
    }

    /// The first `<prefix><n>` not taken, counting from the number of taken ids plus one.
    static func freeID(prefix: String, taken: Set<String>) -> String {
        var n = taken.count + 1
        while taken.contains("\(prefix)\(n)") { n += 1 }
        return "\(prefix)\(n)"
    }

    /// R3: renames the campaign at `now`; the old value stays attached as an alias.
    /// - Parameter expecting: for an undo, the revision the undone edit left; when another
    ///   writer changed the campaign since, `StoreError.changedSinceEdit` and nothing is written.
    func renameCampaign(_ reference: CampaignReference, to newName: String, now: Instant,
                        expecting: Revision?) throws -> RenameResult {
        let campaign = try campaign(reference)
        let before = try revision(ofCampaign: campaign.id)
        try require(expecting, at: before)
        let all = try campaigns()
        let history = try rows("SELECT name, utm_key FROM campaign_names WHERE campaign_id = ? ORDER BY seq", [campaign.id])
            .map { CampaignNameUse(name: $0[0], utmValue: $0[1]) }
        let taken = Set(try values(String.self, "SELECT key FROM utm_values WHERE campaign_id <> ?", [campaign.id]))
        let plan = try RenamePlan.plan(campaign: campaign, newName: newName, names: CampaignNameIndex(all),
                                       history: history, takenKeys: taken, now: now)
        if plan.attachesNewValue {
            try exec("INSERT INTO utm_values (campaign_id, value, key, attached_at) VALUES (?, ?, ?, ?)",
                     [campaign.id, plan.utm.value, plan.utm.key, now.microseconds])
        }
        try exec("UPDATE campaigns SET name = ?, name_key = ?, utm_key = ? WHERE id = ?",
                 [plan.name, CampaignName.key(plan.name), plan.utm.key, campaign.id])
        try exec("INSERT INTO campaign_names (campaign_id, name, utm_key, named_at) VALUES (?, ?, ?, ?)",
                 [campaign.id, plan.name, plan.utm.key, now.microseconds])
        return RenameResult(campaign: try self.campaign(.id(campaign.id)), previousName: campaign.name,
                            keptAlias: plan.keptAlias, reusedValue: !plan.attachesNewValue && plan.keptAlias != nil,
                            revisions: RevisionChange(before: before, after: try revision(ofCampaign: campaign.id)))
    }

    /// R7: associates the asset with the campaign at `now`, moving it out of
    /// the campaign it was in unless it is a workflow.
    /// - Parameter expecting: for an undo, the revision the undone edit left; when another
    ///   writer changed the asset's associations since, `StoreError.changedSinceEdit` and nothing is written.
    func associate(assetID: String, with campaignReference: CampaignReference, now: Instant,
                   expecting: Revision?) throws -> AssociateResult {
        try assetEdit(assetID, campaignReference, expecting: expecting) { asset, campaign, history in
            let plan = try AssociationPlan.associate(asset, with: campaign.id, at: now, history: history)
            try apply(plan)
            return { AssociateResult(association: plan.opening, leftCampaignID: plan.leftCampaignID, revisions: $0) }
        }
    }

    /// R7: ends the asset's interval with the campaign at `now`.
    /// - Parameter expecting: as for `associate`.
    func dissociate(assetID: String, from campaignReference: CampaignReference, now: Instant,
                    expecting: Revision?) throws -> DissociateResult {
        try assetEdit(assetID, campaignReference, expecting: expecting) { asset, campaign, history in
            let closed = try AssociationPlan.dissociate(asset, from: campaign.id, at: now, history: history)
            try close(closed)
            return { DissociateResult(closed: closed, revisions: $0) }
        }
    }

    /// One change to an asset's associations: the asset and the campaign looked up, the
    /// asset's revision checked against `expecting` (a compare-and-swap for an undo) before
    /// `change` runs, and its result given how the revision moved.
    func assetEdit<Result>(_ assetID: String, _ campaignReference: CampaignReference, expecting: Revision?,
                           _ change: (Asset, Campaign, [Association]) throws -> (RevisionChange) -> Result) throws -> Result {
        let asset = try asset(assetID)
        let before = try revision(ofAsset: asset.id)
        try require(expecting, at: before)
        let campaign = try campaign(campaignReference)
        let result = try change(asset, campaign, try intervals(of: asset.id))
        return result(RevisionChange(before: before, after: try revision(ofAsset: asset.id)))
    }

    func intervals(of assetID: String) throws -> [Association] {
        try associations(where: "WHERE asset_id = ?", [assetID])
    }

    func apply(_ plan: AssociationPlan) throws {
        if let closing = plan.closing { try close(closing) }
        let a = plan.opening
        try exec("INSERT INTO associations (asset_id, campaign_id, associated_at) VALUES (?, ?, ?)",
                 [a.assetID, a.campaignID, a.associatedAt.microseconds])
    }

    /// Sets the open interval's `dissociated_at`, the one change history allows.
    func close(_ interval: Association) throws {
        try exec("""
            UPDATE associations SET dissociated_at = ?
            WHERE asset_id = ? AND campaign_id = ? AND dissociated_at IS NULL
            """, [interval.dissociatedAt?.microseconds, interval.assetID, interval.campaignID])
    }

    /// R6: builds the page's tracking URL with the campaign's current value and
    /// keeps it as a `tracking_url` asset associated with the campaign from `now`.
    /// The same URL already held by an asset of the campaign is reused.
    func buildTrackingURL(for campaignReference: CampaignReference, pageURL: String, source: String, medium: String,
                          term: String?, content: String?, now: Instant) throws -> TrackingURLResult {
        let campaign = try campaign(campaignReference)
        let url = try TrackingURL.build(for: campaign, pageURL: pageURL, source: source, medium: medium,
                                        term: term, content: content)
        if let existing = try value(String.self, """
            SELECT assets.id FROM assets JOIN associations ON associations.asset_id = assets.id
            WHERE assets.type = 'tracking_url' AND assets.url = ? AND associations.campaign_id = ?
              AND associations.dissociated_at IS NULL
            """, [url, campaign.id]) {
            return TrackingURLResult(url: url, asset: try asset(existing), created: false)
        }
        let taken = Set(try values(String.self, "SELECT id FROM assets"))
        let asset = Asset(id: Self.freeID(prefix: "url", taken: taken), name: "\(campaign.name): \(source.trimmingCharacters(in: .whitespaces)) / \(medium.trimmingCharacters(in: .whitespaces))",
                          type: .trackingURL, url: url)
        try exec("INSERT INTO assets (id, type, name, url) VALUES (?, ?, ?, ?)",
                 [asset.id, asset.type.rawValue, asset.name, url])
        try apply(AssociationPlan.associate(asset, with: campaign.id, at: now, history: []))
        return TrackingURLResult(url: url, asset: asset, created: true)
    }

    /// R5 (beyond): attaches an unlinked utm value to the campaign as an
    /// alias from `now` on; nothing before `now` is pulled in (R8).
    func attachUtmValue(_ raw: String, to campaignReference: CampaignReference, now: Instant) throws -> AttachResult {
        let campaign = try campaign(campaignReference)
        let before = try revision(ofCampaign: campaign.id)
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw RuleViolation("R5", "a utm value cannot be empty") }
        let utm = UtmValue(value: value, attachedAt: now)
        if let owner = try self.value(String.self, "SELECT campaign_id FROM utm_values WHERE key = ?", [utm.key]) {
            if owner == campaign.id {
                throw RuleViolation("R5", "campaign \(campaign.id) already has the utm value \"\(value)\" (key \"\(utm.key)\")")
            }
            throw RuleViolation("R5", "the utm value \"\(value)\" (key \"\(utm.key)\") belongs to campaign \(owner); it is not unlinked")
        }
        try exec("INSERT INTO utm_values (campaign_id, value, key, attached_at) VALUES (?, ?, ?, ?)",
                 [campaign.id, utm.value, utm.key, now.microseconds])
        return AttachResult(utm: utm, revisions: RevisionChange(before: before, after: try revision(ofCampaign: campaign.id)))
    }
}

private func nonEmpty(_ text: String?) -> String? {
    guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
    return t
}
