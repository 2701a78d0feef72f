import Widgets
import Foundation
import Attribution
import CampaignKit

/// Everything the dashboard shows and remembers. Views draw from it alone;
/// only `update` changes it.
public struct DashboardState: Hashable, Sendable {
    // Where we are
    public var width: Int { didSet { layout = LayoutFacts(width: width, height: height) } }
    public var height: Int { didSet { layout = LayoutFacts(width: width, height: height) } }
    /// The layout's facts at this size, for the reducer (page sizes, the tiles' shape).
    public private(set) var layout: LayoutFacts
    public var now: Instant
    public var zone: TimeZone
    /// Shown in the status bar: the store file.
    public var storeLabel: String
    public var glyphs: Glyphs

    // Data
    /// The last report; everything on screen comes from it.
    public var report: Report? {
        didSet {
            refreshSeries()
            refreshCampaignRows()
            refreshAnalyticsRows()
            refreshAttributionRows()
        }
    }
    /// #17: the campaigns as the store lists them, until the first report comes: the
    /// campaigns pane lists them with placeholders for their numbers. Cleared by a report.
    public var outline: [CampaignOutline]? {
        didSet {
            guard outline != oldValue else { return }
            derived.outlineRows = (outline ?? []).map(\.placeholderRow)
            if report == nil { refreshCampaignRows() }
        }
    }
    public var loading = false
    public var loadError: String?
    public var lastRefresh: Instant?
    public var dataVersion: Int64?
    /// Why the store's data version cannot be read, while it cannot (the status bar says "reconnecting…").
    public var storeUnreachable: String?
    /// Counts report requests; an answer for an older one is dropped.
    public var generation = 0
    /// The period reported on.
    public var period: Period
    /// The day relative periods count back from instead of today: the data's last day,
    /// when the data ends before the period would begin (`L`); nil for today.
    public var anchor: CalendarDate?
    /// The report of the period just before, as long: what the metric tiles compare with.
    public var previousReport: Report?
    /// Tab 2 shows each metric's change against the previous period instead of its value (`%`).
    public var showsChange = false
    /// The last report asked for: a change of window or segment asks again.
    public var requestedReport: ReportRequest?
    /// R20: the Salesforce campaign whose members alone count in the contact-based
    /// metrics; kept across windows until cleared.
    public var segment: Segment?

    // Navigation
    public var tab: Tab = .campaigns
    public var focus: Pane = .campaigns
    public var selectedCampaignID: String? {
        didSet { if selectedCampaignID != oldValue { refreshAssetRows() } }
    }
    public var selectedAssetID: String?
    public var metricIndex = 0
    public var campaignFilter = TextField() {
        didSet { if campaignFilter.text != oldValue.text { refreshCampaignRows() } }
    }
    /// Tabs 2, 3 and 4 filter their lists too (`/`), each with its own text.
    public var analyticsFilter = TextField() {
        didSet { if analyticsFilter.text != oldValue.text { refreshAnalyticsRows() } }
    }
    public var unlinkedFilter = TextField()
    /// §8: archived campaigns are left out of the lists unless shown (`X`).
    public var showsArchived = false {
        didSet { if showsArchived != oldValue { refreshCampaignRows(); refreshAnalyticsRows(); refreshAttributionRows() } }
    }
    /// Tab 3's order (`s`): by value, by page views, by sessions.
    public var unlinkedSort = UnlinkedSort.value
    public var attributionFilter = TextField() {
        didSet { if attributionFilter.text != oldValue.text { refreshAttributionRows() } }
    }
    /// The filter of the tab in front is being typed.
    public var filtering = false
    public var campaignSort: CampaignSort = .name {
        didSet { if campaignSort != oldValue { refreshCampaignRows() } }
    }
    public var analyticsSort = AnalyticsSort() {
        didSet { if analyticsSort != oldValue { refreshAnalyticsRows() } }
    }
    public var analyticsColumn = AnalyticsColumn.metric(.influencedRevenue)
    public var analyticsCampaignID: String?
    public var unlinkedKey: String?
    /// R18, tab 4: the highlighted model (nil: the first), the order, the campaign under the cursor.
    public var attributionModel: String?
    public var attributionSort = AttributionSort() {
        didSet { if attributionSort != oldValue { refreshAttributionRows() } }
    }
    public var attributionCampaignID: String?
    /// R18, tab 1: the model whose credit the revenue column shows (`m`); nil: influenced revenue.
    public var revenueModel: String? {
        didSet { if revenueModel != oldValue, campaignSort == .revenue { refreshCampaignRows() } }
    }

    // Popups, edits, messages
    public var popup: Popup?
    /// How to undo the edits made in this session, the latest last.
    public var undoStack: [UndoStep] = []
    /// The edit on its way to the store, if any.
    public var savingEdit: PendingEdit?
    /// An edit is on its way to the store.
    public var editInFlight: Bool { savingEdit != nil }
    /// The edit on its way, once it has waited a second for another process's write
    /// (the status bar says so until it is saved).
    public var waitingEdit: PendingEdit?
    /// `q` came while an edit was on its way: quit once it is saved.
    public var quitAfterEdit = false
    public var message: StatusMessage?
    public var quitting = false
    /// Text `y` puts on the clipboard: the loop hands it to the terminal (`TerminalDevice.copy`) and clears it.
    public var pendingCopy: String?
    /// `--read-only`: every edit is refused (Reducer+ReadOnly); nothing reaches the store.
    public var readOnly = false

    /// The lists the views draw, kept in step with what they derive from by the
    /// observers above: a frame reads them and never filters or sorts.
    public private(set) var derived = Derived()

    public init(width: Int = 80, height: Int = 24, now: Instant, zone: TimeZone = TimeZone(identifier: "UTC")!,
                storeLabel: String = "", glyphs: Glyphs = .unicode, period: Period = .allTime) {
        self.width = width; self.height = height; self.now = now; self.zone = zone
        layout = LayoutFacts(width: width, height: height)
        self.storeLabel = storeLabel; self.glyphs = glyphs; self.period = period
    }

    /// Today in the report zone.
    public var today: CalendarDate { CalendarDate(now, in: zone) }

    /// The window the period gives today (or on the anchor day); the campaign dates are the selected campaign's.
    public var window: ReportWindow { period.window(today: anchor ?? today, zone: zone, campaign: selectedCampaign) }

    /// The period as the header and the status bar name it: `Last 30 days`, `Last 30 days to 19 Jan 2025`.
    public var periodLabel: String {
        let label = period.label(campaignName: selectedCampaign?.name)
        guard let anchor, period.isRelative else { return label }
        return "\(label) to \(anchor.spoken)"
    }

    /// What the panes say when the period holds no data because the data ends before it.
    public var emptyPeriodNotice: String? {
        guard let end = dataEndsBefore else { return nil }
        return period.isRelative ? "The data ends \(end.spoken) · L: the period up to there"
            : "No data in this period: the data ends \(end.spoken)"
    }

    /// The data's last day, when the window begins after it: the period holds no data.
    public var dataEndsBefore: CalendarDate? {
        guard let last = report?.lastEventAt, let from = window.from else { return nil }
        let day = CalendarDate(last, in: zone)
        return day < from ? day : nil
    }

    /// Every campaign the campaigns pane lists from, archived ones included: the report's, or
    /// until it comes the outline's (#17), whose numbers are placeholders (`numbersPending`).
    public var allCampaigns: [CampaignReport] { report?.campaigns ?? derived.outlineRows }

    /// #17: the campaigns are listed from the outline and their numbers are on their way.
    public var numbersPending: Bool { report == nil }

    /// What the report is asked for: the window and the segment.
    public var reportRequest: ReportRequest { ReportRequest(window: window, segment: segment?.id) }
}

extension DashboardState {
    /// The filtered and sorted lists of the report. Only `DashboardState`'s property
    /// observers write them — when the report, the filter, a sort order, the revenue
    /// model or the selected campaign changes — so they cannot go stale, and a frame,
    /// which reads them several times, never filters or sorts.
    public struct Derived: Hashable, Sendable {
        /// The campaigns pane's rows: filtered by name or utm value, then sorted.
        public fileprivate(set) var campaignRows: [CampaignReport] = []
        /// #17: the outline's campaigns as rows whose numbers are still to come.
        public fileprivate(set) var outlineRows: [CampaignReport] = []
        /// R17: only campaigns in analytics, in the chosen order, and per metric their total.
        public fileprivate(set) var analyticsRows: [CampaignReport] = []
        public fileprivate(set) var analyticsTotals: [CampaignMetric: MetricValue] = [:]
        /// The selected campaign's assets: visible first, then hidden, each by type and name.
        public fileprivate(set) var assetRows: [AssetReport] = []
        /// R18: every campaign some model credits, in the attribution tab's order, and per model their total.
        public fileprivate(set) var attributionRows: [CampaignReport] = []
        public fileprivate(set) var attributionTotals: [String: Decimal] = [:]
        /// The span of days the sparklines share.
        public fileprivate(set) var series: DailySeries?
    }

    /// Whether a campaign matches a list's filter: by name or utm value, current or earlier.
    func listed(_ campaign: CampaignReport, _ filter: TextField) -> Bool {
        (showsArchived || campaign.archivedAt == nil) && Self.matches(campaign, filter)
    }

    static func matches(_ campaign: CampaignReport, _ filter: TextField) -> Bool {
        let needle = filter.text.lowercased().trimmingCharacters(in: .whitespaces)
        return needle.isEmpty || campaign.name.lowercased().contains(needle) || campaign.utmCampaign.lowercased().contains(needle)
            || campaign.utmAliases.contains { $0.lowercased().contains(needle) }
    }

    private mutating func refreshCampaignRows() {
        derived.campaignRows = campaignSort.sorted(allCampaigns.filter { listed($0, campaignFilter) },
                                                   revenue: revenue(of:))
        refreshAssetRows()
    }

    private mutating func refreshSeries() {
        derived.series = report.flatMap(DailySeries.init(report:))
    }

    private mutating func refreshAnalyticsRows() {
        let rows = (report?.campaigns ?? []).filter { $0.inAnalytics && listed($0, analyticsFilter) }
        derived.analyticsRows = analyticsSort.sorted(rows)
        derived.analyticsTotals = Dictionary(uniqueKeysWithValues: CampaignMetric.allCases.map { m in
            (m, rows.map { m.value(in: $0) }.reduce(m == .influencedRevenue ? .money(0) : .count(0), +))
        })
    }

    private mutating func refreshAttributionRows() {
        let models = report?.attribution.models ?? [:]
        let credited = (report?.campaigns ?? []).filter { c in
            models.values.contains { ($0[c.id] ?? 0) != 0 } && listed(c, attributionFilter)
        }
        derived.attributionRows = attributionSort.sorted(credited, credits: models)
        derived.attributionTotals = models.mapValues { column in credited.reduce(Decimal(0)) { $0 + (column[$1.id] ?? 0) } }
    }

    private mutating func refreshAssetRows() {
        derived.assetRows = (selectedCampaign?.assets ?? []).map { ($0, $0.name.lowercased()) }.sorted {
            ($0.0.visible ? 0 : 1, $0.0.type.rawValue, $0.1, $0.0.id) < ($1.0.visible ? 0 : 1, $1.0.type.rawValue, $1.1, $1.0.id)
        }.map(\.0)
    }
}

/// A line for the status bar until the next key.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }
}
