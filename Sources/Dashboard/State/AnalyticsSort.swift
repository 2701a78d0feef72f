import Attribution

/// The analytics view's columns (R17): the campaign name, then every metric.
public enum AnalyticsColumn: Hashable, Sendable {
    case name
    case metric(CampaignMetric)

    public static let all: [AnalyticsColumn] = [.name] + CampaignMetric.allCases.map { .metric($0) }
}

/// Which column the analytics view sorts by, and which way.
public struct AnalyticsSort: Hashable, Sendable {
    public var column: AnalyticsColumn
    public var descending: Bool

    public init(column: AnalyticsColumn = .metric(.influencedRevenue), descending: Bool = true) {
        self.column = column; self.descending = descending
    }

    /// Sorted; ties go by id.
    public func sorted(_ campaigns: [CampaignReport]) -> [CampaignReport] {
        campaigns.sorted { a, b in
            let order: Bool?
            switch column {
            case .name:
                order = NaturalOrder.precedes(a.name, b.name).map { $0 != descending }
            case .metric(let m):
                let (x, y) = (m.value(in: a), m.value(in: b))
                order = x == y ? nil : (x < y) != descending
            }
            return order ?? (a.id < b.id)
        }
    }
}
