import CampaignKit
import Foundation
import GRDB
import GRDBSQLite

/// Writes a validated `ImportPlan` inside the caller's transaction.
enum ImportWriter {
    /// - Returns: the number of Salesforce additions the folder's rules and events made (R20).
    @discardableResult
    static func write(_ plan: ImportPlan, folder: String, now: Instant, to db: Database,
                      progress: ImportProgress? = nil) throws -> Int {
        let marks = try SalesforceRules.marks(db)
        try writeCampaigns(plan, to: db)
        try writeRest(plan, now: now, to: db, progress: progress)
        try db.execute(sql: "INSERT INTO imports (folder, imported_at, events) VALUES (?, ?, ?)",
                       arguments: [folder, now.microseconds, plan.eventCount])
        return try SalesforceRules.apply(db, rulesAfter: marks.rules, eventsAfter: marks.events, now: now)
    }

    /// The plan's campaigns, with their names' history, and utm values.
    static func writeCampaigns(_ plan: ImportPlan, to db: Database) throws {
        for c in plan.campaigns {
            try db.execute(sql: """
                INSERT INTO campaigns (id, name, name_key, created_at, start_date, end_date, owner, notes, color, budget, utm_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [c.id, c.name, CampaignName.key(c.name), c.createdAt.microseconds,
                                 c.startDate?.description, c.endDate?.description, c.owner, c.notes, c.color,
                                 c.budget.map { "\($0)" }, c.utm.key])
            try db.execute(sql: "INSERT INTO campaign_names (campaign_id, name, utm_key, named_at) VALUES (?, ?, ?, ?)",
                           arguments: [c.id, c.name, c.utm.key, c.createdAt.microseconds])
        }
        let utm = try db.makeStatement(sql: "INSERT INTO utm_values (campaign_id, value, key, attached_at) VALUES (?, ?, ?, ?)")
        for (campaignID, value) in plan.utmValues {
            try utm.execute(arguments: [campaignID, value.value, value.key, value.attachedAt.microseconds])
        }
        let listedAsAlias = try db.makeStatement(sql: """
            UPDATE utm_values SET attached_at = min(attached_at, ?), alias_value = ? WHERE campaign_id = ? AND key = ?
            """)
        for listed in plan.currentValuesListedAsAliases {
            try listedAsAlias.execute(arguments: [listed.attachedAt.microseconds, listed.aliasSpelling, listed.campaignID, listed.key])
        }
    }

    private static func writeRest(_ plan: ImportPlan, now: Instant, to db: Database, progress: ImportProgress?) throws {
        let asset = try db.makeStatement(sql: "INSERT INTO assets (id, type, name, url, published_at) VALUES (?, ?, ?, ?, ?)")
        let keyword = try db.makeStatement(sql: "INSERT INTO asset_keywords (asset_id, keyword) VALUES (?, ?)")
        for a in plan.assets {
            try asset.execute(arguments: [a.id, a.type.rawValue, a.name, a.url, a.publishedAt?.microseconds])
            for k in a.keywords { try keyword.execute(arguments: [a.id, k]) }
        }
        let association = try db.makeStatement(sql: """
            INSERT INTO associations (asset_id, campaign_id, associated_at, dissociated_at) VALUES (?, ?, ?, ?)
            """)
        for a in plan.associations {
            try association.execute(arguments: [a.assetID, a.campaignID, a.associatedAt.microseconds,
                                                a.dissociatedAt?.microseconds])
        }
        let contact = try db.makeStatement(sql: "INSERT INTO contacts (id, email, created_at) VALUES (?, ?, ?)")
        for c in plan.contacts {
            try contact.execute(arguments: [c.id, c.email, c.createdAt.microseconds])
        }
        try writeSalesforceMembers(plan.salesforceMembers, now: now, to: db)
        let deal = try db.makeStatement(sql: """
            INSERT INTO deals (id, name, amount, stage, created_at, close_date) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for d in plan.deals {
            try deal.execute(arguments: [d.id, d.name, "\(d.amount)", d.stage.rawValue, d.createdAt.microseconds,
                                         d.closeDate?.microseconds])
        }
        let link = try db.makeStatement(sql: "INSERT INTO deal_contacts (deal_id, contact_id, associated_at) VALUES (?, ?, ?)")
        for l in plan.dealContacts {
            try link.execute(arguments: [l.dealID, l.contactID, l.associatedAt.microseconds])
        }
        // R20: a data folder's rules apply to every event, stored, in the folder or imported later.
        let rule = try db.makeStatement(sql: """
            INSERT INTO salesforce_rules (asset_id, salesforce_campaign_id, status, added_at) VALUES (?, ?, ?, ?)
            """)
        for r in plan.salesforceRules {
            try rule.execute(arguments: [r.assetID, r.salesforceCampaignID, r.status, now.microseconds])
        }
        let visitor = try db.makeStatement(sql: "INSERT INTO visitors (visitor_id, contact_id, listed) VALUES (?, ?, ?)")
        for v in plan.visitors {
            try visitor.execute(arguments: [v.visitorID, v.contactID, v.listed])
        }
        if let events = plan.events {
            // The chunks must cover the rows before new rows are added to them.
            var chunks = try EventChunks.catchUp(db)
            try EventChunks.appendingRows(db) {
                try writeEvents(events, times: plan.eventTimes, chunks: &chunks, to: db, progress: progress)
            }
            try chunks.flush(to: db)
        }
    }

    /// R20: imported memberships. A pair the store already holds keeps where it
    /// first came from and takes the new status, when the row gives one.
    static func writeSalesforceMembers(_ members: [ImportPlan.SalesforceMember], now: Instant, to db: Database) throws {
        let member = try db.makeStatement(sql: """
            INSERT INTO contact_salesforce_campaigns (contact_id, salesforce_campaign_id, status, source, imported_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (contact_id, salesforce_campaign_id) DO UPDATE SET status = coalesce(excluded.status, status)
            """)
        for m in members {
            try member.execute(arguments: [m.contactID, m.salesforceCampaignID, m.status, m.source, now.microseconds])
        }
    }

    /// Events go straight from the file's bytes to SQLite: no String per
    /// cell, text bound without copying, and rows inserted `batchRows` at a
    /// time so SQLite's per-statement work is shared. The rows after the last
    /// full batch go one at a time. Each row also goes to `chunks`, the
    /// columnar copy (`EventChunks`), from the same bytes.
    private static func writeEvents(_ validated: CSVReader, times: [Int64], chunks: inout ChunkWriter,
                                    to db: Database, progress: ImportProgress?) throws {
        let file = try DataFile<EventColumn>(reader: validated.rewound())
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
        let insert = "INSERT INTO events (time, type, visitor_id, contact_id, session_id, asset_id, keyword, url, referrer) VALUES "
        let batch = try db.makeStatement(sql: insert + Array(repeating: row, count: batchRows).joined(separator: ", "))
        let single = try db.makeStatement(sql: insert + row)
        let textColumns: [(cell: Int, offset: Int32, field: EventTable.Field)] = [
            (.visitor_id, 3, .visitor), (.contact_id, 4, .contact), (.session_id, 5, .session), (.asset_id, 6, .asset),
            (.keyword, 7, .keyword), (.url, 8, .url), (.referrer, 9, .referrer),
        ].compactMap { column, offset, field in file.index(column).map { ($0, offset, field) } }
        let reader = file.reader
        let count = times.count
        let batchedRows = count - count % batchRows
        var index = 0
        while try file.next() {
            let stmt = index < batchedRows ? batch.sqliteStatement : single.sqliteStatement
            let base = index < batchedRows ? Int32(index % batchRows * 9) : 0
            let time = times[index]
            let type = try file.eventType(.type)
            sqlite3_bind_int64(stmt, base + 1, time)
            sqlite3_bind_int64(stmt, base + 2, Int64(EventTypeCode.code(type)))
            chunks.pending.appendEvent(time: time, type: type)
            for (cell, offset, field) in textColumns {
                let bound = reader.withBytes(cell) { bytes in
                    chunks.pending.setLast(field, bytes: UnsafeRawBufferPointer(bytes))
                    // The file's buffer outlives the statement's step; escaped cells live in a reused buffer.
                    let destructor = reader.cells[cell].escaped ? SQLITE_TRANSIENT : SQLITE_STATIC
                    return sqlite3_bind_text(stmt, base + offset, UnsafeRawPointer(bytes.baseAddress!)
                        .assumingMemoryBound(to: CChar.self), Int32(bytes.count), destructor)
                }
                if bound == nil { sqlite3_bind_null(stmt, base + offset) }
            }
            index += 1
            if index % progressRows == 0 { progress?(0.5 + 0.45 * Double(index) / Double(max(count, 1))) }
            if index > batchedRows || index % batchRows == 0 {
                let code = sqlite3_step(stmt)
                sqlite3_reset(stmt)
                guard code == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
            }
            try chunks.flushIfFull(to: db)
        }
    }

    /// Rows between two progress reports.
    static let progressRows = 1 << 16

    /// Rows per multi-row INSERT: 64 × 9 parameters stay far below SQLite's limit.
    private static let batchRows = 64

    private static let SQLITE_STATIC: sqlite3_destructor_type? = nil
    private static let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
