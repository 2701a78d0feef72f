import Attribution

/// Tab 3's orders (R5), cycled with `s`: by value, or the most seen first.
public enum UnlinkedSort: String, CaseIterable, Hashable, Sendable {
    case value, pageViews, sessions

    public var label: String {
        switch self {
        case .value: return "value"
        case .pageViews: return "page views"
        case .sessions: return "sessions"
        }
    }

    public var next: UnlinkedSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Sorted; ties by value (the report's own order).
    public func sorted(_ values: [UnlinkedUtm]) -> [UnlinkedUtm] {
        switch self {
        case .value: return values
        case .pageViews: return values.enumerated().sorted { ($1.element.pageViews, $0.offset) < ($0.element.pageViews, $1.offset) }.map(\.element)
        case .sessions: return values.enumerated().sorted { ($1.element.sessions, $0.offset) < ($0.element.sessions, $1.offset) }.map(\.element)
        }
    }
}
