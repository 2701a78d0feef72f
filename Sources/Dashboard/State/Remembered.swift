import CampaignKit

/// What the dashboard remembers of a store between runs: the last tab, sorts, period
/// and theme. The executable keeps it as JSON under `$XDG_STATE_HOME/utmost/`.
/// Values it cannot read back (a tab or sort from another version) are left out.
public struct Remembered: Codable, Hashable, Sendable {
    public var tab: Int?
    public var campaignSort: String?
    /// Tab 2's sort: `name` or a metric's name, and its direction.
    public var analyticsSort: String?
    public var analyticsDescending: Bool?
    /// A period's name, or `custom`, with its dates (`YYYY-MM-DD`, absent for an open end).
    public var period: String?
    public var periodFrom: String?
    public var periodTo: String?
    public var theme: String?

    public init() {}

    /// What a state would leave for next time, with the theme in use.
    public init(_ state: DashboardState, theme: String?) {
        tab = state.tab.rawValue
        campaignSort = state.campaignSort.rawValue
        switch state.analyticsSort.column {
        case .name: analyticsSort = "name"
        case .metric(let metric): analyticsSort = metric.rawValue
        }
        analyticsDescending = state.analyticsSort.descending
        switch state.period {
        case .custom(let from, let to):
            period = "custom"; periodFrom = from?.description; periodTo = to?.description
        default:
            period = Period.presets.firstIndex(of: state.period).map { Self.presetNames[$0] }
        }
        self.theme = theme
    }

    /// Applies what it remembers to a new state; what it does not hold, or cannot read, stays.
    public func apply(to state: inout DashboardState) {
        if let tab = tab.flatMap(Tab.init(rawValue:)) { state.tab = tab }
        if let sort = campaignSort.flatMap(CampaignSort.init(rawValue:)) { state.campaignSort = sort }
        if let name = analyticsSort {
            let column: AnalyticsColumn? = name == "name" ? .name : CampaignMetric(rawValue: name).map(AnalyticsColumn.metric)
            if let column { state.analyticsSort = AnalyticsSort(column: column, descending: analyticsDescending ?? true) }
        }
        if let restored = restoredPeriod { state.period = restored }
    }

    var restoredPeriod: Period? {
        guard let period else { return nil }
        if period == "custom" {
            let from = periodFrom.flatMap(CalendarDate.init(iso8601:)), to = periodTo.flatMap(CalendarDate.init(iso8601:))
            guard (periodFrom == nil || from != nil), (periodTo == nil || to != nil) else { return nil }
            return .custom(from: from, to: to)
        }
        return Self.presetNames.firstIndex(of: period).map { Period.presets[$0] }
    }

    /// `Period.presets` by the names the file keeps.
    static let presetNames = ["today", "yesterday", "this-week", "last-week", "this-month", "last-month", "this-quarter",
                              "last-quarter", "this-year", "last-year", "last-7-days", "last-30-days", "last-90-days",
                              "campaign-dates", "all-time"]
}
