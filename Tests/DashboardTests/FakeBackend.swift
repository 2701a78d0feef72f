import Foundation
import Attribution
import CampaignKit
@testable import Dashboard

/// An in-memory store and engine: keeps the fixtures' campaigns and asset
/// associations, applies edits to them, and records every call.
actor FakeBackend: DashboardBackend {
    struct Refusal: Error, CustomStringConvertible { var description: String }

    private(set) var calls: [String] = []
    private(set) var version: Int64 = 1
    var campaigns: [CampaignReport]
    var listings: [AssetListing]
    var refuseEdits: String?

    init(report: Report = Fixtures.report(), assets: [AssetListing] = Fixtures.assets) {
        campaigns = report.campaigns
        listings = assets
    }

    func refuse(with message: String?) { refuseEdits = message }

    func report(for window: ReportWindow) async throws -> Report {
        calls.append("report \(window.rangeText(arrow: ">"))")
        var report = Fixtures.report(window: window)
        report.campaigns = campaigns
        return report
    }

    func assets() async throws -> [AssetListing] { calls.append("assets"); return listings }

    func campaigns() async throws -> [CampaignListing] {
        calls.append("campaigns")
        return campaigns.map { CampaignListing(id: $0.id, name: $0.name, utmCampaign: $0.utmCampaign) }
    }

    private func edit(_ call: String) throws {
        calls.append(call)
        if let refuseEdits { throw Refusal(description: refuseEdits) }
        version += 1
    }

    func associate(assetID: String, campaignID: String) async throws {
        try edit("associate \(assetID) \(campaignID)")
        guard let i = listings.firstIndex(where: { $0.id == assetID }) else { return }
        listings[i].campaignIDs = listings[i].type.allowsManyCampaigns ? listings[i].campaignIDs + [campaignID] : [campaignID]
    }

    func dissociate(assetID: String, campaignID: String) async throws {
        try edit("dissociate \(assetID) \(campaignID)")
        guard let i = listings.firstIndex(where: { $0.id == assetID }) else { return }
        listings[i].campaignIDs.removeAll { $0 == campaignID }
    }

    func createCampaign(name: String) async throws -> String {
        try edit("create \(name)")
        let id = "c\(campaigns.count + 1)"
        campaigns.append(CampaignReport(id: id, name: name, utmCampaign: Slug.make(name), utmAliases: [], inAnalytics: true,
                                        startDate: nil, endDate: nil, createdAt: Fixtures.now, sessions: 0, influencedContacts: 0,
                                        newContactsFirstTouch: 0, newContactsLastTouch: 0, influencedDeals: 0,
                                        influencedRevenue: 0, assets: [], sessionsByDay: []))
        return id
    }

    func renameCampaign(id: String, to name: String) async throws {
        try edit("rename \(id) \(name)")
        guard let i = campaigns.firstIndex(where: { $0.id == id }) else { return }
        campaigns[i].utmAliases.append(campaigns[i].utmCampaign)
        campaigns[i].name = name
        campaigns[i].utmCampaign = Slug.make(name)
    }

    func attachAlias(_ value: String, toCampaign id: String) async throws {
        try edit("alias \(value) \(id)")
    }

    func explain(_ subject: ExplainSubject, window: ReportWindow) async throws -> [String] {
        calls.append("explain \(subject)")
        return ["Answer for \(subject)"]
    }

    func topDeals(campaignID: String, model: String, window: ReportWindow, limit: Int) async throws -> TopDeals {
        calls.append("topDeals \(campaignID) \(model) \(window.rangeText(arrow: ">")) \(limit)")
        return Fixtures.topDeals
    }

    func dataVersion() async throws -> Int64 { version }
}
