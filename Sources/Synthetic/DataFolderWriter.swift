import CampaignKit
import Foundation

/// Writes a data folder (SPEC §8): one CSV file per kind of row, RFC 4180
/// quoting where a cell needs it. Events are streamed from the generator
/// straight into the file's buffer, so a folder of any size is written
/// without holding its events in memory.
public enum DataFolderWriter {
    /// What was written.
    public struct Summary: Sendable, Equatable {
        public var campaigns = 0
        public var assets = 0
        public var contacts = 0
        public var deals = 0
        public var events = 0
        /// Bytes of all the files together.
        public var bytes = 0
    }

    /// Generates the history of `generator` into `folder` (created when missing).
    /// - Parameter progress: called now and then with the fraction done, 0...1.
    @discardableResult
    public static func write(_ generator: Generator, to folder: String,
                             progress: ((Double) -> Void)? = nil) throws -> Summary {
        try prepare(folder)
        let entities = generator.entities()
        var summary = try writeEntities(entities, to: folder)
        let events = try CSVFileWriter(path: path(folder, "events.csv"), header: eventHeader)
        var count = 0
        generator.events(entities: entities, progress: { done, total in
            progress?(total == 0 ? 1 : Double(done) / Double(total))
        }) { event in
            row(event, events)
            count += 1
        }
        try events.close()
        summary.events = count
        summary.bytes += events.bytesWritten
        progress?(1)
        return summary
    }

    /// Writes a dataset held in memory (small data, tests).
    @discardableResult
    public static func write(_ dataset: Dataset, to folder: String) throws -> Summary {
        try prepare(folder)
        let entities = Generator.Entities(campaigns: dataset.campaigns, assets: dataset.assets,
                                          associations: dataset.associations, contacts: dataset.contacts,
                                          deals: dataset.deals, dealContacts: dataset.dealContacts,
                                          salesforceRules: dataset.salesforceRules)
        var summary = try writeEntities(entities, to: folder)
        let events = try CSVFileWriter(path: path(folder, "events.csv"), header: eventHeader)
        for event in dataset.events { row(event, events) }
        try events.close()
        summary.events = dataset.events.count
        summary.bytes += events.bytesWritten
        return summary
    }

    static let eventHeader = ["time", "type", "visitor_id", "contact_id", "session_id", "url", "referrer", "asset_id", "keyword"]

    @inline(__always)
    static func row(_ e: Event, _ w: CSVFileWriter) {
        w.cell(e.time)
        w.cell(e.type.rawValue)
        w.cell(e.visitorID)
        w.cell(e.contactID)
        w.cell(e.sessionID)
        w.cell(e.url)
        w.cell(e.referrer)
        w.cell(e.assetID)
        w.cell(e.keyword)
        w.endRow()
    }

    private static func prepare(_ folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A folder written before may hold an optional file this run does not write.
        for stale in ["utm_aliases.csv", "salesforce_members.csv", "salesforce_rules.csv"] {
            try? FileManager.default.removeItem(atPath: path(folder, stale))
        }
    }

    static func path(_ folder: String, _ file: String) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent(file).path
    }

    /// Every file but events.csv.
    static func writeEntities(_ e: Generator.Entities, to folder: String) throws -> Summary {
        var summary = Summary()
        var bytes = 0
        func file(_ name: String, _ header: [String], _ body: (CSVFileWriter) -> Void) throws {
            let w = try CSVFileWriter(path: path(folder, name), header: header, bufferSize: 1 << 18)
            body(w)
            try w.close()
            bytes += w.bytesWritten
        }

        try file("campaigns.csv", ["id", "name", "created_at", "start_date", "end_date", "owner", "budget", "notes",
                                   "color", "utm_campaign", "utm_attached_at"]) { w in
            for c in e.campaigns {
                w.cell(c.id); w.cell(c.name); w.cell(c.createdAt); w.cell(c.startDate); w.cell(c.endDate)
                w.cell(c.owner); w.cell(c.budget); w.cell(c.notes); w.cell(c.color); w.cell(c.utm.value)
                w.cell(c.utm.attachedAt); w.endRow()
            }
        }
        if e.campaigns.contains(where: { !$0.aliases.isEmpty }) {
            try file("utm_aliases.csv", ["campaign_id", "utm_campaign", "attached_at"]) { w in
                for c in e.campaigns {
                    for alias in c.aliases { w.cell(c.id); w.cell(alias.value); w.cell(alias.attachedAt); w.endRow() }
                }
            }
        }
        try file("assets.csv", ["id", "type", "name", "url", "published_at", "keywords"]) { w in
            for a in e.assets {
                w.cell(a.id); w.cell(a.type.rawValue); w.cell(a.name); w.cell(a.url); w.cell(a.publishedAt)
                w.list(a.keywords); w.endRow()
            }
        }
        try file("associations.csv", ["asset_id", "campaign_id", "associated_at", "dissociated_at"]) { w in
            for a in e.associations {
                w.cell(a.assetID); w.cell(a.campaignID); w.cell(a.associatedAt); w.cell(a.dissociatedAt); w.endRow()
            }
        }
        try file("contacts.csv", ["id", "email", "created_at", "visitor_ids", "salesforce_campaign_ids"]) { w in
            for c in e.contacts {
                w.cell(c.id); w.cell(c.email); w.cell(c.createdAt); w.list(c.visitorIDs); w.list(c.salesforceCampaignIDs)
                w.endRow()
            }
        }
        try file("deals.csv", ["id", "name", "amount", "stage", "created_at", "close_date"]) { w in
            for d in e.deals {
                w.cell(d.id); w.cell(d.name); w.cell(d.amount); w.cell(d.stage.rawValue); w.cell(d.createdAt)
                w.cell(d.closeDate); w.endRow()
            }
        }
        try file("deal_contacts.csv", ["deal_id", "contact_id", "associated_at"]) { w in
            for l in e.dealContacts { w.cell(l.dealID); w.cell(l.contactID); w.cell(l.associatedAt); w.endRow() }
        }
        if !e.salesforceRules.isEmpty {
            try file("salesforce_rules.csv", ["asset_id", "salesforce_campaign_id", "status"]) { w in
                for r in e.salesforceRules { w.cell(r.assetID); w.cell(r.salesforceCampaignID); w.cell(r.status); w.endRow() }
            }
        }
        summary.campaigns = e.campaigns.count
        summary.assets = e.assets.count
        summary.contacts = e.contacts.count
        summary.deals = e.deals.count
        summary.bytes = bytes
        return summary
    }
}
