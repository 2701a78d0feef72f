import Attribution
import CampaignKit

/// The outside world as the dashboard sees it: the store and the engine.
///
/// The `utmost` executable implements it (store + engine); tests use an
/// in-memory fake. Methods are called from background tasks, never from the
/// UI thread; a thrown error's description is shown to the user as is, so it
/// should say what went wrong in their words (R1's "name taken by …").
public protocol DashboardBackend: Sendable {
    /// The engine's report for the window (R14–R18), over the store's current data;
    /// with a segment (R20) the contact-based metrics count only its members.
    func report(for request: ReportRequest) async throws -> Report
    /// R20: every Salesforce campaign id found among the contacts, with its member count.
    func segments() async throws -> [SegmentListing]
    /// R14: the contacts the campaign influenced first in the window (only the
    /// segment's members when there is one), by when, at most `limit`, each with
    /// its first and last touch (R15, R16) and its Salesforce campaigns (R20).
    func contacts(campaignID: String, window: ReportWindow, segment: String?, limit: Int) async throws -> CampaignContacts
    /// Every asset with the campaigns it belongs to now (for the association picker).
    func assets() async throws -> [AssetListing]
    /// Every campaign, archived ones included and marked (for the alias picker).
    func campaigns() async throws -> [CampaignListing]
    /// Makes the edit (R1–R7, §8's archiving and deleting, the undos) in one transaction
    /// of the store, and says what it did.
    /// - Parameters:
    ///   - expected: for an undo, the revision the undone edit left its object at; the
    ///     store refuses the edit, writing nothing, when another writer changed the object since.
    ///   - whileWaiting: called when the edit has waited a second for another process's
    ///     write; it goes on waiting (for minutes, behind a large import).
    func perform(_ edit: Edit, expected: Revision?, whileWaiting: @escaping @Sendable () -> Void) async throws -> EditOutcome
    /// R19: `utmost explain`'s answer, one line per element.
    func explain(_ subject: ExplainSubject, window: ReportWindow) async throws -> [String]
    /// R18: the closed-won deals of the window that credit the campaign under
    /// the model (a name of `AttributionModel.builtIn`), largest credit first,
    /// at most `limit`, each with all its touches and their credits.
    func topDeals(campaignID: String, model: String, window: ReportWindow, limit: Int) async throws -> TopDeals
    /// Changes whenever the store's data changes, by this process or another
    /// (SQLite's `PRAGMA data_version` and the store's own edit counter). Cheap.
    func dataVersion() async throws -> Int64
    /// #17: the report for the request as it was computed when the store last held the same
    /// data, if one is remembered: shown at once, while `report(for:)` computes it anew.
    func recalledReport(for request: ReportRequest) async -> Report?
    /// #17: every campaign, archived ones included, in data order, with the assets associated
    /// with it now (by the clock the report counts with), read straight from the store, never
    /// through the engine's analysis, so that it comes long before the report: the campaigns
    /// pane lists them until the report comes.
    /// Nil when the backend has no quicker way to them than the report.
    func campaignOutline() async throws -> [CampaignOutline]?
}

extension DashboardBackend {
    /// Nothing remembered: the dashboard waits for `report(for:)`.
    public func recalledReport(for request: ReportRequest) async -> Report? { nil }
    /// No outline: the campaigns pane says the report is being computed until it comes.
    public func campaignOutline() async throws -> [CampaignOutline]? { nil }
}

/// An asset and the campaigns it belongs to now.
public struct AssetListing: Hashable, Sendable {
    public var id: String
    public var name: String
    public var type: AssetType
    /// Open associations; more than one only for workflows (R7).
    public var campaignIDs: [String]
    public init(id: String, name: String, type: AssetType, campaignIDs: [String]) {
        self.id = id; self.name = name; self.type = type; self.campaignIDs = campaignIDs
    }
}

/// A campaign as the pickers list it.
public struct CampaignListing: Hashable, Sendable {
    public var id: String
    public var name: String
    public var utmCampaign: String
    /// §8: archived campaigns leave the lists unless asked for.
    public var archived: Bool
    public init(id: String, name: String, utmCampaign: String, archived: Bool = false) {
        self.id = id; self.name = name; self.utmCampaign = utmCampaign; self.archived = archived
    }
}
