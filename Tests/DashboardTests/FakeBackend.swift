import Widgets
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

    func report(for request: ReportRequest) async throws -> Report {
        let window = request.window
        calls.append("report \(window.rangeText(arrow: ">"))" + (request.segment.map { " segment \($0)" } ?? ""))
        var report = Fixtures.report(window: window)
        report.campaigns = campaigns
        // R20: the segment's share of the contact-based metrics, as the engine would count it.
        if let segment = request.segment, let counts = Fixtures.segmentCounts[segment] {
            for i in report.campaigns.indices {
                let c = counts[report.campaigns[i].id] ?? (0, 0, 0)
                report.campaigns[i].influencedContacts = c.0
                report.campaigns[i].newContactsFirstTouch = min(c.1, report.campaigns[i].newContactsFirstTouch)
                report.campaigns[i].newContactsLastTouch = min(c.1, report.campaigns[i].newContactsLastTouch)
                report.campaigns[i].influencedDeals = c.2
            }
        }
        return report
    }

    func segments() async throws -> [SegmentListing] { calls.append("segments"); return Fixtures.segments }

    func contacts(campaignID: String, window: ReportWindow, segment: String?, limit: Int) async throws -> CampaignContacts {
        calls.append("contacts \(campaignID) \(window.rangeText(arrow: ">")) \(segment ?? "all") \(limit)")
        let all = Fixtures.contacts.filter { segment == nil || $0.salesforceCampaignIDs.contains(segment!) }
        return CampaignContacts(contacts: Array(all.prefix(limit)), total: all.count)
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
