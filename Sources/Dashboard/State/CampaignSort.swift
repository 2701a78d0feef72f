import Foundation
import Attribution
import CampaignKit

/// The campaigns pane's sort orders, cycled with `s`.
public enum CampaignSort: String, CaseIterable, Hashable, Sendable {
    case name, revenue, sessions, newest

    public var label: String {
        switch self {
        case .name: return "name"
        case .revenue: return "revenue"
        case .sessions: return "sessions"
        case .newest: return "newest"
        }
    }

    /// Sorted; ties go by id so the order is stable. `revenue` is the revenue
    /// column's figure (influenced revenue, or a model's credit).
    public func sorted(_ campaigns: [CampaignReport], revenue: (CampaignReport) -> Decimal = \.influencedRevenue) -> [CampaignReport] {
        campaigns.sorted { a, b in
            switch self {
            case .name:
                if let first = NaturalOrder.precedes(a.name, b.name) { return first }
            case .revenue:
                let (x, y) = (revenue(a), revenue(b))
                if x != y { return x > y }
            case .sessions:
                if a.sessions != b.sessions { return a.sessions > b.sessions }
            case .newest:
                if a.createdAt != b.createdAt { return a.createdAt > b.createdAt }
            }
            return a.id < b.id
        }
    }

    public var next: CampaignSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
