import CampaignKit
import Foundation
import Testing
@testable import CampaignStore

/// R20: `utmost salesforce export FILE [--all]`.
struct SalesforceExportTests {
    private typealias F = SalesforceFixture

    /// The fixture with a contact and a rule whose cells a spreadsheet would run as formulas.
    private func store() throws -> TestFolder {
        try F.store([
            "contacts.csv": F.folder["contacts.csv"]! + "-k7,@k7@example.com,2024-02-07T00:00:00Z,v7\n",
            "events.csv": F.folder["events.csv"]! + "2024-02-07T09:00:00Z,form_submission,,-k7,https://x.com/webinar,f1\n",
            "salesforce_rules.csv": "asset_id,salesforce_campaign_id,status\nf1,=701R,\"Registered, \"\"VIP\"\"\"\n",
        ])
    }

    private func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("R20 export writes CampaignId,ContactId,Email,Status with formula cells escaped, and marks the rows exported")
    func escapingAndMark() throws {
        let t = try store()
        let store = try t.open()
        let path = t.root.appendingPathComponent("members.csv").path
        try Data("an older export\n".utf8).write(to: URL(fileURLWithPath: path))
        let first = try store.exportSalesforceAdditions(to: path, all: false, now: F.instant("2024-06-02T00:00:00Z"))
        #expect(first == SalesforceExportResult(rows: 3, leftOutAsImported: 0))
        #expect(text(path) == """
            CampaignId,ContactId,Email,Status
            '=701R,k1,ann@example.com,"Registered, ""VIP""\"
            '=701R,k2,Bob@Example.com,"Registered, ""VIP""\"
            '=701R,'-k7,'@k7@example.com,"Registered, ""VIP""\"

            """)
        #expect(try store.salesforceAdditions().map(\.exportedAt) == Array(repeating: F.instant("2024-06-02T00:00:00Z"), count: 3))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: t.root.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    @Test("R20 a second export writes only new additions; --all writes everything; nothing new leaves the file alone")
    func secondExportAndAll() throws {
        let t = try store()
        let store = try t.open()
        let first = t.root.appendingPathComponent("first.csv").path
        let second = t.root.appendingPathComponent("second.csv").path
        let all = t.root.appendingPathComponent("all.csv").path
        try store.exportSalesforceAdditions(to: first, all: false, now: F.now)
        #expect(try store.exportSalesforceAdditions(to: second, all: false, now: F.now).rows == 0)
        #expect(!FileManager.default.fileExists(atPath: second), "nothing to export: no file")

        t.write(["events.csv": "time,type,contact_id,asset_id\n2024-03-01T00:00:00Z,form_submission,k4,f1\n2024-03-02T00:00:00Z,form_submission,k1,f1\n"])
        try t.importData(now: F.now)
        #expect(try store.exportSalesforceAdditions(to: second, all: false, now: F.instant("2024-06-03T00:00:00Z")).rows == 1)
        #expect(text(second) == "CampaignId,ContactId,Email,Status\n'=701R,k4,,\"Registered, \"\"VIP\"\"\"\n")

        #expect(try store.exportSalesforceAdditions(to: all, all: true, now: F.instant("2024-06-04T00:00:00Z")).rows == 4)
        #expect(text(all)?.split(separator: "\n").map { String($0.prefix(10)) } == [
            "CampaignId", "'=701R,k1,", "'=701R,k2,", "'=701R,'-k", "'=701R,k4,",
        ])
        #expect(try store.salesforceAdditions().allSatisfy { $0.exportedAt == F.instant("2024-06-04T00:00:00Z") })
    }

    @Test("R20 export leaves out contacts Salesforce has already: imported members of that campaign")
    func importedMembersLeftOut() throws {
        let t = try store()
        let store = try t.open()
        try store.importSalesforceMembers(F.file(t, "sf.csv", "CampaignId,Email,Status\n=701R,bob@example.com,Attended\n"), now: F.now)
        let path = t.root.appendingPathComponent("out.csv").path
        #expect(try store.exportSalesforceAdditions(to: path, all: true, now: F.now) == SalesforceExportResult(rows: 2, leftOutAsImported: 1))
        #expect(text(path)?.contains("k2") == false)
        let k2 = try #require(try store.salesforceAdditions().first { $0.contactID == "k2" })
        #expect(k2.alreadyImported && k2.exportedAt == nil)
        // The membership shows once in the dataset.
        #expect(try store.loadDataset().contacts.first { $0.id == "k2" }?.salesforceCampaignIDs == ["=701R"])
    }

    @Test("R20 an export that cannot be written marks nothing")
    func failedWriteMarksNothing() throws {
        let t = try store()
        let store = try t.open()
        let path = t.root.appendingPathComponent("no-such-folder/out.csv").path
        #expect(throws: StoreError.self) { try store.exportSalesforceAdditions(to: path, all: false, now: F.now) }
        #expect(try store.salesforceAdditions().allSatisfy { $0.exportedAt == nil })
    }
}
