import CampaignKit
import Foundation

/// A campaign to create: everything but its id is what the person typed.
public struct NewCampaign: Hashable, Sendable {
    /// Nil: the store picks the first free `c<n>`.
    public var id: String?
    public var name: String
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?
    public var owner: String?
    public var notes: String?
    public var color: String?
    public var budget: Decimal?

    public init(id: String? = nil, name: String, startDate: CalendarDate? = nil, endDate: CalendarDate? = nil,
                owner: String? = nil, notes: String? = nil, color: String? = nil, budget: Decimal? = nil) {
        self.id = id; self.name = name; self.startDate = startDate; self.endDate = endDate
        self.owner = owner; self.notes = notes; self.color = color; self.budget = budget
    }
}

/// What a rename did (R3).
public struct RenameResult: Hashable, Sendable {
    /// The campaign after the rename.
    public var campaign: Campaign
    /// The name it had before.
    public var previousName: String
    /// The value that stopped being current and stays attached; nil when the value did not change.
    public var keptAlias: UtmValue?
    /// True when the current value was one the campaign already had (a rename back).
    public var reusedValue: Bool
    /// The campaign's revision before and after: an undo expects `after`.
    public var revisions: RevisionChange
}

/// What associating an asset did (R7).
public struct AssociateResult: Hashable, Sendable {
    public var association: CampaignKit.Association
    /// The campaign the asset left by moving, if it moved.
    public var leftCampaignID: String?
    /// The asset's revision before and after: an undo expects `after`.
    public var revisions: RevisionChange
}

/// What dissociating an asset did (R7).
public struct DissociateResult: Hashable, Sendable {
    /// The interval that ended.
    public var closed: CampaignKit.Association
    /// The asset's revision before and after: an undo expects `after`.
    public var revisions: RevisionChange
}

/// What attaching a utm value to a campaign did (R5).
public struct AttachResult: Hashable, Sendable {
    public var utm: UtmValue
    /// The campaign's revision before and after.
    public var revisions: RevisionChange
}

/// The tracking URL built for a campaign (R6) and the asset that holds it.
public struct TrackingURLResult: Hashable, Sendable {
    public var url: String
    public var asset: Asset
    /// False when an identical tracking URL of the campaign already existed and was reused.
    public var created: Bool
}

/// What undoing a rename did (R3, issue 14): the name and current value are back.
public struct UndoRenameResult: Hashable, Sendable {
    /// The campaign after the undo.
    public var campaign: Campaign
    /// The name the undone rename had given it.
    public var undoneName: String
    /// The value the rename minted, taken out of the store: nothing used it yet.
    public var removedValue: UtmValue?
    /// The value the rename minted, kept as an alias because something uses it.
    public var keptValue: UtmValue?
    /// Why `keptValue` was kept, one clause per use ("2 events carry it, the first at …").
    public var keptBecause: [String]
    /// The campaign's revision before and after: an undo of an earlier edit expects `after`.
    public var revisions: RevisionChange
}

/// What undoing an association did (R7, issue 14).
public struct UndoAssociateResult: Hashable, Sendable {
    /// True when the association is gone from the history as if it had never been made,
    /// and the interval it ended (a move's) is open again as it was. False when events
    /// count through it: then it stays in the history, and a new edit now ended it
    /// (moving the asset back, or dissociating it).
    public var removed: Bool
    /// Why it stayed, when it did.
    public var keptBecause: String?
    /// The asset's revision before and after: an undo of an earlier edit expects `after`.
    public var revisions: RevisionChange
}
