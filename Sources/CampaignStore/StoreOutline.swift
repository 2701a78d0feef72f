import CampaignKit

/// #17: what a list of the campaigns needs before any number: the campaigns, the assets
/// and the association history, as stored. Reading it leaves the contacts, the deals and
/// the events alone, so it takes milliseconds whatever the store's size.
public struct StoreOutline: Hashable, Sendable {
    /// In data order, with their utm values and archiving (as `campaigns()`).
    public var campaigns: [Campaign]
    /// In data order.
    public var assets: [Asset]
    /// Every interval, open or ended, in data order.
    public var associations: [CampaignKit.Association]

    public init(campaigns: [Campaign], assets: [Asset], associations: [CampaignKit.Association]) {
        self.campaigns = campaigns; self.assets = assets; self.associations = associations
    }
}

extension SQLStore {
    /// The outline in one read transaction, so the three lists agree with each other.
    public func outline() throws -> StoreOutline {
        try read { db in
            StoreOutline(campaigns: try db.campaigns(), assets: try db.assets(), associations: try db.associations())
        }
    }
}
