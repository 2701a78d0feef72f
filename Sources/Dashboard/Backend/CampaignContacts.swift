import Widgets
import Foundation
import Attribution
import CampaignKit

/// What the contacts list asks the backend: a campaign's influenced contacts
/// in a window (R14), only the segment's members when there is one (R20).
public struct ContactsRequest: Hashable, Sendable {
    public var campaignID: String
    public var window: ReportWindow
    public var segment: String?
    public var limit: Int
    public init(campaignID: String, window: ReportWindow, segment: String?, limit: Int) {
        self.campaignID = campaignID; self.window = window; self.segment = segment; self.limit = limit
    }
}

/// A campaign's influenced contacts: the first `limit` by when they were first
/// influenced, and how many there are in all (the campaign's influenced-contacts number).
public struct CampaignContacts: Hashable, Sendable {
    public var contacts: [ContactListing]
    public var total: Int
    public init(contacts: [ContactListing], total: Int) { self.contacts = contacts; self.total = total }
}

/// One influenced contact with its touches (R14–R16) and its Salesforce campaigns (R20).
public struct ContactListing: Hashable, Sendable {
    public var id: String
    public var email: String?
    /// Its first qualifying interaction with the campaign (R14).
    public var firstInfluenced: Instant
    /// R15 and R16: campaign ids, nil when the contact has none.
    public var firstTouchCampaignID: String?
    public var lastTouchCampaignID: String?
    public var salesforceCampaignIDs: [String]
    public init(id: String, email: String?, firstInfluenced: Instant, firstTouchCampaignID: String?,
                lastTouchCampaignID: String?, salesforceCampaignIDs: [String]) {
        self.id = id; self.email = email; self.firstInfluenced = firstInfluenced
        self.firstTouchCampaignID = firstTouchCampaignID; self.lastTouchCampaignID = lastTouchCampaignID
        self.salesforceCampaignIDs = salesforceCampaignIDs
    }
}

/// `c` on a campaign, or Enter on its influenced-contacts tile: the contacts behind the number.
public struct ContactsPopup: Hashable, Sendable {
    public var request: ContactsRequest
    public var campaignName: String
    /// Nil while the answer is on its way.
    public var result: CampaignContacts?
    public var error: String?
    public var scroll = 0
    public var filter = TextField()
    public var filtering = false
    public var sort = ContactsSort.influenced
    public init(request: ContactsRequest, campaignName: String) {
        self.request = request; self.campaignName = campaignName
    }

    /// How many contacts the popup asks for.
    public static let limit = 500

    /// The rows the `/` filter leaves, in the chosen sort: matching id, email, a touch
    /// campaign (id or name, via `campaignName`) or a Salesforce campaign id.
    public func rows(campaignName: (String) -> String?) -> [ContactListing] {
        let all = result?.contacts ?? []
        let needle = filter.text.lowercased().trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return sort.sorted(all, campaignName: campaignName) }
        return sort.sorted(all.filter { c in
            var haystack = [c.id, c.email ?? ""] + c.salesforceCampaignIDs
            for id in [c.firstTouchCampaignID, c.lastTouchCampaignID].compactMap({ $0 }) {
                haystack.append(id)
                if let name = campaignName(id) { haystack.append(name) }
            }
            return haystack.contains { $0.lowercased().contains(needle) }
        }, campaignName: campaignName)
    }
}
