import Attribution
import CampaignKit
import Foundation
import GRDB
import Testing
@testable import CampaignStore

/// Issue 14 in the store: campaigns named by id or name in one place, archiving and
/// deleting (§8), and undo that takes an edit nothing counted yet out of the history.
/// Every check reads the store again through a fresh connection.
struct ArchiveAndUndoTests {
    let t: TestFolder
    let t1 = TestData.afterBase.0, t2 = TestData.afterBase.1, t3 = TestData.afterBase.2

    init() throws { t = try .holdingBase() }

    /// A table's rows, `seq` included, as a fresh connection reads them.
    func rows(_ table: String) throws -> [Row] {
        try t.open().read { try Row.fetchAll($0, sql: "SELECT * FROM \(table) ORDER BY seq") }
    }

    /// The history an undo must leave as it was before the edit.
    func history() throws -> [[Row]] {
        try ["campaigns", "campaign_names", "utm_values", "associations"].map(rows)
    }

    /// The engine's report over all time, from the store as it is now.
    func report() throws -> Report {
        Analysis(CompiledData(try t.open().loadDataset()), asOf: t3, zone: TimeZone(identifier: "UTC")!)
            .report(window: ReportWindow(from: nil, to: nil, zone: TimeZone(identifier: "UTC")!), now: t3)
    }

    /// Imports a folder holding only these files into the store.
    func importMore(_ files: [String: String]) throws {
        t.write(files)
        try t.importData(now: t1)
    }

    @Test("#14 a store from before v6 keeps every row and seq; its names, values and intervals get seqs that are never reused")
    func migrationFromV5() throws {
        _ = try t.open().renameCampaign("c1", to: "Spring Relaunch", now: t1)
        let before = try history()
        let queue = try DatabaseQueue(path: t.storePath)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE campaign_archivings; DELETE FROM grdb_migrations WHERE identifier LIKE 'v6-%'")
            for table in ["utm_values", "campaign_names", "associations"] {
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table])!
                let columns = sql[sql.firstIndex(of: "(")!...].replacingOccurrences(of: " AUTOINCREMENT", with: "")
                try db.execute(sql: """
                    CREATE TABLE \(table)_v5 \(columns);
                    INSERT INTO \(table)_v5 SELECT * FROM \(table);
                    DROP TABLE \(table);
                    ALTER TABLE \(table)_v5 RENAME TO \(table);
                    """)
            }
            #expect(try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%'").isEmpty)
        }
        try queue.close()
        #expect(try history() == before)
        let autoincremented = try t.open().read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%' ORDER BY name")
        }
        #expect(autoincremented == ["associations", "campaign_names", "utm_values"])
        #expect(try t.open().archiveCampaign("c1", now: t2).archivedAt == t2)
    }

    // MARK: - Naming a campaign

    @Test("#14 R1 a campaign is named by its id or its name in any case; a text that is one's id and another's name lists both")
    func references() throws {
        let store = try t.open()
        _ = try store.createCampaign(NewCampaign(id: "summer sale", name: "Other"), now: t1)
        #expect(try store.campaign(" c2 ").name == "Summer Sale")
        #expect(try store.campaign("  SPRING launch ").id == "c1")
        #expect(try store.campaign(.id("summer sale")).name == "Other")
        #expect(try store.campaign("other").id == "summer sale")
        let candidates = [CampaignCandidate(id: "summer sale", name: "Other", byID: true),
                          CampaignCandidate(id: "c2", name: "Summer Sale", byID: false)]
        #expect(throws: StoreError.ambiguousCampaign(reference: "summer sale", candidates: candidates)) {
            try store.renameCampaign("summer sale", to: "Winter", now: t2)
        }
        #expect(StoreError.ambiguousCampaign(reference: "summer sale", candidates: candidates).description
                == "campaign \"summer sale\" is ambiguous: it is the id of campaign summer sale (“Other”) and the name of campaign c2 (“Summer Sale”); name the one you mean by “Other” or c2 instead")
        #expect(throws: StoreError.notFound(kind: "campaign", reference: "Winter")) { try store.campaign("Winter") }
        #expect(throws: StoreError.notFound(kind: "campaign", reference: "spring launch")) { try store.campaign(.id("spring launch")) }
        #expect(try t.open().campaign("c2").name == "Summer Sale", "the refused rename wrote nothing")
    }

    // MARK: - Archive

    @Test("#14 §8 archiving changes no number: the report is the same, the campaign in it marked archived; unarchiving too")
    func archiveKeepsNumbers() throws {
        let before = try report()
        let archived = try t.open().archiveCampaign("summer sale", now: t1)
        #expect(archived.id == "c2" && archived.archivedAt == t1)
        var after = try report()
        #expect(after.campaigns.first { $0.id == "c2" }?.archivedAt == t1)
        #expect(after.campaigns.filter { $0.archivedAt != nil }.map(\.id) == ["c2"])
        after.campaigns = after.campaigns.map { var c = $0; c.archivedAt = nil; return c }
        #expect(after == before)
        #expect(try t.open().campaigns().map(\.id) == ["c1", "c2", "c3"], "the store still lists it: lists choose to hide it")

        let (back, since) = try t.open().unarchiveCampaign("c2", now: t2)
        #expect(back.archivedAt == nil && since == t1)
        #expect(try report() == before)
    }

    @Test("#14 §8 archived periods are rows: archiving twice or unarchiving what is not archived is refused, and history stays")
    func archivePeriods() throws {
        let store = try t.open()
        _ = try store.archiveCampaign("c1", now: t1)
        #expect(throws: RuleViolation("§8", "campaign c1 (“Spring Launch”) is already archived, since 2024-06-02T00:00:00Z")) {
            try store.archiveCampaign("c1", now: t2)
        }
        _ = try store.unarchiveCampaign("c1", now: t2)
        #expect(throws: RuleViolation("§8", "campaign c1 (“Spring Launch”) is not archived")) {
            try store.unarchiveCampaign("c1", now: t3)
        }
        _ = try store.archiveCampaign("c1", now: t3)
        #expect(throws: RuleViolation.self) { try store.unarchiveCampaign("c1", now: t2) }
        let periods = try rows("campaign_archivings").map { [$0["archived_at"] as Int64?, $0["unarchived_at"] as Int64?] }
        #expect(periods == [[t1.microseconds, t2.microseconds], [t3.microseconds, nil]])
        #expect(try t.open().campaign("c1").archivedAt == t3)
        #expect(try store.renameCampaign("c1", to: "Spring Archive", now: t3).campaign.archivedAt == t3, "an archived campaign is edited as any other")
    }

    // MARK: - Delete

    @Test("#14 §8 a campaign nothing used is deleted with its names, values and archived periods; its value is free again")
    func deleteUnused() throws {
        let store = try t.open()
        _ = try store.renameCampaign("c3", to: "Spring Two", now: t1)
        _ = try store.archiveCampaign("c3", now: t2)
        let gone = try store.deleteCampaign("spring two")
        #expect(gone.id == "c3" && ([gone.utm] + gone.aliases).map(\.value) == ["spring-two", "spring-launch-2"])
        for table in ["campaign_names", "utm_values", "campaign_archivings"] {
            #expect(try t.open().read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table) WHERE campaign_id = 'c3'") } == 0, "\(table)")
        }
        #expect(try t.open().campaigns().map(\.id) == ["c1", "c2"])
        #expect(try store.createCampaign(NewCampaign(name: "Spring Two"), now: t3).utm.value == "spring-two")
    }

    @Test("#14 §8 R8 a campaign that ever had an asset, even one dissociated since, is not deleted")
    func deleteRefusedForAssets() throws {
        let store = try t.open()
        _ = try store.associate(assetID: "a5", with: "c3", now: t1)
        _ = try store.dissociate(assetID: "a5", from: "c3", now: t2)
        let before = try history()
        #expect(throws: RuleViolation("§8", "campaign c3 (“Spring launch!”) cannot be deleted, only archived: it has had assets (asset a5 (“Newsletter”)), and what they brought stays with it (R8)")) {
            try store.deleteCampaign("c3")
        }
        #expect(throws: RuleViolation.self) { try store.deleteCampaign("c2") }
        #expect(try history() == before)
    }

    @Test("#14 §8 R5 R6 a campaign whose utm value an event's or an asset's URL carries, at any time and in any spelling, is not deleted")
    func deleteRefusedForTraffic() throws {
        let store = try t.open()
        for name in ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"] { _ = try store.createCampaign(NewCampaign(name: name), now: t1) }
        try importMore([
            "events.csv": """
                time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword
                2024-01-01T00:00:00Z,page_view,v1,,,https://example.com/?UTM_Campaign=ALPHA,,,
                2024-07-01T00:00:00Z,page_view,v1,,,https://example.com/?utm%5Fcampaign=beta+,,,
                2024-01-05T10:06:00Z,form_submission,v1,k1,,https://example.com/?utm_campaign=%67amma,,a2,
                2024-07-01T00:00:00Z,page_view,v1,,,https://example.com/?utm_campaign=epsilonx&x=epsilon,,,

                """,
            "assets.csv": """
                id,type,name,url,published_at,keywords
                a9,tracking_url,Old link,https://example.com/?utm_source=x&utm_medium=y&utm_campaign=Delta,,

                """,
        ])
        let before = try history()
        #expect(throws: RuleViolation("§8", "campaign c4 (“Alpha”) cannot be deleted, only archived: its utm value alpha is in use: 1 event carries it, the first at 2024-01-01T00:00:00Z")) {
            try store.deleteCampaign("alpha")
        }
        #expect(throws: RuleViolation.self, "an escaped name and a trailing + still tag it (R4)") { try store.deleteCampaign("beta") }
        #expect(throws: RuleViolation.self, "a form submission's page counts for R16") { try store.deleteCampaign("gamma") }
        #expect(throws: RuleViolation("§8", "campaign c7 (“Delta”) cannot be deleted, only archived: its utm value delta is in use: the URL of asset a9 (“Old link”) carries it")) {
            try store.deleteCampaign("delta")
        }
        #expect(try history() == before)
        #expect(try store.deleteCampaign("epsilon").id == "c8", "another value that only contains it is no tag of it")
    }

    // MARK: - Undo a rename

    @Test("#14 R3 undo of a rename nothing used: the name, value and rows are as before the rename, the minted value gone")
    func undoRename() throws {
        let before = try history()
        let reportBefore = try report()
        let store = try t.open()
        let rename = try store.renameCampaign("c1", to: "Spring Relaunch", now: t1)
        let undo = try store.undoRename("c1", expecting: rename.revisions.after)
        #expect(undo.undoneName == "Spring Relaunch")
        #expect(undo.removedValue == UtmValue(value: "spring-relaunch", attachedAt: t1) && undo.keptValue == nil && undo.keptBecause.isEmpty)
        #expect(undo.revisions == RevisionChange(before: rename.revisions.after, after: rename.revisions.before))
        #expect(try history() == before)
        #expect(try report() == reportBefore)
        #expect(try t.open().campaign("spring launch").utm.value == "spring-launch")
    }

    @Test("#14 R3 R5 undo removes a minted value that only events from before the rename carry: they are unlinked again, as before")
    func undoRenameUnlinksEarlierTraffic() throws {
        try importMore(["events.csv": """
            time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword
            2024-06-01T12:00:00Z,page_view,v3,,,https://example.com/?utm_campaign=Winter,,,

            """])
        let before = try history()
        let reportBefore = try report()
        #expect(reportBefore.unlinkedUtm.map(\.key).contains("winter"))
        let store = try t.open()
        let rename = try store.renameCampaign("c2", to: "Winter", now: t2)
        #expect(try report().unlinkedUtm.map(\.key).contains("winter") == false, "too early for c2, not unlinked (R5)")
        let undo = try store.undoRename("c2", expecting: rename.revisions.after)
        #expect(undo.removedValue?.value == "winter")
        #expect(try history() == before)
        #expect(try report() == reportBefore)
    }

    @Test("#14 R3 R4 undo keeps a minted value that traffic since the rename carries, as an alias, and says why")
    func undoRenameKeepsTaggedValue() throws {
        let store = try t.open()
        let rename = try store.renameCampaign("c2", to: "Winter", now: t2)
        try importMore(["events.csv": """
            time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword
            2024-06-01T12:00:00Z,page_view,v3,,,https://example.com/?utm_campaign=Winter,,,
            2024-06-03T12:00:00Z,page_view,v3,,,https://example.com/?utm_campaign=Winter,,,

            """])
        let undo = try store.undoRename("c2", expecting: rename.revisions.after)
        #expect(undo.removedValue == nil && undo.keptValue == UtmValue(value: "winter", attachedAt: t2))
        #expect(undo.keptBecause == ["1 event carries it, the first at 2024-06-03T12:00:00Z"])
        let c2 = try t.open().campaign("c2")
        #expect(c2.name == "Summer Sale" && c2.utm.value == "summer-24")
        #expect(c2.aliases.map(\.value) == ["summer-promo", "winter"])
        #expect(try rows("campaign_names").filter { $0["campaign_id"] == "c2" }.map { $0["name"] as String } == ["Summer Sale"])
    }

    @Test("#14 R3 R6 undo keeps a minted value a tracking URL was built with, and says why")
    func undoRenameKeepsBuiltURL() throws {
        let store = try t.open()
        let rename = try store.renameCampaign("c1", to: "Autumn", now: t1)
        let built = try store.buildTrackingURL(for: "c1", pageURL: "https://example.com/fall", source: "mail", medium: "email", now: t2)
        let undo = try store.undoRename("c1", expecting: rename.revisions.after)
        #expect(undo.keptValue?.value == "autumn")
        #expect(undo.keptBecause == ["the URL of asset \(built.asset.id) (“Autumn: mail / email”) carries it"])
        #expect(try t.open().campaign("c1").allUtmValues.map(\.value) == ["spring-launch", "autumn"])
    }

    @Test("#14 R3 undo of a rename back removes no value: the value the earlier rename minted stays the current one")
    func undoRenameBack() throws {
        let store = try t.open()
        _ = try store.renameCampaign("c2", to: "Winter", now: t1)
        let back = try store.renameCampaign("c2", to: "Summer Sale", now: t2)
        let undo = try store.undoRename("c2", expecting: back.revisions.after)
        #expect(undo.removedValue == nil && undo.keptValue == nil)
        let c2 = try t.open().campaign("c2")
        #expect(c2.name == "Winter" && c2.utm.value == "winter" && c2.aliases.map(\.value) == ["summer-promo", "summer-24"])
    }

    @Test("#14 R1 R3 undo of a rename is refused when another campaign took the earlier name since, or there was no rename")
    func undoRenameRefused() throws {
        let store = try t.open()
        let rename = try store.renameCampaign("c3", to: "Fall", now: t1)
        _ = try store.createCampaign(NewCampaign(name: "spring LAUNCH!"), now: t2)
        let before = try history()
        #expect(throws: RuleViolation("R1", "the name \"Spring launch!\" is taken by campaign c4 (\"spring LAUNCH!\")")) {
            try store.undoRename("c3", expecting: rename.revisions.after)
        }
        #expect(try history() == before)
        let created = try store.campaign("c4")
        let revision = try store.read { try $0.revision(ofCampaign: created.id) }
        #expect(throws: RuleViolation("R3", "campaign c4 (“spring LAUNCH!”) was never renamed: there is no rename to undo")) {
            try store.undoRename("c4", expecting: revision)
        }
    }

    @Test("#14 #12.7 undo of a rename is a compare-and-swap: refused, writing nothing, when another writer changed the campaign since")
    func undoRenameRace() throws {
        let mine = try t.open(), theirs = try t.open()
        let rename = try mine.renameCampaign("c1", to: "Spring Relaunch", now: t1)
        _ = try theirs.renameCampaign("c1", to: "Spring Final", now: t2)
        let before = try history()
        #expect(throws: StoreError.changedSinceEdit("“Spring Relaunch” was renamed to “Spring Final” since your edit")) {
            try mine.undoRename("c1", expecting: rename.revisions.after)
        }
        #expect(try history() == before)
    }

    @Test("#14 a seq an undo took back is never handed out again: the undone edit's revision cannot match a later edit")
    func seqNeverReused() throws {
        let store = try t.open()
        let first = try store.renameCampaign("c1", to: "Spring Relaunch", now: t1)
        _ = try store.undoRename("c1", expecting: first.revisions.after)
        let second = try store.renameCampaign("c1", to: "Spring Relaunch", now: t2)
        #expect(second.revisions.after != first.revisions.after)
        #expect(throws: StoreError.self) { try store.undoRename("c1", expecting: first.revisions.after) }
        #expect(try t.open().campaign("c1").name == "Spring Relaunch")
    }

    // MARK: - Undo an association

    @Test("#14 R7 R8 undo of a move nothing counted yet: the earlier interval is open again as it was, the new one gone")
    func undoMove() throws {
        let before = try history()
        let reportBefore = try report()
        let store = try t.open()
        let move = try store.associate(assetID: "a1", with: "c1", now: t1)
        #expect(move.leftCampaignID == "c2")
        let undo = try store.undoAssociate(assetID: "a1", with: "c1", movedFrom: "c2", expecting: move.revisions.after, now: t2)
        #expect(undo.removed && undo.keptBecause == nil)
        #expect(undo.revisions == RevisionChange(before: move.revisions.after, after: move.revisions.before))
        #expect(try history() == before, "a1's interval with c2 from 2024-02-01 is open again; no interval from t1 to t2 is left")
        #expect(try report() == reportBefore)
    }

    @Test("#14 R7 R8 undo of a move that events count through keeps its interval and moves the asset back now, saying why")
    func undoMoveCounted() throws {
        let store = try t.open()
        let move = try store.associate(assetID: "a1", with: "c1", now: t1)
        try importMore(["events.csv": """
            time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword
            2024-06-02T01:00:00Z,page_view,v3,,,https://www.example.com/pricing/?ref=x,,,

            """])
        let undo = try store.undoAssociate(assetID: "a1", with: "c1", movedFrom: "c2", expecting: move.revisions.after, now: t2)
        #expect(!undo.removed)
        #expect(undo.keptBecause == "1 event since it joined Spring Launch at 2024-06-02T00:00:00Z can count through it, the first at 2024-06-02T01:00:00Z")
        let intervals = try t.open().loadDataset().associations.filter { $0.assetID == "a1" }
        #expect(intervals.map(\.campaignID) == ["c1", "c2", "c1", "c2"])
        #expect(intervals.suffix(2).map(\.associatedAt) == [t1, t2] && intervals.last?.isOpen == true)
    }

    @Test("#14 R12 R13 only events an association could count keep it: through the asset, on its page, with its keyword")
    func undoAssociateRelevance() throws {
        let store = try t.open()
        try importMore(["events.csv": """
            time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword
            2024-06-02T01:00:00Z,page_view,v3,,,https://example.com/other,,,
            2024-06-02T01:00:00Z,page_view,v3,,,https://example.com/search?q=1,,,boots

            """])
        let join = try store.associate(assetID: "a3", with: "c1", now: t1)
        #expect(try store.undoAssociate(assetID: "a3", with: "c1", movedFrom: nil, expecting: join.revisions.after, now: t2).removed)
        let again = try store.associate(assetID: "a3", with: "c1", now: t2)
        try importMore(["events.csv": """
            time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword
            2024-06-03T01:00:00Z,page_view,v3,,,https://example.com/search?q=2,,, Red SHOES 

            """])
        let kept = try store.undoAssociate(assetID: "a3", with: "c1", movedFrom: nil, expecting: again.revisions.after, now: t3)
        #expect(!kept.removed && kept.keptBecause?.hasPrefix("1 event since it joined Spring Launch") == true)
        #expect(try t.open().loadDataset().associations.filter { $0.assetID == "a3" }
                == [CampaignKit.Association(assetID: "a3", campaignID: "c1", associatedAt: t2, dissociatedAt: t3)])
    }

    @Test("#14 R7 undo of a workflow joining a campaign removes its interval only; its other campaigns stay")
    func undoWorkflow() throws {
        let before = try history()
        let store = try t.open()
        let join = try store.associate(assetID: "a4", with: "c3", now: t1)
        #expect(join.leftCampaignID == nil)
        #expect(throws: RuleViolation.self, "a workflow does not move") {
            try store.undoAssociate(assetID: "a4", with: "c3", movedFrom: "c1", expecting: join.revisions.after, now: t2)
        }
        #expect(try store.undoAssociate(assetID: "a4", with: "c3", movedFrom: nil, expecting: join.revisions.after, now: t2).removed)
        #expect(try history() == before)
    }

    @Test("#14 #12.7 undo of a move is refused when another writer moved the asset since, or the move is not its latest edit")
    func undoMoveRefused() throws {
        let mine = try t.open(), theirs = try t.open()
        let move = try mine.associate(assetID: "a1", with: "c1", now: t1)
        _ = try theirs.associate(assetID: "a1", with: "c3", now: t2)
        let before = try history()
        #expect(throws: StoreError.changedSinceEdit("“Pricing” was moved from Spring Launch to Spring launch! since your edit")) {
            try mine.undoAssociate(assetID: "a1", with: "c1", movedFrom: "c2", expecting: move.revisions.after, now: t3)
        }
        let current = try mine.read { try $0.revision(ofAsset: "a1") }
        #expect(throws: RuleViolation.self) {
            try mine.undoAssociate(assetID: "a1", with: "c1", movedFrom: "c2", expecting: current, now: t3)
        }
        #expect(throws: RuleViolation.self, "a1 left c1, not c2, when it joined c3") {
            try mine.undoAssociate(assetID: "a1", with: "c3", movedFrom: "c2", expecting: current, now: t3)
        }
        #expect(try history() == before)
    }
}
