import Foundation
import CampaignKit

/// A contact a campaign influenced (R14), with its first and last touch (R15, R16).
public struct InfluencedContact: Hashable, Sendable {
    public var contactID: String
    public var email: String?
    /// Its first qualifying interaction with the campaign.
    public var firstInfluenced: Instant
    public var firstTouchCampaignID: String?
    public var lastTouchCampaignID: String?
    public var salesforceCampaignIDs: [String]
}

extension Analysis {
    /// The contacts whose first qualifying interaction with the campaign lies in the
    /// window (what `influenced_contacts` counts), in the order they were influenced;
    /// with a `segment`, only that Salesforce campaign's members (R20). Nil for an unknown campaign.
    public func influencedContacts(campaign id: String, window: ReportWindow, segment: String? = nil) -> [InfluencedContact]? {
        guard let c = data.campaignIndex[id] else { return nil }
        let contacts = data.dataset.contacts
        func campaignID(_ index: Int32) -> String? { index >= 0 ? data.campaigns[Int(index)].id : nil }
        return firstInfluences(campaign: c).compactMap { (contact, f) in
            let influenced = Instant(microseconds: time(of: f))
            guard window.contains(influenced) else { return nil }
            let k = Int(contact)
            if let segment, !contacts[k].salesforceCampaignIDs.contains(segment) { return nil }
            return InfluencedContact(contactID: contacts[k].id, email: contacts[k].email,
                                     firstInfluenced: influenced,
                                     firstTouchCampaignID: campaignID(firstTouchCampaign[k]),
                                     lastTouchCampaignID: campaignID(lastTouchCampaign[k]),
                                     salesforceCampaignIDs: contacts[k].salesforceCampaignIDs)
        }
    }
}
