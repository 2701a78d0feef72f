/// The dashboard's four screens, on keys 1 to 4.
public enum Tab: Int, CaseIterable, Hashable, Sendable {
    case campaigns = 1, analytics, unlinked, attribution

    public var title: String {
        switch self {
        case .campaigns: return "Campaigns"
        case .analytics: return "Analytics"
        case .unlinked: return "Unlinked utm"
        case .attribution: return "Attribution"
        }
    }

    /// The title when the header is short on room.
    public var shortTitle: String { self == .unlinked ? "Unlinked" : title }
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
