import Foundation
import Attribution
import CampaignKit

/// What the top-deals popup asks the backend: a campaign's deals under one
/// model (R18) in a window.
public struct TopDealsRequest: Hashable, Sendable {
    public var campaignID: String
    public var model: String
    public var window: ReportWindow
    public var limit: Int
    public init(campaignID: String, model: String, window: ReportWindow, limit: Int) {
        self.campaignID = campaignID; self.model = model; self.window = window; self.limit = limit
    }
}

/// A campaign's deals by credit under one model: the largest `limit`, and how many there are in all.
public struct TopDeals: Hashable, Sendable {
    /// Largest credit first; ties by deal id.
    public var deals: [DealCredit]
    /// Every deal closed in the window that gives the campaign some credit under the model.
    public var dealCount: Int
    public init(deals: [DealCredit], dealCount: Int) { self.deals = deals; self.dealCount = dealCount }
}

/// One closed-won deal and the credit it gives a campaign under a model (R18).
public struct DealCredit: Hashable, Sendable {
    public var dealID: String
    public var dealName: String?
    public var amount: Decimal
    public var closedAt: Instant
    /// The campaign's share of the amount: the sum of its touches' credits, exact (not rounded).
    public var credit: Decimal
    /// Every touch of the deal, in time order (ties by data order), whichever campaign it belongs to.
    public var touches: [DealTouch]
    public init(dealID: String, dealName: String?, amount: Decimal, closedAt: Instant, credit: Decimal, touches: [DealTouch]) {
        self.dealID = dealID; self.dealName = dealName; self.amount = amount; self.closedAt = closedAt
        self.credit = credit; self.touches = touches
    }
}

/// A touch on a deal's path (R18): a qualifying interaction of one of its contacts.
public struct DealTouch: Hashable, Sendable {
    public var time: Instant
    public var contactID: String
    /// The contact's email when known, for people who do not think in ids.
    public var contactEmail: String?
    public var eventType: EventType
    public var campaignID: String
    /// Every key position the touch holds (first, lead creation, deal creation, closed won).
    public var positions: [TouchPosition]
    /// The touch's share of the amount under the model.
    public var credit: Decimal
    public init(time: Instant, contactID: String, contactEmail: String? = nil, eventType: EventType, campaignID: String,
                positions: [TouchPosition], credit: Decimal) {
        self.time = time; self.contactID = contactID; self.contactEmail = contactEmail; self.eventType = eventType
        self.campaignID = campaignID; self.positions = positions; self.credit = credit
    }
}
