import Attribution
import CampaignKit
import CampaignStore
import Dashboard
import DashboardService
import Foundation
import Testing

/// The dashboard's backend on a real store (the demo company), against the engine's
/// own answers: what the dashboard shows is what `utmost report` and `explain` say.
@Suite("The dashboard's backend on a store")
struct StoreBackendTests {
    static let asOf = Instant(iso8601: "2026-11-29T00:00:00Z")!
    static let utc = TimeZone(identifier: "UTC")!
    static var sampleData: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sample-data").path
    }

    let folder: URL
    let path: String
    let backend: StoreBackend

    init() throws {
        (folder, path) = try Self.sampleStore("store-backend")
        backend = try StoreBackend(path: path, clock: { Self.asOf })
    }

    /// A new folder (its name starting with `prefix`) holding `store.sqlite`, the sample data imported as of `asOf`.
    static func sampleStore(_ prefix: String) throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        try CampaignStore.importFolder(sampleData, intoStoreAt: path, now: asOf)
        return (folder, path)
    }

    /// Imports `csv` (a header and rows) as the events.csv of a new folder `name` inside `folder`
    /// into `store`, as another process would.
    static func importEvents(_ csv: String, from folder: URL, named name: String, into store: CampaignStore) throws {
        let events = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: events, withIntermediateDirectories: true)
        try Data(csv.utf8).write(to: events.appendingPathComponent("events.csv"))
        try store.importFolder(events.path, now: asOf)
    }

    /// The engine's report straight from the store, as `utmost report` makes it.
    func engineReport(_ window: ReportWindow, segment: String? = nil) throws -> Report {
        let store = try CampaignStore(path: path)
        defer { try? store.close() }
        return Analysis(CompiledData(try store.loadDataset()), asOf: Self.asOf, zone: window.zone)
            .report(window: window, segment: segment, now: Self.asOf)
    }

    @Test("R14 R18 the report for a window is the engine's report, with and without a segment (R20)")
    func report() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let window = ReportWindow(from: CalendarDate(iso8601: "2023-03-01"), to: CalendarDate(iso8601: "2023-12-31"), zone: Self.utc)
        let fromBackend = try await backend.report(for: ReportRequest(window: window, segment: nil))
        #expect(ReportFormatter.json(fromBackend) == ReportFormatter.json(try engineReport(window)))
        let segments = try await backend.segments()
        let segment = try #require(segments.first)
        let segmented = try await backend.report(for: ReportRequest(window: window, segment: segment.id))
        #expect(ReportFormatter.json(segmented) == ReportFormatter.json(try engineReport(window, segment: segment.id)))
    }

    @Test("#17 after another process appends later events, then edits, the backend's report is the engine's on the whole store")
    func refreshAfterAppend() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let window = ReportWindow(zone: Self.utc)
        let first = try await backend.report(for: ReportRequest(window: window, segment: nil))
        let other = try CampaignStore(path: path)
        try Self.importEvents("""
            time,type,visitor_id,contact_id,url,asset_id
            2025-02-01T10:00:00Z,page_view,v00001,,https://www.tallybird.com/?utm_campaign=onboarding-nurture,
            2025-02-01T10:10:00Z,page_view,v00001,,https://www.tallybird.com/features/reports,
            2025-02-01T10:20:00Z,form_submission,v00002,k0002,https://www.tallybird.com/features/reports,a-form-spring
            2025-02-01T11:00:00Z,page_view,new-visitor,,https://www.tallybird.com/?utm_campaign=onboarding-nurture,

            """, from: folder, named: "more", into: other)
        let appended = try await backend.report(for: ReportRequest(window: window, segment: nil))
        #expect(ReportFormatter.json(appended) == ReportFormatter.json(try engineReport(window)))
        #expect(appended.campaigns.map(\.sessions) != first.campaigns.map(\.sessions))

        let asset = try #require(try other.loadDataset().assets.first { $0.type == .landingPage })
        let campaign = try #require(try other.campaigns().last)
        _ = try other.associate(assetID: asset.id, with: .id(campaign.id), now: Self.asOf)
        try other.close()
        let edited = try await backend.report(for: ReportRequest(window: window, segment: nil))
        #expect(ReportFormatter.json(edited) == ReportFormatter.json(try engineReport(window)))
    }

    @Test("#17 a write by another process that changes no data hands the same reports out again (a period's and its comparison's), not computed anew; appended events are computed")
    func unchangedDataKeepsTheReport() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let request = ReportRequest(window: ReportWindow(zone: Self.utc), segment: nil)
        let compared = ReportRequest(window: ReportWindow(from: CalendarDate(iso8601: "2023-03-01"), to: nil, zone: Self.utc))
        let first = try await backend.report(for: request)
        let firstCompared = try await backend.report(for: compared)
        #expect(await backend.computedReports == 2)
        let versionBefore = try await backend.dataVersion()
        // An import of no rows commits a transaction (its log line) and changes nothing a report reads.
        let other = try CampaignStore(path: path)
        defer { try? other.close() }
        try Self.importEvents("time,type,visitor_id,url\n", from: folder, named: "empty", into: other)
        #expect(try await backend.dataVersion() != versionBefore)
        let again = try await backend.report(for: request)
        let againCompared = try await backend.report(for: compared)
        #expect(await backend.computedReports == 2)
        #expect(ReportFormatter.json(again) == ReportFormatter.json(first))
        #expect(ReportFormatter.json(againCompared) == ReportFormatter.json(firstCompared))

        // Another request is computed; so is the same one once events were appended.
        let window = ReportWindow(from: CalendarDate(iso8601: "2024-01-01"), to: nil, zone: Self.utc)
        _ = try await backend.report(for: ReportRequest(window: window, segment: nil))
        #expect(await backend.computedReports == 3)
        try Self.importEvents("""
            time,type,visitor_id,url
            2025-02-01T10:00:00Z,page_view,v00001,https://www.tallybird.com/?utm_campaign=onboarding-nurture

            """, from: folder, named: "more", into: other)
        let appended = try await backend.report(for: request)
        #expect(await backend.computedReports == 4)
        #expect(ReportFormatter.json(appended) == ReportFormatter.json(try engineReport(request.window)))
        #expect(appended.campaigns.map(\.sessions) != first.campaigns.map(\.sessions))
    }

    @Test("R20 the segments are the Salesforce campaign ids among the contacts, with their member counts, largest first")
    func segments() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CampaignStore(path: path)
        let contacts = try store.loadDataset().contacts
        try store.close()
        let segments = try await backend.segments()
        #expect(!segments.isEmpty)
        for segment in segments {
            #expect(segment.members == contacts.filter { $0.salesforceCampaignIDs.contains(segment.id) }.count)
        }
        #expect(segments.map(\.members) == segments.map(\.members).sorted(by: >))
    }

    @Test("R14 a campaign's influenced contacts number what the report counts, each first influenced in the window")
    func contacts() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let window = ReportWindow(zone: Self.utc)
        let report = try engineReport(window)
        for campaign in report.campaigns {
            let listed = try await backend.contacts(campaignID: campaign.id, window: window, segment: nil, limit: 5)
            #expect(listed.total == campaign.influencedContacts, "\(campaign.id)")
            #expect(listed.contacts.count == min(5, campaign.influencedContacts))
        }
    }

    @Test("R18 a campaign's top deals add up to its credit under the model")
    func topDeals() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let window = ReportWindow(zone: Self.utc)
        let report = try engineReport(window)
        for model in ["linear", "first", "time_decay"] {
            for (campaign, credit) in report.attribution.models[model] ?? [:] where credit > 0 {
                let top = try await backend.topDeals(campaignID: campaign, model: model, window: window, limit: 1_000)
                let sum = top.deals.reduce(Decimal(0)) { $0 + $1.credit }
                #expect(abs(NSDecimalNumber(decimal: sum - credit).doubleValue) < 0.01, "\(model) \(campaign): \(sum) vs \(credit)")
                // Credits are exact until rounding; thirds and decays leave a remainder far below a cent.
                for deal in top.deals {
                    let touches = deal.touches.reduce(Decimal(0)) { $0 + $1.credit }
                    #expect(abs(NSDecimalNumber(decimal: touches - deal.amount).doubleValue) < 1e-9, "\(deal.dealID)")
                }
            }
        }
    }

    @Test("R7 the asset list gives every asset with its open associations; only workflows have more than one")
    func assets() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let assets = try await backend.assets()
        #expect(!assets.isEmpty)
        for asset in assets where asset.type != .workflow { #expect(asset.campaignIDs.count <= 1, "\(asset.id)") }
    }

    @Test("R3 an edit reaches the store, moves the data version, and the next report shows it")
    func edit() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try await backend.dataVersion()
        let outcome = try await backend.perform(.rename(campaignID: "c-spring", name: "Spring relaunch"), expected: nil, whileWaiting: {})
        #expect(outcome.revisions != nil)
        #expect(try await backend.dataVersion() != before)
        let report = try await backend.report(for: ReportRequest(window: ReportWindow(zone: Self.utc), segment: nil))
        let spring = try #require(report.campaigns.first { $0.id == "c-spring" })
        #expect(spring.name == "Spring relaunch")
        #expect(spring.utmAliases.contains("spring-launch"))
    }

    @Test("#12.7 an undo that expects a revision another writer has moved is refused, and nothing is written")
    func staleUndo() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let renamed = try await backend.perform(.rename(campaignID: "c-spring", name: "Spring relaunch"), expected: nil, whileWaiting: {})
        let other = try CampaignStore(path: path)
        _ = try other.renameCampaign("c-spring", to: "Someone else's name", now: Self.asOf)
        try other.close()
        let version = try await backend.dataVersion()
        await #expect(throws: StoreError.self) {
            try await backend.perform(.rename(campaignID: "c-spring", name: "Spring launch"), expected: renamed.revisions?.after, whileWaiting: {})
        }
        #expect(try await backend.dataVersion() == version)
    }

    @Test("R19 explaining an asset names it and says whether it is hidden (R9)")
    func explain() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try engineReport(ReportWindow(zone: Self.utc))
        let campaign = try #require(report.campaigns.first { $0.assets.contains { $0.hiddenReason != nil } })
        let hidden = try #require(campaign.assets.first { $0.hiddenReason != nil })
        let lines = try await backend.explain(.asset(assetID: hidden.id, campaignID: campaign.id), window: ReportWindow(zone: Self.utc))
        #expect(lines.first?.contains(hidden.id) == true)
        #expect(lines.contains { $0.contains("Hidden") })
    }

    @Test("#14 §8 archive, unarchive and delete through the backend: the listing marks archived campaigns, the report keeps their numbers")
    func archiveAndDelete() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let window = ReportWindow(zone: Self.utc)
        let before = try await backend.report(for: ReportRequest(window: window, segment: nil))
        _ = try await backend.perform(.archive(campaignID: "c-spring"), expected: nil, whileWaiting: {})
        #expect(try await backend.campaigns().filter(\.archived).map(\.id) == ["c-spring"])
        var archived = try await backend.report(for: ReportRequest(window: window, segment: nil))
        #expect(archived.campaigns.first { $0.id == "c-spring" }?.archivedAt == Self.asOf)
        archived.campaigns = archived.campaigns.map { var c = $0; c.archivedAt = nil; return c }
        #expect(archived == before, "archiving changes no number")
        _ = try await backend.perform(.unarchive(campaignID: "c-spring"), expected: nil, whileWaiting: {})
        #expect(try await backend.campaigns().filter(\.archived).isEmpty)

        let created = try await backend.perform(.createCampaign(name: "Made by mistake"), expected: nil, whileWaiting: {})
        let id = try #require(created.createdCampaignID)
        _ = try await backend.perform(.deleteCampaign(campaignID: id), expected: nil, whileWaiting: {})
        #expect(try await backend.campaigns().map(\.id).contains(id) == false)
        await #expect(throws: RuleViolation.self) {
            try await backend.perform(.deleteCampaign(campaignID: "c-spring"), expected: nil, whileWaiting: {})
        }
    }

    @Test("#14 the backend names campaigns by id: a campaign named like another's id is no ambiguity there")
    func campaignsByID() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await backend.perform(.createCampaign(name: "c-ads"), expected: nil, whileWaiting: {})
        _ = try await backend.perform(.rename(campaignID: "c-ads", name: "Google Ads"), expected: nil, whileWaiting: {})
        let names = Dictionary(uniqueKeysWithValues: try await backend.campaigns().map { ($0.id, $0.name) })
        #expect(names["c-ads"] == "Google Ads" && names.values.contains("c-ads"))
    }

    @Test("#14 R3 R7 undo through the backend: a rename and a move taken back leave the store as before")
    func undo() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CampaignStore(path: path)
        defer { try? store.close() }
        let before = try store.loadDataset()
        let reportBefore = ReportFormatter.json(try engineReport(ReportWindow(zone: Self.utc)))

        let rename = try await backend.perform(.rename(campaignID: "c-partner", name: "G2 reviews"), expected: nil, whileWaiting: {})
        let undone = try await backend.perform(.undoRename(campaignID: "c-partner"), expected: rename.revisions?.after, whileWaiting: {})
        #expect(undone.note == nil, "g2-reviews was only seen before the rename: it is unlinked again")
        #expect(undone.revisions == rename.revisions.map { RevisionChange(before: $0.after, after: $0.before) })

        let asset = try #require(try await backend.assets().first { $0.type != .workflow && $0.campaignIDs == ["c-spring"] })
        let move = try await backend.perform(.associate(assetID: asset.id, campaignID: "c-partner"), expected: nil, whileWaiting: {})
        let back = try await backend.perform(.undoAssociate(assetID: asset.id, campaignID: "c-partner", movedFrom: "c-spring"),
                                             expected: move.revisions?.after, whileWaiting: {})
        #expect(back.note == nil)
        let after = try store.loadDataset()
        #expect(after.campaigns == before.campaigns && after.associations == before.associations)
        #expect(ReportFormatter.json(try engineReport(ReportWindow(zone: Self.utc))) == reportBefore)

        await #expect(throws: BackendFailure.self, "an undo is a compare-and-swap: it needs its revision") {
            try await backend.perform(.undoRename(campaignID: "c-partner"), expected: nil, whileWaiting: {})
        }
    }

    @Test("#14 R3 R6 an undone rename whose value a tracking URL carries keeps it, and the outcome says why")
    func undoKeepsValue() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let rename = try await backend.perform(.rename(campaignID: "c-partner", name: "Partner relaunch"), expected: nil, whileWaiting: {})
        let other = try CampaignStore(path: path)
        let built = try other.buildTrackingURL(for: "c-partner", pageURL: "https://example.com/p", source: "news", medium: "email", now: Self.asOf)
        try other.close()
        let undone = try await backend.perform(.undoRename(campaignID: "c-partner"), expected: rename.revisions?.after, whileWaiting: {})
        #expect(undone.note == "partner-relaunch stays attached as an alias: the URL of asset \(built.asset.id) (“Partner relaunch: news / email”) carries it")
        let partner = try #require(try await backend.campaigns().first { $0.id == "c-partner" })
        #expect(partner.name == "Partner program" && partner.utmCampaign == "partner-program")
    }
}
