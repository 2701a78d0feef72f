import CampaignKit

/// A change to the store that the dashboard asks for. Every edit is one
/// transaction in the store. Only the two undos and deleting a campaign take rows
/// out of the history, and only rows nothing has counted (see `CampaignStore+Undo.swift`
/// and `CampaignStore+Archive.swift`).
public enum Edit: Hashable, Sendable {
    /// R7: a non-workflow asset leaves its current campaign at the same instant.
    case associate(assetID: String, campaignID: String)
    case dissociate(assetID: String, campaignID: String)
    case createCampaign(name: String)
    /// R3: a new utm value from the new name; the old one stays as an alias.
    case rename(campaignID: String, name: String)
    /// R5: an unlinked value becomes an alias of the campaign from now on.
    case attachAlias(value: String, campaignID: String)
    /// §8: the campaign leaves the lists from now on; no number changes.
    case archive(campaignID: String)
    /// §8: an archived campaign is listed again.
    case unarchive(campaignID: String)
    /// §8: a campaign nothing ever counted for (no asset ever, no URL or event carrying its
    /// utm values) is removed; any other is refused, saying why.
    case deleteCampaign(campaignID: String)
    /// Takes back the campaign's latest rename (its `expected` revision is the rename's):
    /// the earlier name and value are back, and the value the rename minted is removed
    /// unless something uses it (`EditOutcome.note` then says what).
    case undoRename(campaignID: String)
    /// Takes back the association of the asset with the campaign (its `expected` revision is
    /// the association's). `movedFrom`: the campaign it left, when it moved (R7). With no
    /// event counted through it, the history is as before, the earlier interval open as it
    /// was; otherwise a new edit ends it and `EditOutcome.note` says why.
    case undoAssociate(assetID: String, campaignID: String, movedFrom: String?)
    /// R6: the page tagged with the campaign's current utm value, kept as a tracking-URL asset
    /// of the campaign (`EditOutcome.url` is the URL).
    case buildTrackingURL(campaignID: String, page: String, source: String, medium: String, term: String?, content: String?)
}

/// How to take an edit back: another edit, or why it cannot be.
public enum UndoEntry: Hashable, Sendable {
    /// The inverse edit and what to say once it is done.
    case edit(Edit, summary: String)
    /// A new campaign's undo deletes it; its id is known once the store has made it.
    case deleteCreated(name: String)
    case impossible(reason: String)
}

/// An edit of this session that `u` can take back, the latest last on the stack.
public struct UndoStep: Hashable, Sendable {
    public var entry: UndoEntry
    /// The revision the edit left its object at: the store makes the undo only
    /// while the object is still there, so another writer's later change is never reverted.
    public var expected: Revision?

    public init(_ entry: UndoEntry, expected: Revision?) { self.entry = entry; self.expected = expected }
}

/// An edit on its way to the store, with what the dashboard says about it
/// and how it would be undone.
public struct PendingEdit: Hashable, Sendable {
    public var edit: Edit
    /// Past tense, for the status bar: "Moved “Spring LP” to Spring launch".
    public var summary: String
    /// Nil for an undo itself.
    public var undo: UndoEntry?
    /// For an undo: the revision its object must still be at (see `UndoStep`).
    public var expected: Revision?

    public init(edit: Edit, summary: String, undo: UndoEntry?, expected: Revision? = nil) {
        self.edit = edit; self.summary = summary; self.undo = undo; self.expected = expected
    }

    public var isUndo: Bool { undo == nil }
}

/// What the store says an edit did.
public struct EditOutcome: Hashable, Sendable {
    /// The new campaign's id, for `createCampaign`.
    public var createdCampaignID: String?
    /// How the edited object's revision moved; nil for a new campaign and for archiving.
    public var revisions: RevisionChange?
    /// What an undo kept, and why, in the user's words ("spring-relaunch stays attached
    /// as an alias: 2 events carry it, …"); nil when it took everything back.
    public var note: String?
    /// The tracking URL built (R6).
    public var url: String?

    public init(createdCampaignID: String? = nil, revisions: RevisionChange? = nil, note: String? = nil, url: String? = nil) {
        self.createdCampaignID = createdCampaignID; self.revisions = revisions; self.note = note; self.url = url
    }
}
