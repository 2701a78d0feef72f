import CampaignKit
import Foundation
import GRDB
import Testing
@testable import CampaignStore

/// R20: rules on forms and workflows, and the additions they make.
struct SalesforceRuleTests {
    private typealias F = SalesforceFixture
    private static let formRule = ["salesforce_rules.csv": "asset_id,salesforce_campaign_id,status\nf1,701R,Registered\n"]

    /// Imports an events-only folder into the store `t` holds.
    private func importEvents(_ t: TestFolder, _ rows: String, now: Instant = F.now) throws -> ImportSummary {
        t.write(["events.csv": "time,type,contact_id,asset_id\n" + rows])
        return try t.importData(now: now)
    }

    private func added(_ store: CampaignStore) throws -> [String] {
        try store.salesforceAdditions().map { "\($0.contactID)→\($0.salesforceCampaignID)" }
    }

    @Test("R20 a rule fires once per contact despite repeated submissions, remembering the first event")
    func oncePerContact() throws {
        let t = TestFolder()
        t.write(F.folder.merging(Self.formRule) { $1 })
        let summary = try t.importData(now: F.now)
        #expect(summary.salesforceRules == 1 && summary.salesforceAdditions == 2)
        let store = try t.open()
        #expect(try added(store) == ["k1→701R", "k2→701R"])
        // More submissions by both, in a later import: nothing new.
        let again = try importEvents(t, """
            2024-03-01T00:00:00Z,form_submission,k2,f1
            2024-03-02T00:00:00Z,form_submission,k1,f1
            2024-03-03T00:00:00Z,form_submission,k2,f1

            """)
        #expect(again.salesforceAdditions == 0)
        let additions = try store.salesforceAdditions()
        #expect(additions.count == 2)
        let k2 = try #require(additions.last)
        #expect(k2.eventTime == F.instant("2024-02-02T09:05:00Z") && k2.eventType == .formSubmission)
        #expect(k2.assetID == "f1" && k2.status == "Registered" && k2.addedAt == F.now && k2.exportedAt == nil)
        #expect(try store.salesforceMemberships(ofContact: "k2") == [
            SalesforceMembership(salesforceCampaignID: "701R", status: "Registered", origin: .rule(k2, assetName: "Register")),
        ])
        let contacts = try store.loadDataset().contacts
        #expect(contacts.map(\.salesforceCampaignIDs) == [["701R"], ["701R"], [], []])
        #expect(try store.salesforceRules().map(\.additions) == [2])
    }

    @Test("R20 two rules for one Salesforce campaign add a contact once; a workflow rule fires on enrollments")
    func twoRulesOneCampaign() throws {
        let t = try F.store(["salesforce_rules.csv": "asset_id,salesforce_campaign_id\nf1,701R\nw1,701R\n"])
        _ = try importEvents(t, "2024-02-20T00:00:00Z,workflow_enrollment,k1,w1\n2024-02-21T00:00:00Z,workflow_enrollment,k4,w1\n")
        let store = try t.open()
        let additions = try store.salesforceAdditions()
        #expect(additions.map(\.contactID) == ["k1", "k2", "k3", "k4"])
        #expect(additions.map(\.eventType) == [.formSubmission, .formSubmission, .workflowEnrollment, .workflowEnrollment])
        #expect(additions.allSatisfy { $0.status == nil })
    }

    @Test("R20 only forms and workflows carry a rule; other assets, unknown assets and repeats are refused")
    func onlyFormsAndWorkflows() throws {
        let t = try F.store()
        let store = try t.open()
        for asset in ["p1", "e1"] {
            let error = #expect(throws: RuleViolation.self) {
                try store.addSalesforceRule(assetID: asset, salesforceCampaignID: "701R", status: nil, now: F.now)
            }
            #expect(error?.message.contains("only forms and workflows carry Salesforce rules (R20)") == true, "\(String(describing: error))")
        }
        #expect(throws: StoreError.notFound(kind: "asset", reference: "nope")) {
            try store.addSalesforceRule(assetID: "nope", salesforceCampaignID: "701R", status: nil, now: F.now)
        }
        #expect(throws: RuleViolation.self) {
            try store.addSalesforceRule(assetID: "f1", salesforceCampaignID: "  ", status: nil, now: F.now)
        }
        try store.addSalesforceRule(assetID: "f1", salesforceCampaignID: "701R", status: "Registered", now: F.now)
        let repeated = #expect(throws: RuleViolation.self) {
            try store.addSalesforceRule(assetID: "f1", salesforceCampaignID: "701R", status: "Other", now: F.now)
        }
        #expect(repeated?.message.contains("already has a rule for Salesforce campaign 701R") == true)
        #expect(throws: RuleViolation.self) {
            try store.removeSalesforceRule(assetID: "w1", salesforceCampaignID: "701R", now: F.now)
        }
        #expect(try store.salesforceRules().map(\.assetID) == ["f1"])

        // A data folder's rule on an email is refused like any bad row (SPEC §7).
        let bad = TestFolder()
        bad.write(F.folder.merging(["salesforce_rules.csv": "asset_id,salesforce_campaign_id\nf1,701R\ne1,701R\n"]) { $1 })
        let error = #expect(throws: DataFileError.self) { try bad.importData() }
        #expect(error?.location == "salesforce_rules.csv:3:1 (asset_id)")
        #expect(error?.message.contains("Salesforce rules go on forms and workflows") == true)
        #expect(bad.storeBytes() == nil)
    }

    @Test("R20 a rule added later fires on events at or after it, stored or imported later; removed, it stops")
    func laterMeansEventTime() throws {
        let t = try F.store()
        let store = try t.open()
        // k3 entered w1 at exactly 10:00: at the rule's instant counts.
        let rule = try store.addSalesforceRule(assetID: "w1", salesforceCampaignID: "701W", status: "Responded",
                                               now: F.instant("2024-02-03T10:00:00Z"))
        #expect(rule.additions == 1 && rule.activeFrom == F.instant("2024-02-03T10:00:00Z"))
        // Imported later: an enrollment from before the rule does not fire, one after does.
        var summary = try importEvents(t, """
            2024-02-03T09:59:59Z,workflow_enrollment,k1,w1
            2024-02-05T00:00:00Z,workflow_enrollment,k4,w1

            """)
        #expect(summary.salesforceAdditions == 1)
        try store.removeSalesforceRule(assetID: "w1", salesforceCampaignID: "701W", now: F.instant("2024-02-06T00:00:00Z"))
        // After the removal: an event while the rule was in force still fires, a later one does not.
        summary = try importEvents(t, """
            2024-02-07T00:00:00Z,workflow_enrollment,k2,w1
            2024-02-05T12:00:00Z,workflow_enrollment,k1,w1

            """)
        #expect(summary.salesforceAdditions == 1)
        #expect(try added(store) == ["k3→701W", "k4→701W", "k1→701W"])
        #expect(try store.salesforceRules().isEmpty)
        #expect(try store.salesforceRules(includingRemoved: true).map(\.removedAt) == [F.instant("2024-02-06T00:00:00Z")])
        #expect(try store.loadDataset().salesforceRules.isEmpty)
        // Added again with an earlier start (--since): the stored events from then on fire, k2's now.
        let again = try store.addSalesforceRule(assetID: "w1", salesforceCampaignID: "701W", status: "Responded",
                                                since: F.instant("2024-01-01T00:00:00Z"), now: F.instant("2024-03-01T00:00:00Z"))
        #expect(again.additions == 1)
        #expect(try added(store) == ["k3→701W", "k4→701W", "k1→701W", "k2→701W"])
    }

    @Test("#12.9 R20 a rule added by command adds each form_submission at or after the instant it was added; a data folder's rule every one")
    func whichSubmissions() throws {
        let t = try F.store()
        let store = try t.open()
        // k1 submitted on 02-01 and k2 on 02-02 and 02-10: only k2's second submission is at or after 02-10.
        let rule = try store.addSalesforceRule(assetID: "f1", salesforceCampaignID: "701R", status: nil,
                                               now: F.instant("2024-02-10T09:05:00Z"))
        #expect(rule.additions == 1)
        #expect(try store.salesforceAdditions().map(\.eventTime) == [F.instant("2024-02-10T09:05:00Z")])
        _ = try importEvents(t, "2024-02-10T09:04:59Z,form_submission,k3,f1\n2024-02-11T00:00:00Z,form_submission,k4,f1\n")
        #expect(try added(store) == ["k2→701R", "k4→701R"])
        // The same rule from a data folder: every submission, whenever it was.
        let folder = try F.store(Self.formRule)
        #expect(try added(folder.open()) == ["k1→701R", "k2→701R"])
    }

    @Test("R20 a data folder's rule fires on every event: stored before it, in its folder, imported after")
    func folderRuleEveryEvent() throws {
        let t = try F.store()
        t.write(["salesforce_rules.csv": "asset_id,salesforce_campaign_id,status\nw1,701W,Responded\n"])
        let summary = try t.importData(now: F.now)
        #expect(summary.salesforceAdditions == 1)
        _ = try importEvents(t, "2020-01-01T00:00:00Z,workflow_enrollment,k4,w1\n")
        let store = try t.open()
        #expect(try added(store) == ["k3→701W", "k4→701W"])
        #expect(try store.salesforceRules().first?.activeFrom == nil)
    }

    @Test("R20 a store written before the rules kept their additions migrates, and its rules fire on the stored events")
    func migration() throws {
        let t = TestFolder()
        let queue = try DatabaseQueue(path: t.storePath)
        try StoreSchema.migrator.migrate(queue, upTo: "v1-campaigns-assets-contacts-events")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO assets (id, type, name) VALUES ('f1', 'form', 'Register');
                INSERT INTO contacts (id, email, created_at) VALUES ('k1', 'ann@example.com', 0);
                INSERT INTO events (time, type, contact_id, asset_id) VALUES (10, 2, 'k1', 'f1'), (20, 2, 'k1', 'f1');
                INSERT INTO salesforce_rules (asset_id, salesforce_campaign_id, status) VALUES ('f1', '701R', 'Registered');
                INSERT INTO contact_salesforce_campaigns (contact_id, salesforce_campaign_id, status) VALUES ('k1', '701A', 'Sent');
                """)
        }
        try queue.close()
        let store = try t.open()
        let additions = try store.salesforceAdditions()
        #expect(additions.map(\.eventTime) == [Instant(microseconds: 10)])
        #expect(try store.salesforceRules().map(\.addedAt) == [nil])
        #expect(try store.salesforceMemberships(ofContact: "k1").first?.origin == .imported(source: nil, at: nil))
        #expect(try store.loadDataset().contacts.first?.salesforceCampaignIDs == ["701A", "701R"])
    }
}
