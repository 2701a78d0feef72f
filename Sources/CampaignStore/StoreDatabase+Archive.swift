import CampaignKit

/// §8: archiving, unarchiving and deleting campaigns, inside the caller's write transaction.
///
/// Archiving hides a campaign from lists and changes no number: an archived campaign
/// is loaded, counted and reported like any other (`Campaign.archivedAt` tells lists to
/// leave it out). Deleting takes back a campaign that was never used, such as one
/// created by mistake; one with any history that counts is archived instead.
extension StoreDatabase {
    /// Archives the campaign from `now` on.
    func archiveCampaign(_ reference: CampaignReference, now: Instant) throws -> Campaign {
        let campaign = try campaign(reference)
        if let since = campaign.archivedAt {
            throw RuleViolation("§8", "campaign \(campaign.id) (“\(campaign.name)”) is already archived, since \(since.iso8601)")
        }
        try exec("INSERT INTO campaign_archivings (campaign_id, archived_at) VALUES (?, ?)", [campaign.id, now.microseconds])
        return try self.campaign(.id(campaign.id))
    }

    /// Ends the campaign's archived period at `now`; returns the campaign as it is now and when the period began.
    func unarchiveCampaign(_ reference: CampaignReference, now: Instant) throws -> (campaign: Campaign, archivedAt: Instant) {
        let campaign = try campaign(reference)
        guard let since = campaign.archivedAt else {
            throw RuleViolation("§8", "campaign \(campaign.id) (“\(campaign.name)”) is not archived")
        }
        guard now >= since else {
            throw RuleViolation("§8", "campaign \(campaign.id) (“\(campaign.name)”) was archived at \(since.iso8601); it cannot be unarchived at \(now.iso8601), before that")
        }
        try exec("UPDATE campaign_archivings SET unarchived_at = ? WHERE campaign_id = ? AND unarchived_at IS NULL",
                 [now.microseconds, campaign.id])
        return (try self.campaign(.id(campaign.id)), since)
    }

    /// Deletes a campaign that nothing ever counted for, with its names, utm values and
    /// archived periods; returns it as it was. Refused (`RuleViolation`, nothing written),
    /// naming the first reason, when:
    /// - any asset was ever associated with it, however briefly: its interactions, page
    ///   views and keywords could count through the asset (R8, R12, R13), and history is kept;
    /// - any asset's URL carries one of its utm values, current or earlier: a tracking URL
    ///   built for it (R6);
    /// - any event carries one of its utm values, at any time: one tagged before the value
    ///   was attached counts for nothing, but it is not unlinked either (R5), and would become so.
    ///
    /// With no asset and no tagged event nothing can count for it (R12–R14 need one or the
    /// other), so no influenced contact or deal can either, and deleting it changes no
    /// number of any report, the unlinked values' included.
    func deleteCampaign(_ reference: CampaignReference) throws -> Campaign {
        let campaign = try campaign(reference)
        let refusal = "campaign \(campaign.id) (“\(campaign.name)”) cannot be deleted, only archived: "
        let associated = try values(String.self, "SELECT asset_id FROM associations WHERE campaign_id = ? ORDER BY seq", [campaign.id])
        if let first = associated.first {
            let asset = try asset(first)
            let what = associated.count == 1 ? "asset \(asset.id) (“\(asset.name)”)"
                : "\(associated.count) associations, the first with asset \(asset.id) (“\(asset.name)”)"
            throw RuleViolation("§8", refusal + "it has had assets (\(what)), and what they brought stays with it (R8)")
        }
        let values = [campaign.utm] + campaign.aliases
        let keys = Set(values.map(\.key))
        let one = keys.count == 1
        if let use = try UtmValueUse.uses(of: keys, since: nil, pronoun: one ? "it" : "one of them", self).first {
            let named = Array(Set(values.map(\.value))).sorted().joined(separator: ", ")
            throw RuleViolation("§8", refusal + "its utm value\(one ? "" : "s") \(named) \(one ? "is" : "are") in use: \(use)")
        }
        for table in ["campaign_archivings", "utm_values", "campaign_names"] {
            try exec("DELETE FROM \(table) WHERE campaign_id = ?", [campaign.id])
        }
        try exec("DELETE FROM campaigns WHERE id = ?", [campaign.id])
        return campaign
    }
}
