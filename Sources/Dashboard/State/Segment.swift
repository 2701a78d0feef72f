import Widgets
import Foundation
import Attribution

/// What the dashboard asks for a report: the window and, for R20, the Salesforce
/// campaign whose members alone count in the contact-based metrics.
public struct ReportRequest: Hashable, Sendable {
    public var window: ReportWindow
    /// A Salesforce campaign id; nil: every contact.
    public var segment: String?
    public init(window: ReportWindow, segment: String? = nil) { self.window = window; self.segment = segment }
}

/// A Salesforce campaign id found among the contacts, and how many contacts are its members (R20).
public struct SegmentListing: Hashable, Sendable {
    public var id: String
    public var members: Int
    public init(id: String, members: Int) { self.id = id; self.members = members }
}

/// The segment the dashboard filters by (R20): persists across windows until cleared.
public struct Segment: Hashable, Sendable {
    public var id: String
    /// Its member count when it was chosen; nil when unknown.
    public var members: Int?
    public init(id: String, members: Int? = nil) { self.id = id; self.members = members }

    /// `Segment 701…: 24 contacts`, the id cut to `idWidth` columns.
    public func label(idWidth: Int = 18, ellipsis: Character = "…") -> String {
        let shown = CellGrid.fit(id, width: max(2, idWidth), ellipsis: ellipsis)
        guard let members else { return "Segment \(shown)" }
        return "Segment \(shown): \(Format.grouped(members)) contact\(members == 1 ? "" : "s")"
    }
}

/// `f`: choose the Salesforce campaign whose members the metrics count, or all contacts.
public struct SegmentPicker: Hashable, Sendable {
    public var query = TextField()
    public var cursor = 0
    /// Nil until the backend has listed them.
    public var segments: [SegmentListing]?
    public init() {}

    /// A row: nil is "all contacts".
    public var rows: [SegmentListing?] {
        let needle = query.text.lowercased().trimmingCharacters(in: .whitespaces)
        let matching = (segments ?? []).filter { needle.isEmpty || $0.id.lowercased().contains(needle) }
            .sorted { ($0.members, $1.id) > ($1.members, $0.id) }
        let all = needle.isEmpty || "all contacts".contains(needle)
        return (all ? [nil] : []) + matching.map { Optional($0) }
    }
}
