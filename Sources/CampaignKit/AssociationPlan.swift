/// R7: what associating an asset with a campaign, or dissociating it, does
/// to its association intervals. History is never rewritten: an interval is
/// only ever closed, once, and new intervals are opened after it.
public struct AssociationPlan: Hashable, Sendable {
    /// The interval that ends now (with its `dissociatedAt` set), when the asset moves.
    public var closing: Association?
    /// The interval that begins now.
    public var opening: Association

    /// The campaign the asset left by moving, if it moved.
    public var leftCampaignID: String? { closing?.campaignID }

    /// Plans associating `asset` with `campaignID` at `now`.
    ///
    /// A workflow may belong to any number of campaigns at once; any other
    /// asset belonging to campaign A moves: A's interval ends and the new
    /// one begins at the same instant.
    /// - Parameter history: every interval of `asset`, in any order.
    public static func associate(_ asset: Asset, with campaignID: String, at now: Instant,
                                 history: [Association]) throws -> AssociationPlan {
        let mine = history.filter { $0.assetID == asset.id }
        if mine.contains(where: { $0.campaignID == campaignID && $0.isOpen }) {
            throw RuleViolation("R7", "asset \(asset.id) is already associated with campaign \(campaignID)")
        }
        let relevant = asset.type.allowsManyCampaigns ? mine.filter { $0.campaignID == campaignID } : mine
        var closing: Association?
        if let open = relevant.first(where: \.isOpen) {
            guard now > open.associatedAt else {
                throw RuleViolation("R7", "asset \(asset.id) joined campaign \(open.campaignID) at \(open.associatedAt); it cannot move at \(now), which is not after that")
            }
            closing = open
            closing?.dissociatedAt = now
        }
        if let latestEnd = relevant.compactMap(\.dissociatedAt).max(), now < latestEnd {
            throw RuleViolation("R7", "asset \(asset.id) has an association ending at \(latestEnd); a new one cannot begin earlier, at \(now)")
        }
        return AssociationPlan(closing: closing,
                               opening: Association(assetID: asset.id, campaignID: campaignID, associatedAt: now))
    }

    /// The interval of `asset` with `campaignID`, closed at `now`.
    public static func dissociate(_ asset: Asset, from campaignID: String, at now: Instant,
                                  history: [Association]) throws -> Association {
        guard var open = history.first(where: { $0.assetID == asset.id && $0.campaignID == campaignID && $0.isOpen }) else {
            throw RuleViolation("R7", "asset \(asset.id) is not associated with campaign \(campaignID)")
        }
        guard now > open.associatedAt else {
            throw RuleViolation("R7", "asset \(asset.id) joined campaign \(campaignID) at \(open.associatedAt); it cannot leave at \(now), which is not after that")
        }
        open.dissociatedAt = now
        return open
    }
}

extension Association {
    /// Whether the two intervals share an instant (`[associatedAt, dissociatedAt)`, open when nil).
    public func overlaps(_ other: Association) -> Bool {
        let endsAfterOtherBegins = dissociatedAt.map { $0 > other.associatedAt } ?? true
        let otherEndsAfterThisBegins = other.dissociatedAt.map { $0 > associatedAt } ?? true
        return endsAfterOtherBegins && otherEndsAfterThisBegins
    }
}
