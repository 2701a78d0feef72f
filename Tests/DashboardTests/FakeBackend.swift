import Foundation
import Synchronization
import Attribution
import CampaignKit
@testable import Dashboard

/// An in-memory store and engine: keeps the fixtures' campaigns and asset
/// associations, applies edits to them, and records every call. Each campaign
/// and asset has a revision that every change to it moves, as the store's do,
/// and an edit that expects another revision is refused.
actor FakeBackend: DashboardBackend {
    struct Refusal: Error, CustomStringConvertible { var description: String }

    /// What reports did, readable without awaiting the actor (a loop test's checks are synchronous).
    final class Probe: Sendable {
        private let counts = Mutex((started: 0, cancelled: 0))
        var started: Int { counts.withLock { $0.started } }
        var cancelled: Int { counts.withLock { $0.cancelled } }
        func start() { counts.withLock { $0.started += 1 } }
        func cancel() { counts.withLock { $0.cancelled += 1 } }
    }

    nonisolated let probe = Probe()
    /// Reports take this long (a cancelled one gives up at once).
    private var reportDelay: Duration?
    private(set) var calls: [String] = []
    private(set) var version: Int64 = 1
    var campaigns: [CampaignReport]
    var listings: [AssetListing]
    var refuseEdits: String?
    /// Edits wait this long "for another writer" (after saying so) before they are made.
    var lockWait: Duration?
    /// Changes made to each campaign ("campaign c1") and asset ("asset a6").
    private var changes: [String: Int64] = [:]
    /// Each campaign's names before its renames, with their utm values, the latest last.
    private var earlierNames: [String: [(name: String, utm: String)]] = [:]

    init(report: Report = Fixtures.report(), assets: [AssetListing] = Fixtures.assets) {
        campaigns = report.campaigns
        listings = assets
    }

    func refuse(with message: String?) { refuseEdits = message }

    func setReportDelay(_ delay: Duration?) { reportDelay = delay }

    /// #17: what `recalledReport` answers, as if an earlier dashboard had remembered it.
    private var remembered: Report?
    func remember(_ report: Report?) { remembered = report }
    func recalledReport(for request: ReportRequest) async -> Report? { remembered }

    /// #17: whether `campaignOutline` lists the campaigns (as the store would, without a
    /// number) or answers nil, as a backend without a quicker way than the report does.
    private var outlines = false
    func setOutlines(_ on: Bool) { outlines = on }
    func campaignOutline() async throws -> [CampaignOutline]? {
        guard outlines else { return nil }
        calls.append("outline")
        return campaigns.map(Fixtures.outline)
    }

    func report(for request: ReportRequest) async throws -> Report {
        probe.start()
        if let reportDelay {
            do { try await Task.sleep(for: reportDelay) } catch {
                probe.cancel()
                throw error
            }
        }
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
        return campaigns.map { CampaignListing(id: $0.id, name: $0.name, utmCampaign: $0.utmCampaign, archived: $0.archivedAt != nil) }
    }

    func setLockWait(_ wait: Duration?) { lockWait = wait }

    func perform(_ edit: Edit, expected: Revision?, whileWaiting: @escaping @Sendable () -> Void) async throws -> EditOutcome {
        if let lockWait {
            whileWaiting()
            try await Task.sleep(for: lockWait)
        }
        switch edit {
        case .associate(let asset, let campaign):
            return try change("associate \(asset) \(campaign)", asset: asset, expected: expected) {
                associate(asset, campaign)
            }
        case .dissociate(let asset, let campaign):
            return try change("dissociate \(asset) \(campaign)", asset: asset, expected: expected) {
                dissociate(asset, campaign)
            }
        case .createCampaign(let name):
            try record("create \(name)")
            let id = "c\(campaigns.count + 1)"
            campaigns.append(CampaignReport(id: id, name: name, utmCampaign: Slug.make(name), utmAliases: [], inAnalytics: true,
                                            startDate: nil, endDate: nil, createdAt: Fixtures.now, sessions: 0, influencedContacts: 0,
                                            newContactsFirstTouch: 0, newContactsLastTouch: 0, influencedDeals: 0,
                                            influencedRevenue: 0, assets: [], sessionsByDay: []))
            return EditOutcome(createdCampaignID: id)
        case .rename(let id, let name):
            return try change("rename \(id) \(name)", campaign: id, expected: expected) { rename(id, name) }
        case .attachAlias(let value, let id):
            return try change("alias \(value) \(id)", campaign: id, expected: expected) {}
        case .archive(let id):
            try record("archive \(id)")
            setArchived(id, at: Fixtures.now)
        case .unarchive(let id):
            try record("unarchive \(id)")
            setArchived(id, at: nil)
        case .deleteCampaign(let id):
            try record("delete \(id)")
            campaigns.removeAll { $0.id == id }
        case .undoRename(let id):
            return try change("undo rename \(id)", campaign: id, expected: expected) { undoRename(id) }
        case .buildTrackingURL(let id, let page, let source, let medium, _, _):
            try record("url \(id) \(page) \(source) \(medium)")
            return EditOutcome(url: page + "?utm_source=\(source)&utm_medium=\(medium)&utm_campaign=" + (campaigns.first { $0.id == id }?.utmCampaign ?? ""))
        case .undoAssociate(let asset, let campaign, let movedFrom):
            return try change("undo associate \(asset) \(campaign)" + (movedFrom.map { " from \($0)" } ?? ""), asset: asset,
                              expected: expected) {
                dissociate(asset, campaign)
                if let movedFrom { associate(asset, movedFrom) }
            }
        }
        return EditOutcome()
    }

    /// Another process renames a campaign, behind the dashboard's back.
    func otherWriterRenames(_ id: String, to name: String) {
        rename(id, name)
        bump("campaign \(id)")
    }

    /// Another process moves an asset into a campaign.
    func otherWriterAssociates(_ asset: String, with campaign: String) {
        associate(asset, campaign)
        bump("asset \(asset)")
    }

    private func record(_ call: String) throws {
        calls.append(call)
        if let refuseEdits { throw Refusal(description: refuseEdits) }
        version += 1
    }

    private func revision(_ key: String) -> Revision {
        let (kind, id) = (key.split(separator: " ")[0], String(key.split(separator: " ")[1]))
        let n = changes[key, default: 0]
        return kind == "campaign" ? .campaign(id: id, lastName: n, lastUtmValue: 0) : .asset(id: id, lastInterval: n, closedIntervals: 0)
    }

    private func bump(_ key: String) {
        changes[key, default: 0] += 1
        version += 1
    }

    private func change(_ call: String, campaign: String? = nil, asset: String? = nil, expected: Revision?,
                        _ apply: () -> Void) throws -> EditOutcome {
        let key = campaign.map { "campaign \($0)" } ?? "asset \(asset!)"
        let before = revision(key)
        if let expected, expected != before {
            calls.append(call + " (refused)")
            throw Refusal(description: "\(key) changed since your edit")
        }
        try record(call)
        apply()
        changes[key, default: 0] += 1
        return EditOutcome(revisions: RevisionChange(before: before, after: revision(key)))
    }

    private func associate(_ asset: String, _ campaign: String) {
        guard let i = listings.firstIndex(where: { $0.id == asset }) else { return }
        listings[i].campaignIDs = listings[i].type.allowsManyCampaigns ? listings[i].campaignIDs + [campaign] : [campaign]
    }

    private func dissociate(_ asset: String, _ campaign: String) {
        guard let i = listings.firstIndex(where: { $0.id == asset }) else { return }
        listings[i].campaignIDs.removeAll { $0 == campaign }
    }

    private func rename(_ id: String, _ name: String) {
        guard let i = campaigns.firstIndex(where: { $0.id == id }) else { return }
        earlierNames[id, default: []].append((campaigns[i].name, campaigns[i].utmCampaign))
        campaigns[i].utmAliases.append(campaigns[i].utmCampaign)
        campaigns[i].name = name
        campaigns[i].utmCampaign = Slug.make(name)
    }

    /// The latest rename taken back, as the store's undo does when nothing used the new value.
    private func undoRename(_ id: String) {
        guard let i = campaigns.firstIndex(where: { $0.id == id }), let earlier = earlierNames[id]?.popLast() else { return }
        campaigns[i].name = earlier.name
        campaigns[i].utmCampaign = earlier.utm
        campaigns[i].utmAliases.removeAll { $0 == earlier.utm }
    }

    private func setArchived(_ id: String, at instant: Instant?) {
        guard let i = campaigns.firstIndex(where: { $0.id == id }) else { return }
        campaigns[i].archivedAt = instant
    }

    func explain(_ subject: ExplainSubject, window: ReportWindow) async throws -> [String] {
        calls.append("explain \(subject)")
        return ["Answer for \(subject)"]
    }

    func topDeals(campaignID: String, model: String, window: ReportWindow, limit: Int) async throws -> TopDeals {
        calls.append("topDeals \(campaignID) \(model) \(window.rangeText(arrow: ">")) \(limit)")
        return Fixtures.topDeals
    }

    /// While set, reading the data version fails as a lost server's does.
    private var outage: String?

    /// The store's server goes away (a reason) or comes back (nil).
    func setOutage(_ reason: String?) { outage = reason }

    func dataVersion() async throws -> Int64 {
        if let outage { throw Refusal(description: outage) }
        return version
    }
}
