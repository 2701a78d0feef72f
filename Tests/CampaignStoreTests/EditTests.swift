import CampaignKit
import Foundation
import GRDB
import Synchronization
import Testing
@testable import CampaignStore

/// Edits against a store holding `TestData.base`, each checked again after reopening.
struct EditTests {
    let t: TestFolder
    let t1 = TestData.afterBase.0, t2 = TestData.afterBase.1, t3 = TestData.afterBase.2

    init() throws { t = try .holdingBase() }

    @Test("R1 create trims the name and refuses one taken in another case, naming the holder")
    func createNames() throws {
        let store = try t.open()
        let c = try store.createCampaign(NewCampaign(name: "  Autumn  ", color: "Bright-Red"), now: t1)
        #expect(c.id == "c4" && c.name == "Autumn" && c.color == "bright-red" && c.createdAt == t1)
        #expect(throws: RuleViolation("R1", "the name \"autumn\" is taken by campaign c4 (\"Autumn\")")) {
            try store.createCampaign(NewCampaign(name: "autumn"), now: t1)
        }
        #expect(throws: RuleViolation.self) { try store.createCampaign(NewCampaign(name: "X", color: "teal"), now: t1) }
        #expect(try t.open().campaign("AUTUMN").id == "c4")
    }

    @Test("R2 create takes the slug, suffixed past every campaign's current and earlier keys")
    func createValue() throws {
        let store = try t.open()
        #expect(try store.createCampaign(NewCampaign(name: "Summer Promo"), now: t1).utm.value == "summer-promo-2")
        #expect(try store.createCampaign(NewCampaign(name: "!!!", budget: 5), now: t1).utm.value == "campaign-c5")
        #expect(try t.open().campaign("c5").utm == UtmValue(value: "campaign-c5", attachedAt: t1))
    }

    @Test("R3 rename mints a value, keeps the old one as an alias, and survives a reopen")
    func rename() throws {
        let result = try t.open().renameCampaign("spring launch", to: "Spring Relaunch", now: t1)
        #expect(result.previousName == "Spring Launch")
        #expect(result.keptAlias?.value == "spring-launch")
        let c = try t.open().campaign("c1")
        #expect(c.name == "Spring Relaunch")
        #expect(c.utm == UtmValue(value: "spring-relaunch", attachedAt: t1))
        #expect(c.aliases == [UtmValue(value: "spring-launch", attachedAt: Instant(iso8601: "2024-01-01T00:00:00Z")!)])
    }

    @Test("R3 renaming back to an earlier name reuses its value; no value is attached twice")
    func renameBack() throws {
        let store = try t.open()
        _ = try store.renameCampaign("c2", to: "Winter", now: t1)
        let back = try store.renameCampaign("c2", to: "summer sale", now: t2)
        #expect(back.reusedValue && back.keptAlias?.value == "winter")
        let c = try t.open().campaign("c2")
        #expect(c.utm.value == "summer-24")
        #expect(c.aliases.map(\.value) == ["summer-promo", "winter"])
        #expect(throws: RuleViolation.self) { try store.renameCampaign("c2", to: "spring LAUNCH", now: t3) }
    }

    @Test("R7 associate moves an asset: the old interval closes when the new one opens, history kept")
    func move() throws {
        let store = try t.open()
        let result = try store.associate(assetID: "a1", with: "Spring Launch", now: t1)
        #expect(result.leftCampaignID == "c2")
        let intervals = try t.open().loadDataset().associations.filter { $0.assetID == "a1" }
        #expect(intervals == [
            Association(assetID: "a1", campaignID: "c1", associatedAt: Instant(iso8601: "2024-01-01T00:00:00Z")!,
                        dissociatedAt: Instant(iso8601: "2024-02-01T00:00:00Z")!),
            Association(assetID: "a1", campaignID: "c2", associatedAt: Instant(iso8601: "2024-02-01T00:00:00Z")!, dissociatedAt: t1),
            Association(assetID: "a1", campaignID: "c1", associatedAt: t1),
        ])
    }

    @Test("R7 associating where already associated says so; workflows join many campaigns")
    func alreadyAndWorkflows() throws {
        let store = try t.open()
        #expect(throws: RuleViolation("R7", "asset a1 is already associated with campaign c2")) {
            try store.associate(assetID: "a1", with: "c2", now: t1)
        }
        #expect(try store.associate(assetID: "a4", with: "c3", now: t1).leftCampaignID == nil)
        #expect(try t.open().loadDataset().associations.filter { $0.assetID == "a4" && $0.isOpen }.count == 3)
        #expect(throws: StoreError.notFound(kind: "asset", reference: "nope")) {
            try store.associate(assetID: "nope", with: "c2", now: t1)
        }
    }

    @Test("R7 dissociate closes the interval once; a second time is refused")
    func dissociate() throws {
        let store = try t.open()
        let closed = try store.dissociate(assetID: "a1", from: "c2", now: t1).closed
        #expect(closed.dissociatedAt == t1)
        #expect(throws: RuleViolation("R7", "asset a1 is not associated with campaign c2")) {
            try store.dissociate(assetID: "a1", from: "c2", now: t2)
        }
        #expect(try t.open().loadDataset().associations.filter { $0.assetID == "a1" }.allSatisfy { !$0.isOpen })
    }

    @Test("R6 the built URL uses the current value and becomes an associated tracking_url asset")
    func trackingURL() throws {
        let store = try t.open()
        _ = try store.renameCampaign("c1", to: "Spring 2", now: t1)
        let result = try store.buildTrackingURL(for: "c1", pageURL: "https://example.com/pricing?plan=a#top",
                                                source: "news letter", medium: "email", now: t2)
        #expect(result.url == "https://example.com/pricing?plan=a&utm_source=news%20letter&utm_medium=email&utm_campaign=spring-2#top")
        #expect(result.created && result.asset.type == .trackingURL)
        let again = try store.buildTrackingURL(for: "c1", pageURL: "https://example.com/pricing?plan=a#top",
                                               source: "news letter", medium: "email", now: t3)
        #expect(!again.created && again.asset.id == result.asset.id)
        let data = try t.open().loadDataset()
        #expect(data.assets.last?.url == result.url)
        #expect(data.associations.last == Association(assetID: result.asset.id, campaignID: "c1", associatedAt: t2))
    }

    @Test("R5 an unlinked value attaches as an alias from now; a value of another campaign is refused")
    func attach() throws {
        let store = try t.open()
        #expect(try store.attachUtmValue(" Sprng-Launch ", to: "c1", now: t1).utm == UtmValue(value: "Sprng-Launch", attachedAt: t1))
        #expect(try t.open().campaign("c1").aliases.last == UtmValue(value: "Sprng-Launch", attachedAt: t1))
        #expect(throws: RuleViolation.self) { try store.attachUtmValue("SUMMER-PROMO", to: "c1", now: t1) }
        #expect(throws: RuleViolation.self) { try store.attachUtmValue("sprng-launch", to: "c1", now: t2) }
    }

    @Test("§8 dataVersion sees another connection's commit and this store's own")
    func dataVersion() throws {
        let store = try t.open()
        let v0 = try store.dataVersion()
        #expect(try store.dataVersion() == v0)
        let other = try t.open()
        _ = try other.createCampaign(NewCampaign(name: "Elsewhere"), now: t1)
        let v1 = try store.dataVersion()
        #expect(v1 != v0)
        _ = try store.createCampaign(NewCampaign(name: "Here"), now: t1)
        #expect(try store.dataVersion() != v1)
    }
}

struct StoreFileTests {
    @Test("§8 a file that is not SQLite is refused and left untouched")
    func notSQLite() throws {
        let t = TestFolder()
        try Data("id,name\n".utf8).write(to: URL(fileURLWithPath: t.storePath))
        #expect(throws: StoreError.notAStore(path: t.storePath, reason: "it is not an SQLite database")) { try t.open() }
        t.write(TestData.base)
        #expect(throws: StoreError.self) { try t.importData() }
        #expect(t.storeBytes() == Data("id,name\n".utf8))
    }

    @Test("§8 another program's SQLite database is refused")
    func foreignDatabase() throws {
        let t = TestFolder()
        try DatabaseQueue(path: t.storePath).write { try $0.execute(sql: "CREATE TABLE notes (x)") }
        let before = t.storeBytes()
        #expect(throws: StoreError.self) { try t.open() }
        #expect(t.storeBytes() == before)
    }

    @Test("§8 a store written by a newer schema is refused and left untouched")
    func newerSchema() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        try DatabaseQueue(path: t.storePath).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
        }
        let before = t.storeBytes()
        #expect(throws: StoreError.newerSchema(path: t.storePath, unknownMigrations: ["v99-future"])) { try t.open() }
        #expect(t.storeBytes() == before)
    }

    @Test("§8 opening a current store writes nothing")
    func openWritesNothing() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let before = t.storeBytes()
        let store = try t.open()
        _ = try store.loadDataset()
        try store.close()
        #expect(t.storeBytes() == before)
    }
}

/// Issue 12 item 7: an undo is a compare-and-swap made by the store inside its write
/// transaction. Two store instances on one file play the dashboard and another writer.
struct UndoRaceTests {
    let t: TestFolder
    let t1 = TestData.afterBase.0, t2 = TestData.afterBase.1, t3 = TestData.afterBase.2

    init() throws { t = try .holdingBase() }

    /// The campaigns and intervals as a fresh connection reads them.
    func history() throws -> ([Campaign], [CampaignKit.Association]) {
        let data = try t.open().loadDataset()
        return (data.campaigns, data.associations)
    }

    @Test("#12.7 the undo of a rename is refused when another writer renamed the campaign since, and nothing is written")
    func renamedMeanwhile() throws {
        let mine = try t.open(), theirs = try t.open()
        let edit = try mine.renameCampaign("c1", to: "Spring Relaunch", now: t1)
        _ = try theirs.renameCampaign("c1", to: "Spring Final", now: t2)
        let before = try history()
        #expect(throws: StoreError.changedSinceEdit("“Spring Relaunch” was renamed to “Spring Final” since your edit")) {
            try mine.renameCampaign("c1", to: "Spring Launch", now: t3, expecting: edit.revisions.after)
        }
        #expect(try history() == before)
        #expect(try t.open().campaign("c1").name == "Spring Final")
    }

    @Test("#12.7 a utm value attached by another writer refuses the undo of a rename")
    func aliasMeanwhile() throws {
        let mine = try t.open(), theirs = try t.open()
        let edit = try mine.renameCampaign("c1", to: "Spring Relaunch", now: t1)
        _ = try theirs.attachUtmValue("Sprng-Launch", to: "c1", now: t2)
        #expect(throws: StoreError.changedSinceEdit("“Spring Relaunch” was given the utm value “Sprng-Launch” since your edit")) {
            try mine.renameCampaign("c1", to: "Spring Launch", now: t3, expecting: edit.revisions.after)
        }
        #expect(try t.open().campaign("c1").name == "Spring Relaunch")
    }

    @Test("#12.7 the undo of a move is refused when another writer moved or dissociated the asset since")
    func movedMeanwhile() throws {
        let mine = try t.open(), theirs = try t.open()
        let move = try mine.associate(assetID: "a1", with: "c1", now: t1)
        #expect(move.leftCampaignID == "c2")
        _ = try theirs.associate(assetID: "a1", with: "c3", now: t2)
        let before = try history()
        #expect(throws: StoreError.changedSinceEdit("“Pricing” was moved from Spring Launch to Spring launch! since your edit")) {
            try mine.associate(assetID: "a1", with: "c2", now: t3, expecting: move.revisions.after)
        }
        #expect(try history() == before)

        let join = try mine.associate(assetID: "a4", with: "c3", now: t1)
        _ = try theirs.dissociate(assetID: "a4", from: "c1", now: t2)
        #expect(throws: StoreError.changedSinceEdit("“Nurture” was dissociated from Spring Launch since your edit")) {
            try mine.dissociate(assetID: "a4", from: "c3", now: t3, expecting: join.revisions.after)
        }
        #expect(try t.open().loadDataset().associations.filter { $0.assetID == "a4" && $0.isOpen }.map(\.campaignID) == ["c2", "c3"])
    }

    @Test("#12.7 an undo goes through while the object is as its edit left it, whatever else changed")
    func untouched() throws {
        let mine = try t.open(), theirs = try t.open()
        let edit = try mine.renameCampaign("c2", to: "Winter", now: t1)
        _ = try theirs.renameCampaign("c1", to: "Spring Final", now: t2)
        _ = try theirs.associate(assetID: "a1", with: "c1", now: t2)
        let undo = try mine.renameCampaign("c2", to: "Summer Sale", now: t3, expecting: edit.revisions.after)
        #expect(undo.revisions.before == edit.revisions.after)
        #expect(try t.open().campaign("c2").utm.value == "summer-24", "R3: the name's earlier value is reused")
    }

    @Test("#12.7 undoing twice in a row: each undo's revision becomes what the earlier undo expects")
    func undoTwice() throws {
        let store = try t.open()
        let first = try store.renameCampaign("c2", to: "Winter", now: t1)
        let second = try store.renameCampaign("c2", to: "Autumn", now: t2)
        #expect(second.revisions.before == first.revisions.after)
        let undoSecond = try store.renameCampaign("c2", to: "Winter", now: t3, expecting: second.revisions.after)
        // The dashboard carries the earlier step's expectation over the edits it made itself since.
        let undoFirst = try store.renameCampaign("c2", to: "Summer Sale", now: t3.adding(seconds: 1),
                                                 expecting: undoSecond.revisions.after)
        #expect(undoFirst.campaign.name == "Summer Sale")
        #expect(throws: StoreError.changedSinceEdit("“Winter” was renamed to “Autumn”, then “Winter”, then “Summer Sale” since your edit")) {
            try store.renameCampaign("c2", to: "Summer Sale", now: t3, expecting: first.revisions.after)
        }
    }

    @Test("#12.7 a store whose file was replaced by a new import since it was opened refuses every write; the new store is untouched")
    func replacedByImport() throws {
        let mine = try t.open()
        let edit = try mine.renameCampaign("c1", to: "Spring Relaunch", now: t1)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: t.storePath + suffix) }
        try t.importData()
        #expect(throws: StoreError.replaced(path: t.storePath)) {
            try mine.renameCampaign("c1", to: "Spring Launch", now: t2, expecting: edit.revisions.after)
        }
        #expect(throws: StoreError.replaced(path: t.storePath)) { try mine.createCampaign(NewCampaign(name: "Lost"), now: t2) }
        let fresh = try t.open()
        #expect(try fresh.campaign("c1").name == "Spring Launch")
        #expect(try fresh.campaigns().count == 3)
        #expect(StoreError.replaced(path: "/x/s.sqlite").description
                == "/x/s.sqlite was replaced or removed since it was opened; nothing was written: open it again")
    }

    @Test("#12.7 a write that waits for another writer's lock tells its own store's handler, once per wait")
    func longWaitPerStore() throws {
        let told = Mutex<[String]>([])
        let waiting = try CampaignStore(path: t.storePath) { path in told.withLock { $0.append("waiting \(path)") } }
        let other = try CampaignStore(path: t.storePath) { _ in told.withLock { $0.append("other") } }
        let holder = try DatabaseQueue(path: t.storePath)
        let held = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? holder.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                held.signal()
                Thread.sleep(forTimeInterval: BusyWait.noticeAfter + 0.5)
                try db.execute(sql: "COMMIT")
            }
            done.signal()
        }
        held.wait()
        _ = try waiting.renameCampaign("c1", to: "Spring Relaunch", now: t1)
        done.wait()
        _ = try other.renameCampaign("c1", to: "Spring Launch", now: t2)
        #expect(told.withLock { $0 } == ["waiting \(t.storePath)"])
    }
}
