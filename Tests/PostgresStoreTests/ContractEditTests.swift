import CampaignKit
import CampaignStore
import Foundation
import Synchronization
import Testing
@testable import PostgresStore

/// #16 the store's contract on both backends: the same edits, undos, archivings, Salesforce
/// rules and revision checks give the same answers, the same refusals and the same rows on
/// SQLite and on PostgreSQL; races on one name (R1) and one asset (R7) leave one winner.
struct ContractEditTests {
    static let day = Instant(iso8601: "2024-07-01T00:00:00Z")!
    static func at(_ hours: Int64) -> Instant { Instant(microseconds: day.microseconds + hours * 3_600_000_000) }

    /// Each step's answer (or refusal) in words, on a store holding `TestData.base`.
    static func script(_ store: any Store, _ folder: TestFolder) -> [String] {
        var answers: [String] = []
        func step(_ what: String, _ body: () throws -> Any) {
            do { answers.append("\(what): \(try body())") } catch { answers.append("\(what) refused: \(error)") }
        }
        step("create") { try store.createCampaign(NewCampaign(name: "Autumn Push"), now: at(1)) }
        step("create R1 same name") { try store.createCampaign(NewCampaign(name: " autumn push "), now: at(1)) }
        var rename: RenameResult?
        step("rename") { rename = try store.renameCampaign(.id("c2"), to: "Summer Deals", now: at(2)); return rename! }
        step("rename R1 taken") { try store.renameCampaign(.id("c2"), to: "Spring Launch", now: at(2)) }
        step("undo rename, stale revision") {
            try store.undoRename(.id("c2"), expecting: Revision.campaign(id: "c2", lastName: 0, lastUtmValue: 0))
        }
        step("undo rename") { try store.undoRename(.id("c2"), expecting: rename!.revisions.after) }
        var moved: AssociateResult?
        step("associate R7 move") { moved = try store.associate(assetID: "a1", with: .id("c1"), now: at(3)); return moved! }
        step("associate R7 already there") { try store.associate(assetID: "a1", with: .id("c1"), now: at(3)) }
        step("associate workflow in two") { try store.associate(assetID: "a4", with: .id("c3"), now: at(3)) }
        step("undo associate") {
            try store.undoAssociate(assetID: "a1", with: .id("c1"), movedFrom: .id("c2"), expecting: moved!.revisions.after, now: at(4))
        }
        step("dissociate") { try store.dissociate(assetID: "a4", from: .id("c1"), now: at(5)) }
        step("dissociate not there") { try store.dissociate(assetID: "a5", from: .id("c1"), now: at(5)) }
        step("tracking URL") {
            try store.buildTrackingURL(for: .id("c1"), pageURL: "https://example.com/pricing", source: "news", medium: "email", now: at(6))
        }
        step("attach alias") { try store.attachUtmValue("spring-promo", to: .id("c1"), now: at(6)) }
        step("attach R4 taken") { try store.attachUtmValue("summer-promo", to: .id("c1"), now: at(6)) }
        step("archive") { try store.archiveCampaign(.id("c3"), now: at(7)) }
        step("archive twice") { try store.archiveCampaign(.id("c3"), now: at(7)) }
        step("unarchive") { try store.unarchiveCampaign(.id("c3"), now: at(8)) }
        step("delete used") { try store.deleteCampaign(.id("c1")) }
        step("delete unused") { try store.deleteCampaign(.idOrName("Autumn Push")) }
        step("rule") { try store.addSalesforceRule(assetID: "a2", salesforceCampaignID: "sf7", status: "Responded", now: at(9)) }
        step("rule twice") { try store.addSalesforceRule(assetID: "a2", salesforceCampaignID: "sf7", status: nil, now: at(9)) }
        step("rule on a page") { try store.addSalesforceRule(assetID: "a1", salesforceCampaignID: "sf7", status: nil, now: at(9)) }
        step("rule removed") { try store.removeSalesforceRule(assetID: "a2", salesforceCampaignID: "sf2", now: at(10)) }
        step("rules") { try store.salesforceRules(includingRemoved: true) }
        step("additions") { try store.salesforceAdditions() }
        step("memberships") { try store.salesforceMemberships(ofContact: "k1") }
        step("members import") {
            folder.write(["members.csv": "ContactId,Email,CampaignId,Status\nk2,bob@example.com,sf8,Sent\n"])
            return try store.importSalesforceMembers(folder.data.appendingPathComponent("members.csv").path, now: at(11))
        }
        step("export") {
            try store.exportSalesforceAdditions(to: folder.root.appendingPathComponent("out.csv").path, all: true, now: at(12))
        }
        step("campaigns") { try store.campaigns() }
        step("#17 outline") { try store.outline() }
        return answers
    }

    @Test("#16 edits, undo, archive, Salesforce rules and revisions: the same answers, refusals and rows on both stores")
    func sameAnswers() throws {
        var answers: [StoreKind: [String]] = [:]
        var rows: [StoreKind: [String: [[SQLValue]]]] = [:]
        var datasets: [StoreKind: Dataset] = [:]
        // One folder for both, as the store records the folders imported.
        let folder = TestFolder()
        for kind in StoreKind.allCases {
            let test = try TestStore(kind, folder: folder)
            test.folder.write(TestData.base)
            try test.importData()
            let store = try test.open()
            defer { try? store.close() }
            answers[kind] = Self.script(store, test.folder)
            rows[kind] = try StoreCopyTests.rows(store)
            datasets[kind] = try store.loadDataset()
        }
        let sqlite = answers[.sqlite]!, postgres = answers[.postgres]!
        #expect(sqlite.count == postgres.count)
        for (a, b) in zip(sqlite, postgres) { #expect(a == b) }
        #expect(sqlite.filter { $0.contains(" refused: ") }.count == 10, "\(sqlite)")
        for table in StoreCopy.tables.map(\.name) { #expect(rows[.sqlite]![table] == rows[.postgres]![table], "\(table)") }
        #expect(sameData(datasets[.sqlite]!, datasets[.postgres]!))
    }

    /// Runs `racers` copies of `attempt` at once, each on a store of its own; returns their outcomes.
    static func race(_ test: TestStore, racers: Int = 8, _ attempt: @escaping @Sendable (any Store, Int) throws -> Void) async throws -> [Result<Void, any Error>] {
        let stores = try (0..<racers).map { _ in try test.open() }
        defer { for store in stores { try? store.close() } }
        return try await offThePool { race(stores, attempt) }
    }

    private static func race(_ stores: [any Store], _ attempt: @escaping @Sendable (any Store, Int) throws -> Void) -> [Result<Void, any Error>] {
        let results = Mutex<[Result<Void, any Error>]>([])
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for (i, store) in stores.enumerated() {
            DispatchQueue.global().async(group: group) {
                start.wait()
                let result = Result { try attempt(store, i) }
                results.withLock { $0.append(result) }
            }
        }
        for _ in stores { start.signal() }
        group.wait()
        return results.withLock { $0 }
    }

    /// A loser's refusal: one line, the rule's words, never the database's own.
    static func checkLoser(_ error: any Error) {
        let line = "\(error)"
        #expect(!line.contains("\n") && !line.contains("PSQLError") && !line.contains("SQLite error") && !line.contains("duplicate key"), "\(line)")
    }

    @Test("#16 R1 eight people create a campaign of the same name at once: one wins, the others are told why in one line", arguments: StoreKind.allCases)
    func nameRace(kind: StoreKind) async throws {
        let test = try TestStore(kind)
        test.folder.write(TestData.base)
        try test.importData()
        let results = try await Self.race(test) { store, _ in _ = try store.createCampaign(NewCampaign(name: "Black Friday"), now: Self.day) }
        let losers = results.compactMap { result -> (any Error)? in if case .failure(let e) = result { e } else { nil } }
        #expect(losers.count == 7)
        for loser in losers {
            Self.checkLoser(loser)
            #expect((loser as? RuleViolation)?.rule == "R1", "\(loser)")
        }
        #expect(try test.open().campaigns().filter { $0.name == "Black Friday" }.count == 1)
    }

    @Test("#16 R7 eight people move one asset, each to another campaign, from the state they saw: one wins, the others are told it changed", arguments: StoreKind.allCases)
    func assetRace(kind: StoreKind) async throws {
        let test = try TestStore(kind)
        test.folder.write(TestData.base)
        try test.importData()
        let setup = try test.open()
        let targets = try (0..<8).map { try setup.createCampaign(NewCampaign(name: "Target \($0)"), now: Self.day).id }
        let seen = try setup.associate(assetID: "a2", with: .id("c1"), now: Self.day).revisions.after
        try setup.close()
        let results = try await Self.race(test) { store, i in
            _ = try store.associate(assetID: "a2", with: .id(targets[i]), now: Self.at(1), expecting: seen)
        }
        let losers = results.compactMap { result -> (any Error)? in if case .failure(let e) = result { e } else { nil } }
        #expect(losers.count == 7)
        for loser in losers {
            Self.checkLoser(loser)
            guard case .changedSinceEdit? = loser as? StoreError else { Issue.record("\(loser)"); continue }
        }
        let open = try test.open().loadDataset().associations.filter { $0.assetID == "a2" && $0.isOpen }
        #expect(open.count == 1 && targets.contains(open[0].campaignID))
    }

    @Test("#16 R7 held by PostgreSQL itself: an overlapping interval written past the rules is one line in the rule's words")
    func exclusionConstraint() throws {
        let test = try TestStore(.postgres)
        test.folder.write(TestData.base)
        try test.importData()
        let store = try test.open() as! PostgresStore
        defer { try? store.close() }
        #expect(throws: StoreError.conflict(store: store.label, rule: "the asset would be in two campaigns at once (R7)")) {
            try store.write { db in
                try db.exec("INSERT INTO associations (asset_id, campaign_id, associated_at) VALUES ('a1', 'c3', ?)", [Self.day.microseconds])
            }
        }
        #expect(throws: StoreError.conflict(store: store.label, rule: "another campaign has that name (R1)")) {
            try store.write { db in
                try db.exec("UPDATE campaigns SET name_key = 'summer sale' WHERE id = 'c1'")
            }
        }
    }
}
