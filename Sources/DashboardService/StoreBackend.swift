import Attribution
import CampaignKit
import CampaignStore
import Dashboard
import Foundation
import Synchronization

/// The dashboard's backend on a store: edits go to the store, numbers come from
/// the engine. The compiled data is kept until the store's data version moves,
/// so changing the window only recounts; the rules are rerun when the data, the
/// zone, or a scheduled social post's publication (R9) changes them.
public actor StoreBackend: DashboardBackend {
    private let store: any Store
    /// Where the store's long-wait notice goes: to the edit being made, if any.
    private let waiting: WaitRelay
    private let clock: @Sendable () -> Instant
    /// R18's nine models and any from `--model-file`.
    private let models: [AttributionModel]
    /// The compiled data of one data version and, on SQLite, where its events end (#17).
    private var compiled: (version: Int, data: CompiledData, mark: EventMark?)?
    private var analysis: (version: Int, zone: TimeZone, analysis: Analysis)?
    /// Moves whenever `analysis` comes to hold other data: a compile, appended events, another zone.
    private var analysisGeneration = 0
    /// The reports computed from the analysis of generation `generation`, by request, handed out
    /// again while the clock leaves them as they are (#17): another process's write that changes
    /// nothing a report reads (SQLite's `data_version` moves when a writer restarts the
    /// write-ahead log, before its transaction commits) asks again for every report on screen,
    /// the period's and the one it is compared with.
    private var keptReports: (generation: Int, byRequest: [ReportRequest: KeptReport]) = (0, [:])
    /// At most this many kept reports: a user paging through periods asks for one each.
    private static let keptReportsLimit = 16

    private struct KeptReport {
        var madeAt: Instant
        /// Until when the clock leaves it as it is (`Analysis.nextClockChange`), nil for ever.
        var holdsUntil: Instant?
        var report: Report
    }
    /// How many reports this backend computed rather than handed out again; for the tests.
    package private(set) var computedReports = 0
    /// R18's paths of the deals closed in one window, for the analysis above:
    /// the top-deals popup asks for them campaign after campaign.
    private var paths: (window: ReportWindow, deals: [(deal: Deal, touches: [Touch])])?
    /// Where the reports computed here are remembered for the next dashboard (#17), if anywhere.
    private let memory: ReportMemory?
    /// Remembers them in order, off the actor and off the pool of Swift concurrency.
    private let remembering = SerialWork()
    /// The fingerprint of the data last remembered from: every report of the same data (the
    /// comparison, each period looked at) shares it, and working it out encodes the whole mark.
    private let lastFingerprint = Mutex<(mark: EventMark, fingerprint: UInt64)?>(nil)
    /// Until the first report is computed here, reports may be recalled from the memory;
    /// `recalling` then holds the fingerprint of the store's data (read when first needed:
    /// only a remembered report needs it).
    private let recalling = Mutex(Recalling.unread)

    private enum Recalling {
        case unread
        case read(fingerprint: UInt64?)
        case over
    }

    /// The store `open` opens, of either kind, given the handler of its long waits.
    /// - Parameter memory: where to remember reports and recall them from (a SQLite store's only).
    public init(clock: @escaping @Sendable () -> Instant, models: [AttributionModel] = AttributionModel.builtIn,
                memory: ReportMemory? = nil, open: @Sendable (@escaping LongWaitHandler) throws -> any Store) throws {
        let waiting = WaitRelay()
        let store = try open { _ in waiting.notify() }
        self.store = store
        self.waiting = waiting
        self.clock = clock
        self.models = models
        self.memory = store is CampaignStore ? memory : nil
    }

    /// Opens the SQLite store at `path` (which must hold one).
    public init(path: String, clock: @escaping @Sendable () -> Instant, models: [AttributionModel] = AttributionModel.builtIn,
                memory: ReportMemory? = nil) throws {
        try self.init(clock: clock, models: models, memory: memory) { try CampaignStore.existing(at: path, onLongWait: $0) }
    }

    private func currentAnalysis(zone: TimeZone) throws -> Analysis {
        let version = try store.dataVersion()
        let now = clock()
        if let a = analysis, a.version == version, a.zone == zone, a.analysis.holds(at: now) { return a.analysis }
        if let extended = try appended(at: version, zone: zone, now: now) { return extended }
        let data: CompiledData
        if let c = compiled, c.version == version { data = c.data } else {
            compiled = try compile(at: version)
            data = compiled!.data
        }
        let fresh = Analysis(data, asOf: now, zone: zone)
        analysis = (version, zone, fresh)
        analysisGeneration += 1
        paths = nil
        return fresh
    }

    /// #17: when only events were appended since the analysis of this zone was made, that
    /// analysis with them appended (`Analysis.append`: extended by the new events, or the
    /// rules run again over the grown data); nil when the data must be loaded again.
    private func appended(at version: Int, zone: TimeZone, now: Instant) throws -> Analysis? {
        guard let sqlite = store as? CampaignStore, analysis?.zone == zone, let madeAt = analysis?.version, madeAt != version,
              compiled?.version == madeAt, let mark = compiled?.mark,
              let (events, next) = try sqlite.eventsAppended(since: mark), var grown = analysis?.analysis else { return nil }
        if events.isEmpty, grown.holds(at: now) {
            // Nothing a report reads changed: the same analysis, at the new version.
            compiled?.version = version
            compiled?.mark = next
            analysis?.version = version
            return grown
        }
        // Let go of every other hold on the arrays first, so that they grow in place.
        (compiled, analysis, paths) = (nil, nil, nil)
        guard grown.append(events, asOf: now) != .refused else { return nil }
        compiled = (version, grown.data, next)
        analysis = (version, zone, grown)
        analysisGeneration += 1
        return grown
    }

    /// The data compiled anew, or, when only events were appended since the last compile
    /// and the engine can show that appending them gives the same (`CompiledData.appending`),
    /// the last compile with them appended: a refresh then reads and compiles the new events only.
    private func compile(at version: Int) throws -> (version: Int, data: CompiledData, mark: EventMark?) {
        guard let sqlite = store as? CampaignStore else { return (version, CompiledData(try store.loadDataset(), strings: .forAppending), nil) }
        if let mark = compiled?.mark, let (events, next) = try sqlite.eventsAppended(since: mark), var data = compiled?.data {
            // Let go of every other hold on the arrays first, so that they grow in place.
            (compiled, analysis, paths) = (nil, nil, nil)
            if data.append(events) { return (version, data, next) }
        }
        let order = EventOrderSlot(keepingState: true)
        let (dataset, mark) = try sqlite.loadDatasetMarked(afterDecoding: order.fill)
        return (version, CompiledData(dataset, strings: .forAppending, order: order.take()), mark)
    }

    public func report(for request: ReportRequest) async throws -> Report {
        let analysis = try currentAnalysis(zone: request.window.zone)
        let now = clock()
        if keptReports.generation != analysisGeneration { keptReports = (analysisGeneration, [:]) }
        if let kept = keptReports.byRequest[request], now >= kept.madeAt, kept.holdsUntil.map({ now < $0 }) ?? true {
            return kept.report
        }
        let report = analysis.report(window: request.window, models: models, segment: request.segment, now: now)
        computedReports += 1
        if keptReports.byRequest.count >= Self.keptReportsLimit,
           let oldest = keptReports.byRequest.min(by: { $0.value.madeAt < $1.value.madeAt })?.key {
            keptReports.byRequest[oldest] = nil
        }
        keptReports.byRequest[request] = KeptReport(madeAt: now, holdsUntil: analysis.nextClockChange, report: report)
        recalling.withLock { $0 = .over }
        remember(report, for: request, madeAt: now)
        return report
    }

    /// #17: the report remembered for this request from when the store last held the data
    /// it holds now, while this backend has computed none of its own.
    public nonisolated func recalledReport(for request: ReportRequest) async -> Report? {
        guard let memory, let sqlite = store as? CampaignStore else { return nil }
        return memory.recall(store: sqlite.path, window: request.window, segment: request.segment, at: clock()) {
            recalling.withLock { state in
                switch state {
                case .over:
                    return nil
                case .read(let fingerprint):
                    return fingerprint
                case .unread:
                    // A store whose fingerprint cannot be read recalls nothing; it is computed as ever.
                    let fingerprint = try? sqlite.fingerprint(of: sqlite.currentMark())
                    state = .read(fingerprint: fingerprint)
                    return fingerprint
                }
            }
        }
    }

    /// Hands the report to the memory, with the fingerprint of the data it was computed
    /// from (the mark read with that data) and until when the clock leaves it as it is.
    /// The fingerprint and the file are made on the side: the report is on its way meanwhile.
    private func remember(_ report: Report, for request: ReportRequest, madeAt now: Instant) {
        guard let memory, let sqlite = store as? CampaignStore, let compiled, let mark = compiled.mark,
              let analysis, analysis.version == compiled.version else { return }
        let holdsUntil = analysis.analysis.nextClockChange
        remembering.submit { [self] in
            let known = lastFingerprint.withLock { $0?.mark == mark ? $0?.fingerprint : nil }
            guard let fingerprint = known ?? (try? sqlite.fingerprint(of: mark)) else { return }
            lastFingerprint.withLock { $0 = (mark, fingerprint) }
            memory.remember(report, store: sqlite.path, fingerprint: fingerprint, window: request.window,
                            segment: request.segment, madeAt: now, holdsUntil: holdsUntil)
        }
    }

    /// R20: each Salesforce campaign id among the contacts, with its members.
    public func segments() async throws -> [SegmentListing] {
        let dataset = try currentAnalysis(zone: analysis?.zone ?? TimeZone(identifier: "UTC")!).data.dataset
        var members: [String: Int] = [:]
        for contact in dataset.contacts {
            for id in Set(contact.salesforceCampaignIDs) { members[id, default: 0] += 1 }
        }
        return members.map { SegmentListing(id: $0.key, members: $0.value) }
            .sorted { ($0.members, $1.id) > ($1.members, $0.id) }
    }

    /// R14's influenced contacts of a campaign, from the engine's explanation of the
    /// metric (one line per contact ending in its `(events row N)`), with each contact's
    /// first and last touch read from `Explainer.contact` (R15, R16). The engine keeps
    /// those per-contact arrays internal; reading its sentences back is the price.
    public func contacts(campaignID: String, window: ReportWindow, segment: String?, limit: Int) async throws -> CampaignContacts {
        let analysis = try currentAnalysis(zone: window.zone)
        guard let influenced = analysis.influencedContacts(campaign: campaignID, window: window, segment: segment) else {
            throw BackendFailure("unknown campaign \(campaignID)")
        }
        let listed = influenced.prefix(max(0, limit)).map {
            ContactListing(id: $0.contactID, email: $0.email, firstInfluenced: $0.firstInfluenced,
                           firstTouchCampaignID: $0.firstTouchCampaignID, lastTouchCampaignID: $0.lastTouchCampaignID,
                           salesforceCampaignIDs: $0.salesforceCampaignIDs)
        }
        return CampaignContacts(contacts: Array(listed), total: influenced.count)
    }

    public func assets() async throws -> [AssetListing] {
        let dataset = try currentAnalysis(zone: analysis?.zone ?? TimeZone(identifier: "UTC")!).data.dataset
        var open: [String: [String]] = [:]
        for a in dataset.associations where a.isOpen { open[a.assetID, default: []].append(a.campaignID) }
        return dataset.assets.map { AssetListing(id: $0.id, name: $0.name, type: $0.type, campaignIDs: open[$0.id] ?? []) }
    }

    /// #17: read from the store in one short transaction, never from the analysis; nonisolated,
    /// so that it need not wait behind a report being computed on the actor.
    public nonisolated func campaignOutline() async throws -> [CampaignOutline]? {
        try store.outline().campaignOutlines(at: clock())
    }

    public func campaigns() async throws -> [CampaignListing] {
        try store.campaigns().map { CampaignListing(id: $0.id, name: $0.name, utmCampaign: $0.utm.value, archived: $0.archivedAt != nil) }
    }

    /// The dashboard names campaigns by id: `.id`, never a name that another campaign's id could shadow.
    public func perform(_ edit: Edit, expected: Revision?, whileWaiting: @escaping @Sendable () -> Void) async throws -> EditOutcome {
        try waiting.telling(whileWaiting) {
            switch edit {
            case .associate(let asset, let campaign):
                return EditOutcome(revisions: try store.associate(assetID: asset, with: .id(campaign), now: clock(), expecting: expected).revisions)
            case .dissociate(let asset, let campaign):
                return EditOutcome(revisions: try store.dissociate(assetID: asset, from: .id(campaign), now: clock(), expecting: expected).revisions)
            case .createCampaign(let name):
                return EditOutcome(createdCampaignID: try store.createCampaign(NewCampaign(name: name), now: clock()).id)
            case .rename(let id, let name):
                return EditOutcome(revisions: try store.renameCampaign(.id(id), to: name, now: clock(), expecting: expected).revisions)
            case .attachAlias(let value, let id):
                return EditOutcome(revisions: try store.attachUtmValue(value, to: .id(id), now: clock()).revisions)
            case .archive(let id):
                _ = try store.archiveCampaign(.id(id), now: clock())
            case .unarchive(let id):
                _ = try store.unarchiveCampaign(.id(id), now: clock())
            case .deleteCampaign(let id):
                _ = try store.deleteCampaign(.id(id))
            case .undoRename(let id):
                return Self.outcome(try store.undoRename(.id(id), expecting: try Self.required(expected)))
            case .buildTrackingURL(let id, let page, let source, let medium, let term, let content):
                let built = try store.buildTrackingURL(for: .id(id), pageURL: page, source: source, medium: medium,
                                                       term: term, content: content, now: clock())
                return EditOutcome(url: built.url)
            case .undoAssociate(let asset, let campaign, let movedFrom):
                return Self.outcome(try store.undoAssociate(assetID: asset, with: .id(campaign), movedFrom: movedFrom.map { .id($0) },
                                                            expecting: try Self.required(expected), now: clock()))
            }
            return EditOutcome()
        }
    }

    /// An undo is a compare-and-swap: it needs the revision its edit left.
    private static func required(_ expected: Revision?) throws -> Revision {
        guard let expected else { throw BackendFailure("an undo needs the revision its edit left the object at") }
        return expected
    }

    private static func outcome(_ undo: UndoRenameResult) -> EditOutcome {
        let note = undo.keptValue.map { "\($0.value) stays attached as an alias: " + undo.keptBecause.joined(separator: "; ") }
        return EditOutcome(revisions: undo.revisions, note: note)
    }

    private static func outcome(_ undo: UndoAssociateResult) -> EditOutcome {
        EditOutcome(revisions: undo.revisions, note: undo.keptBecause.map { "its time there stays in the history: " + $0 })
    }

    public func explain(_ subject: ExplainSubject, window: ReportWindow) async throws -> [String] {
        let explainer = Explainer(analysis: try currentAnalysis(zone: window.zone), window: window)
        switch subject {
        case .asset(let assetID, _):
            return try explainer.asset(assetID)
        case .metric(let campaignID, let metric):
            return try explainer.metric(Explainer.Metric(rawValue: metric.rawValue) ?? .sessions, campaign: campaignID)
        case .utmValue(let key):
            return explainer.utmValue(key)
        }
    }

    /// R18: the deals behind one cell of the attribution tab. Each deal's touch
    /// credits come from the engine (`credits(of:deal:model:)`), exact; the
    /// campaign's credit is the sum of its touches'.
    public func topDeals(campaignID: String, model name: String, window: ReportWindow, limit: Int) async throws -> TopDeals {
        guard let model = models.first(where: { $0.name == name }) else {
            throw BackendFailure("unknown attribution model \(name) (models: \(models.map(\.name).joined(separator: ", ")))")
        }
        let analysis = try currentAnalysis(zone: window.zone)
        let dataset = analysis.data.dataset
        guard dataset.campaigns.contains(where: { $0.id == campaignID }) else { throw BackendFailure("unknown campaign \(campaignID)") }
        let deals = windowPaths(analysis, window: window)
        let emails = Dictionary(dataset.contacts.map { ($0.id, $0.email) }, uniquingKeysWith: { first, _ in first })
        var credited: [DealCredit] = []
        for (deal, touches) in deals where touches.contains(where: { $0.campaignID == campaignID }) {
            let credits = analysis.credits(of: touches, deal: deal, model: model)
            let credit = zip(touches, credits).reduce(Decimal(0)) { $0 + ($1.0.campaignID == campaignID ? $1.1 : 0) }
            guard credit > 0, let close = deal.closeDate else { continue }
            credited.append(DealCredit(
                dealID: deal.id, dealName: deal.name, amount: deal.amount, closedAt: close, credit: credit,
                touches: zip(touches, credits).map { touch, credit in
                    DealTouch(time: touch.time, contactID: touch.contactID, contactEmail: emails[touch.contactID] ?? nil,
                              eventType: touch.type, campaignID: touch.campaignID,
                              positions: TouchPosition.allCases.filter(touch.positions.contains), credit: credit)
                }))
        }
        credited.sort { $0.credit != $1.credit ? $0.credit > $1.credit : $0.dealID < $1.dealID }
        return TopDeals(deals: Array(credited.prefix(max(0, limit))), dealCount: credited.count)
    }

    /// The closed-won deals of the window that have a touch, with their touches; kept for the window.
    private func windowPaths(_ analysis: Analysis, window: ReportWindow) -> [(deal: Deal, touches: [Touch])] {
        if let paths, paths.window == window { return paths.deals }
        // `touches(ofDeal:)` looks the deal up by id: one scan of the deals per deal.
        let deals = analysis.data.dataset.deals.compactMap { deal -> (deal: Deal, touches: [Touch])? in
            guard deal.stage == .closedWon, let close = deal.closeDate, window.contains(close) else { return nil }
            let touches = analysis.touches(ofDeal: deal)
            return touches.isEmpty ? nil : (deal, touches)
        }
        paths = (window, deals)
        return deals
    }

    public func dataVersion() async throws -> Int64 {
        Int64(try store.dataVersion())
    }
}

/// Passes the store's long-wait notice to the edit being made (the store tells
/// its handler, given once when it is opened; the edit changes with each call).
private final class WaitRelay: Sendable {
    private let current = Mutex<(@Sendable () -> Void)?>(nil)

    /// Runs `body` with `handler` told of a long wait meanwhile.
    func telling<T>(_ handler: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        current.withLock { $0 = handler }
        defer { current.withLock { $0 = nil } }
        return try body()
    }

    func notify() { current.withLock { $0 }?() }
}
