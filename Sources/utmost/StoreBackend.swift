import Attribution
import CampaignKit
import CampaignStore
import Dashboard
import Foundation

/// The dashboard's view of the world: edits go to the store, numbers come from
/// the engine. The compiled data is kept until the store's data version moves,
/// so changing the window only recounts; the rules are rerun when the data, the
/// zone, or a scheduled social post's publication (R9) changes them.
actor StoreBackend: DashboardBackend {
    private let store: CampaignStore
    private let clock: @Sendable () -> Instant
    private var compiled: (version: Int, data: CompiledData)?
    private var analysis: (version: Int, zone: TimeZone, analysis: Analysis)?

    init(store: CampaignStore, clock: @escaping @Sendable () -> Instant) {
        self.store = store
        self.clock = clock
    }

    private func currentAnalysis(zone: TimeZone) throws -> Analysis {
        let version = try store.dataVersion()
        let now = clock()
        if let a = analysis, a.version == version, a.zone == zone, a.analysis.holds(at: now) { return a.analysis }
        let data: CompiledData
        if let c = compiled, c.version == version { data = c.data } else {
            data = CompiledData(try store.loadDataset())
            compiled = (version, data)
        }
        let fresh = Analysis(data, asOf: now, zone: zone)
        analysis = (version, zone, fresh)
        return fresh
    }

    func report(for window: ReportWindow) async throws -> Report {
        try currentAnalysis(zone: window.zone).report(window: window, now: clock())
    }

    func assets() async throws -> [AssetListing] {
        let dataset = try currentAnalysis(zone: analysis?.zone ?? TimeZone(identifier: "UTC")!).data.dataset
        var open: [String: [String]] = [:]
        for a in dataset.associations where a.isOpen { open[a.assetID, default: []].append(a.campaignID) }
        return dataset.assets.map { AssetListing(id: $0.id, name: $0.name, type: $0.type, campaignIDs: open[$0.id] ?? []) }
    }

    func campaigns() async throws -> [CampaignListing] {
        try store.campaigns().map { CampaignListing(id: $0.id, name: $0.name, utmCampaign: $0.utm.value) }
    }

    func associate(assetID: String, campaignID: String) async throws {
        _ = try store.associate(assetID: assetID, with: campaignID, now: clock())
    }

    func dissociate(assetID: String, campaignID: String) async throws {
        _ = try store.dissociate(assetID: assetID, from: campaignID, now: clock())
    }

    func createCampaign(name: String) async throws -> String {
        try store.createCampaign(NewCampaign(name: name), now: clock()).id
    }

    func renameCampaign(id: String, to name: String) async throws {
        _ = try store.renameCampaign(id, to: name, now: clock())
    }

    func attachAlias(_ value: String, toCampaign id: String) async throws {
        _ = try store.attachUtmValue(value, to: id, now: clock())
    }

    func explain(_ subject: ExplainSubject, window: ReportWindow) async throws -> [String] {
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

    func dataVersion() async throws -> Int64 {
        Int64(try store.dataVersion())
    }
}
