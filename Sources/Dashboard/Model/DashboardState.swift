import Foundation
import Attribution
import CampaignKit

/// Everything the dashboard shows and remembers. Views draw from it alone;
/// only `update` changes it.
public struct DashboardState: Hashable, Sendable {
    // Where we are
    public var width: Int
    public var height: Int
    public var now: Instant
    public var zone: TimeZone
    /// Shown in the status bar: the store file.
    public var storeLabel: String
    public var glyphs: Glyphs

    // Data
    /// The last report; everything on screen comes from it.
    public var report: Report?
    public var loading = false
    public var loadError: String?
    public var lastRefresh: Instant?
    public var dataVersion: Int64?
    /// Counts report requests; an answer for an older one is dropped.
    public var generation = 0
    public var windowPreset: WindowPreset
    /// The campaign whose dates the `campaignDates` preset uses.
    public var windowCampaign: CampaignReport?
    /// R20: the Salesforce campaign whose members alone count in the contact-based
    /// metrics; kept across windows until cleared.
    public var segment: Segment?

    // Navigation
    public var tab: Tab = .campaigns
    public var focus: Pane = .campaigns
    public var selectedCampaignID: String?
    public var selectedAssetID: String?
    public var metricIndex = 0
    public var campaignFilter = TextField()
    public var filtering = false
    public var campaignSort: CampaignSort = .name
    public var analyticsSort = AnalyticsSort()
    public var analyticsColumn = AnalyticsColumn.metric(.influencedRevenue)
    public var analyticsCampaignID: String?
    public var unlinkedKey: String?
    /// R18, tab 4: the highlighted model (nil: the first), the order, the campaign under the cursor.
    public var attributionModel: String?
    public var attributionSort = AttributionSort()
    public var attributionCampaignID: String?
    /// R18, tab 1: the model whose credit the revenue column shows (`m`); nil: influenced revenue.
    public var revenueModel: String?

    // Popups, edits, messages
    public var popup: Popup?
    /// How to undo the edits made in this session, the latest last.
    public var undoStack: [UndoEntry] = []
    /// An edit is on its way to the store.
    public var editInFlight = false
    public var message: StatusMessage?
    public var quitting = false

    public init(width: Int = 80, height: Int = 24, now: Instant, zone: TimeZone = TimeZone(identifier: "UTC")!,
                storeLabel: String = "", glyphs: Glyphs = .unicode, windowPreset: WindowPreset = .all) {
        self.width = width; self.height = height; self.now = now; self.zone = zone
        self.storeLabel = storeLabel; self.glyphs = glyphs; self.windowPreset = windowPreset
    }

    /// Today in the report zone.
    public var today: CalendarDate { CalendarDate(now, in: zone) }

    /// The window the current preset gives today.
    public var window: ReportWindow { windowPreset.window(today: today, zone: zone, campaign: windowCampaign) }

    /// What the report is asked for: the window and the segment.
    public var reportRequest: ReportRequest { ReportRequest(window: window, segment: segment?.id) }
}

/// A line for the status bar until the next key.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }
}
