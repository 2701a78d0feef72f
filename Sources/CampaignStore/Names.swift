import CampaignKit

/// GRDB also has an `Association` (between records); in this module the
/// word means R7's asset-to-campaign interval.
typealias Association = CampaignKit.Association
