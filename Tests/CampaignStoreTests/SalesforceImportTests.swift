import CampaignKit
import Foundation
import GRDB
import Testing
@testable import CampaignStore

/// R20: `utmost salesforce import FILE` and a folder's salesforce_members.csv.
struct SalesforceImportTests {
    private typealias F = SalesforceFixture

    private func memberships(_ store: CampaignStore) throws -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: try store.loadDataset().contacts.map { ($0.id, $0.salesforceCampaignIDs) })
    }

    @Test("R20 import members by contact id and by email (ignoring case), with status and source")
    func idsAndEmails() throws {
        let t = try F.store()
        let path = F.file(t, "members.csv", """
            salesforce_campaign_id,contact_id,email,status
            701A,k1,,Attended
            701A,,BOB@example.COM,Visited booth
            701B,,ann@EXAMPLE.com,
            701B,k4,,Registered

            """)
        let store = try t.open()
        let result = try store.importSalesforceMembers(path, now: F.instant("2024-06-02T00:00:00Z"))
        #expect(result.new == 4 && result.statusUpdated == 0 && result.unchanged == 0)
        let byContact = try memberships(store)
        #expect(byContact["k1"] == ["701A", "701B"])
        #expect(byContact["k2"] == ["701A"])
        #expect(byContact["k3"] == [])
        #expect(byContact["k4"] == ["701B"])
        let k2 = try store.salesforceMemberships(ofContact: "k2")
        #expect(k2 == [SalesforceMembership(salesforceCampaignID: "701A", status: "Visited booth",
                                            origin: .imported(source: "members.csv", at: F.instant("2024-06-02T00:00:00Z")))])
    }

    @Test("R20 import takes Salesforce's own headers; its unknown ContactId next to a known Email matches by email")
    func salesforceHeaders() throws {
        let t = try F.store()
        let path = F.file(t, "sf-export.csv", """
            Id,CampaignId,ContactId,LeadId,Email,Status,FirstName
            00v1,701A,003Hs000001,,cy@example.com,Responded,Cy
            00v2,701A,k4,,,Sent,Dee

            """)
        let store = try t.open()
        try store.importSalesforceMembers(path, now: F.now)
        let byContact = try memberships(store)
        #expect(byContact["k3"] == ["701A"] && byContact["k4"] == ["701A"])
        #expect(try store.salesforceMemberships(ofContact: "k3").first?.status == "Responded")
    }

    @Test("#12.9 R20 an unknown contact is skipped with a warning naming file, line and column; the other rows are imported and the skipped counted")
    func unknownContact() throws {
        let t = try F.store()
        let path = F.file(t, "members.csv", """
            salesforce_campaign_id,contact_id,email,status
            701A,k1,,Attended
            701A,k9,,Attended
            701A,,nobody@example.com,Sent
            701A,003Hs000009,nobody@example.com,Sent
            701A,,BOB@example.com,Sent

            """)
        let store = try t.open()
        let result = try store.importSalesforceMembers(path, now: F.now)
        #expect(result.new == 2 && result.statusUpdated == 0 && result.unchanged == 0)
        #expect(result.skipped.map(\.description) == [
            "\(path):3:2 (contact_id): no contact with id \"k9\" in the store; the row is skipped",
            "\(path):4:3 (email): no contact with email \"nobody@example.com\" in the store; the row is skipped",
            "\(path):5:3 (email): no contact with id \"003Hs000009\" or email \"nobody@example.com\" in the store; the row is skipped",
        ])
        let byContact = try memberships(store)
        #expect(byContact["k1"] == ["701A"] && byContact["k2"] == ["701A"])
        #expect(byContact.count == 4, "no contact invented")
    }

    @Test("#12.9 R20 a folder's salesforce_members.csv: an unknown contact is skipped with a warning, the rest imported, the skipped counted")
    func unknownContactInFolder() throws {
        let t = TestFolder()
        t.write(F.folder.merging(["salesforce_members.csv": """
            salesforce_campaign_id,contact_id,email,status
            701A,k1,,Attended
            701A,lead-7,,Attended
            701B,,cy@example.com,

            """]) { $1 })
        let summary = try t.importData(now: F.now)
        #expect(summary.salesforceMembers == 2)
        #expect(summary.skippedSalesforceMembers == [
            DataFileError(file: "salesforce_members.csv", line: 3, column: 2, columnName: "contact_id",
                          message: "no contact with id \"lead-7\" in contacts.csv or the store; the row is skipped"),
        ])
        let byContact = try memberships(t.open())
        #expect(byContact["k1"] == ["701A"] && byContact["k3"] == ["701B"])
        #expect(byContact["lead-7"] == nil)
    }

    @Test("R20 a member's id and email naming two contacts, an email two contacts share, a row naming none: refused")
    func ambiguousRows() throws {
        let t = try F.store(["contacts.csv": F.folder["contacts.csv"]! + "k5,ANN@example.com,2024-02-05T00:00:00Z,\n"])
        let store = try t.open()
        let cases: [(String, String)] = [
            ("salesforce_campaign_id,contact_id,email\n701A,k1,bob@example.com\n", "name different contacts (k2 has that email)"),
            ("salesforce_campaign_id,email\n701A,ann@example.com\n", "belongs to two contacts, k1 and k5"),
            ("salesforce_campaign_id,contact_id,email\n701A,,\n", "a member needs a contact_id or an email"),
            ("salesforce_campaign_id,status\n701A,Sent\n", "missing column \"contact_id\""),
            ("contact_id,status\nk1,Sent\n", "missing required column \"salesforce_campaign_id\" or \"CampaignId\""),
        ]
        for (index, (text, fragment)) in cases.enumerated() {
            let path = F.file(t, "bad\(index).csv", text)
            let error = #expect(throws: (any Error).self) { try store.importSalesforceMembers(path, now: F.now) }
            #expect("\(error.map { "\($0)" } ?? "")".contains(fragment), "\(String(describing: error))")
        }
        // The id decides when the email is shared.
        try store.importSalesforceMembers(F.file(t, "ok.csv", "CampaignId,ContactId,Email\n701A,k5,ann@example.com\n"), now: F.now)
        #expect(try memberships(store)["k5"] == ["701A"])
    }

    @Test("R20 a known member takes the file's new status; a repeated pair counts once; nothing is removed")
    func statusUpdates() throws {
        let t = try F.store(["salesforce_members.csv": """
            salesforce_campaign_id,contact_id,email,status
            701A,k1,,Registered
            701B,k2,,Sent

            """])
        let store = try t.open()
        let path = F.file(t, "members.csv", """
            CampaignId,ContactId,Status
            701A,k1,Attended
            701A,k1,No show
            701B,k2,
            701C,k3,Sent

            """)
        let result = try store.importSalesforceMembers(path, now: F.now)
        #expect(result.new == 1 && result.statusUpdated == 1 && result.unchanged == 2)
        let k1 = try store.salesforceMemberships(ofContact: "k1")
        #expect(k1.map(\.status) == ["Attended"])
        #expect(k1.first?.origin == .imported(source: "salesforce_members.csv", at: F.now))
        #expect(try store.salesforceMemberships(ofContact: "k2").map(\.status) == ["Sent"])
        #expect(try memberships(store)["k3"] == ["701C"])
    }

    @Test("R20 a folder's salesforce_members.csv gives a status to a membership contacts.csv listed")
    func folderStatusAfterContacts() throws {
        let contacts = "id,email,created_at,salesforce_campaign_ids\nk1,ann@example.com,2024-02-01T00:00:00Z,701A\n"
        let t = TestFolder()
        t.write(["contacts.csv": contacts, "salesforce_members.csv": "CampaignId,Email,Status\n701A,Ann@Example.com,Attended\n"])
        let summary = try t.importData()
        #expect(summary.salesforceMembers == 0 && summary.salesforceStatusUpdates == 1)
        let k1 = try t.open().salesforceMemberships(ofContact: "k1")
        #expect(k1 == [SalesforceMembership(salesforceCampaignID: "701A", status: "Attended",
                                            origin: .imported(source: "contacts.csv", at: TestData.now))])
    }
}
