/// The dashboard's three screens, on keys 1, 2 and 3.
public enum Tab: Int, CaseIterable, Hashable, Sendable {
    case campaigns = 1, analytics, unlinked

    public var title: String {
        switch self {
        case .campaigns: return "Campaigns"
        case .analytics: return "Analytics"
        case .unlinked: return "Unlinked utm"
        }
    }
}

/// The panes of the campaigns tab, in Tab order.
public enum Pane: Int, CaseIterable, Hashable, Sendable {
    case campaigns, assets, metrics

    public var context: BindingContext {
        switch self {
        case .campaigns: return .campaigns
        case .assets: return .assets
        case .metrics: return .metrics
        }
    }
}
