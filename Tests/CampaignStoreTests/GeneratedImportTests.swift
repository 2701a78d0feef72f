import CampaignKit
import Foundation
import Synthetic
import Testing
@testable import CampaignStore

/// `utmost generate`'s folders must import: the generator's data is valid
/// (SPEC §7), and DataFolderWriter's CSV reads back as what was written.
struct GeneratedImportTests {
    @Test("§8 a generated folder imports without error and loads back as generated")
    func generatedFolderRoundTrips() throws {
        let t = TestFolder()
        let generator = Generator(contacts: 2_000, seed: 3)
        let summary = try DataFolderWriter.write(generator, to: t.data.path)
        let imported = try t.importData()
        let expected = generator.dataset()
        #expect(summary.events == expected.events.count && imported.events == expected.events.count)
        #expect(imported.campaigns == expected.campaigns.count && imported.contacts == expected.contacts.count)
        #expect(imported.deals == expected.deals.count && imported.associations == expected.associations.count)

        let loaded = try t.open().loadDataset()
        #expect(loaded.campaigns == expected.campaigns)
        #expect(loaded.assets == expected.assets)
        #expect(loaded.associations == expected.associations)
        // R20: the generated rule on a form adds each contact that submitted that form to its Salesforce campaign.
        let strip = { (contacts: [Contact]) in contacts.map { var c = $0; c.salesforceCampaignIDs = []; return c } }
        #expect(strip(loaded.contacts) == strip(expected.contacts))
        var added: [String: [String]] = [:]
        for rule in expected.salesforceRules {
            for e in expected.events where e.type == .formSubmission && e.assetID == rule.assetID {
                if let k = e.contactID, !(added[k] ?? []).contains(rule.salesforceCampaignID) { added[k, default: []].append(rule.salesforceCampaignID) }
            }
        }
        #expect(!added.isEmpty)
        for (c, generated) in zip(loaded.contacts, expected.contacts) {
            #expect(Set(c.salesforceCampaignIDs) == Set(generated.salesforceCampaignIDs + (added[c.id] ?? [])), "contact \(c.id)")
        }
        #expect(loaded.deals == expected.deals)
        #expect(loaded.dealContacts == expected.dealContacts)
        #expect(loaded.salesforceRules == expected.salesforceRules)
        #expect(loaded.events.count == expected.events.count)
        let firstDifference = loaded.events.indices.first { loaded.events[$0] != expected.events[$0] }
        #expect(firstDifference == nil, "event \(firstDifference ?? -1) differs")
    }

    @Test("§8 cells with commas, quotes, line breaks and fractions of a second survive RFC 4180 quoting")
    func quoting() throws {
        let t = TestFolder()
        var data = Generator(contacts: 50, seed: 5).dataset()
        data.campaigns[0].name = "Spring, \"the big one\""
        data.campaigns[0].notes = "line one\nline two\r\nline three"
        data.campaigns[1].owner = "  padded owner"
        data.assets[0].name = "Asset, with \"quotes\""
        var events = Array(data.events)
        events[0].url = "https://www.example.com/a,b?utm_campaign=x%2Cy&q=\"z\""
        events[0].time = Instant(microseconds: 1_700_000_000_123_450)
        events[1].time = Instant(microseconds: -86_400_000_001)
        data.events = EventTable(events)
        data.contacts[0].salesforceCampaignIDs = ["701A", "701B"]
        try DataFolderWriter.write(data, to: t.data.path)
        try t.importData()
        let loaded = try t.open().loadDataset()
        #expect(loaded.campaigns.first { $0.id == data.campaigns[0].id }?.name == "Spring, \"the big one\"")
        #expect(loaded.campaigns.first { $0.id == data.campaigns[0].id }?.notes == "line one\nline two\r\nline three")
        #expect(loaded.campaigns.first { $0.id == data.campaigns[1].id }?.owner == "padded owner", "cells are trimmed (§8)")
        #expect(loaded.assets[0].name == "Asset, with \"quotes\"")
        #expect(loaded.events[0] == data.events[0])
        #expect(loaded.events[1].time == data.events[1].time)
        #expect(Array(loaded.contacts[0].salesforceCampaignIDs.prefix(2)) == ["701A", "701B"])
    }

    @Test("the writer formats instants as Instant.iso8601 does")
    func instants() throws {
        let t = TestFolder()
        var rng = SeededRandom(seed: 9)
        var instants: [Instant] = [Instant(microseconds: 0), Instant(microseconds: -1), Instant(microseconds: 999_999),
                                   Instant(iso8601: "2024-02-29T23:59:59.5Z")!, Instant(iso8601: "1999-12-31T00:00:00Z")!]
        for _ in 0..<500 { instants.append(Instant(microseconds: Int64(rng.int(-2_000_000_000_000_000...4_000_000_000_000_000)))) }
        let path = t.root.appendingPathComponent("instants.csv").path
        let w = try CSVFileWriter(path: path, header: ["time"])
        for i in instants { w.cell(i); w.endRow() }
        try w.close()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
        #expect(lines == instants.map(\.iso8601))
    }
}
