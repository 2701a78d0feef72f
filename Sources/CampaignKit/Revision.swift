/// Where the recorded history of one campaign or asset stood at a moment.
///
/// History is rows that are added (names, utm values, association intervals;
/// an interval is closed once), so two counters tell every change apart: any
/// change to the object moves one of them. They go back only when an undo
/// removes the rows its edit added, which puts the object back exactly where
/// it was; a row's `seq` is never handed out again, so a revision never names
/// two different states. An undo carries the revision its edit left, and the
/// store makes it only while the object is still there (a compare-and-swap
/// inside the write).
public enum Revision: Hashable, Sendable {
    /// A campaign: the `seq` of its latest name row and of its latest utm value row.
    case campaign(id: String, lastName: Int64, lastUtmValue: Int64)
    /// An asset: the `seq` of its latest association interval and how many of its intervals are closed.
    case asset(id: String, lastInterval: Int64, closedIntervals: Int64)
}

/// How an edit moved its object's revision: the dashboard replaces `before`
/// with `after` in the undo entries that expected `before`, so undoing one of
/// its own edits never makes an earlier undo look like a stranger's change.
public struct RevisionChange: Hashable, Sendable {
    public var before: Revision
    public var after: Revision
    public init(before: Revision, after: Revision) { self.before = before; self.after = after }
}
