import Widgets
import Attribution
import CampaignKit

/// Something that happened: a key, a resize, the clock, or a result coming
/// back from the outside world. `update` turns it into the next state.
public enum Action: Hashable, Sendable {
    case key(Key)
    /// A click or a turn of the wheel over a cell of the screen.
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// The clock moved on (the status marks and window presets depend on today).
    case tick(Instant)
    /// The store's data version; a change brings a new report.
    case dataVersion(Int64)
    /// The store's data version could not be read (a team store's server is gone): the
    /// status bar says "reconnecting…" until a version comes again.
    case storeUnreachable(String)
    case reportLoaded(generation: Int, Result<Report, BackendFailure>)
    /// #17: the report's numbers as remembered from the same data, ahead of `reportLoaded`.
    case reportRecalled(generation: Int, Report)
    /// #17: the campaigns without their numbers, asked for with the report of `generation`;
    /// nil when the backend could not list them sooner than the report.
    case outlineLoaded(generation: Int, [CampaignOutline]?)
    /// The report of the period just before, for the comparison.
    case comparisonLoaded(generation: Int, Result<Report, BackendFailure>)
    case assetsLoaded(Result<[AssetListing], BackendFailure>)
    case campaignsLoaded(Result<[CampaignListing], BackendFailure>)
    /// The edit has waited a second for another process's write and goes on waiting.
    case editWaiting(PendingEdit)
    case editFinished(PendingEdit, Result<EditOutcome, BackendFailure>)
    case explained(ExplainSubject, Result<[String], BackendFailure>)
    case topDealsLoaded(TopDealsRequest, Result<TopDeals, BackendFailure>)
    case segmentsLoaded(Result<[SegmentListing], BackendFailure>)
    case contactsLoaded(ContactsRequest, Result<CampaignContacts, BackendFailure>)
}

/// A backend error as the dashboard shows it.
public struct BackendFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public init(_ error: any Error) { self.message = (error as? BackendFailure)?.message ?? String(describing: error) }
    public var description: String { message }
}
