/// What an explain popup asks about (R19).
public enum ExplainSubject: Hashable, Sendable {
    /// An asset in a campaign: associated since when, hidden and why, what did not count.
    case asset(assetID: String, campaignID: String)
    /// One metric of a campaign in the window: what counted and what did not.
    case metric(campaignID: String, CampaignMetric)
    /// An unlinked utm value: where it was seen and why it credits no campaign.
    case utmValue(key: String)
}
