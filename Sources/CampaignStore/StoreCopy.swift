/// `utmost store copy` (#16): every row of one store into a new, empty one, of either kind,
/// inside the caller's transactions (a read of the source, the write that makes the target),
/// so the target holds all of the source or nothing.
///
/// Rows keep their `seq` (the data order the engine reads, and what revisions name), and each
/// table's high-water mark goes along (SQLite's `sqlite_sequence`, PostgreSQL's identity
/// sequences): a `seq` the source handed out once, even to a row an undo deleted since, is
/// never handed out again by the target.
package enum StoreCopy {
    /// A table of the store's data and the columns both schemas give it.
    package struct Table: Sendable {
        package let name: String
        package let columns: [String]
    }

    /// Every table of a store's content, each after those it refers to. The bookkeeping
    /// (migrations, PostgreSQL's version counter, the SQLite store's kept event order,
    /// `StoredEventOrder`, which its next import works out again, and its count of rewrites,
    /// `row_rewrites`, which starts anew) is each store's own, and
    /// `event_types` is the same fixed list in both. `StoreCopyTests` checks this against both schemas.
    package static let tables: [Table] = [
        Table(name: "campaigns", columns: ["seq", "id", "name", "name_key", "created_at", "start_date", "end_date",
                                           "owner", "notes", "color", "budget", "utm_key"]),
        Table(name: "utm_values", columns: ["seq", "campaign_id", "value", "key", "attached_at", "alias_value"]),
        Table(name: "campaign_names", columns: ["seq", "campaign_id", "name", "utm_key", "named_at"]),
        Table(name: "campaign_archivings", columns: ["seq", "campaign_id", "archived_at", "unarchived_at"]),
        Table(name: "assets", columns: ["seq", "id", "type", "name", "url", "published_at"]),
        Table(name: "asset_keywords", columns: ["seq", "asset_id", "keyword"]),
        Table(name: "associations", columns: ["seq", "asset_id", "campaign_id", "associated_at", "dissociated_at"]),
        Table(name: "contacts", columns: ["seq", "id", "email", "created_at"]),
        Table(name: "visitors", columns: ["seq", "visitor_id", "contact_id", "listed"]),
        Table(name: "contact_salesforce_campaigns", columns: ["seq", "contact_id", "salesforce_campaign_id", "status",
                                                              "source", "imported_at"]),
        Table(name: "deals", columns: ["seq", "id", "name", "amount", "stage", "created_at", "close_date"]),
        Table(name: "deal_contacts", columns: ["seq", "deal_id", "contact_id", "associated_at"]),
        Table(name: "events", columns: ["seq", "time", "type", "visitor_id", "contact_id", "session_id", "asset_id",
                                        "keyword", "url", "referrer"]),
        // After the events they cover: a chunk found before its rows would be dropped as stale.
        Table(name: "event_chunks", columns: ["seq", "last_event_seq", "events", "data"]),
        Table(name: "salesforce_rules", columns: ["seq", "asset_id", "salesforce_campaign_id", "status", "added_at",
                                                  "active_from", "removed_at"]),
        Table(name: "salesforce_additions", columns: ["seq", "contact_id", "salesforce_campaign_id", "status", "rule_seq",
                                                      "asset_id", "event_seq", "event_time", "added_at", "exported_at"]),
        Table(name: "imports", columns: ["seq", "folder", "imported_at", "events"]),
    ]

    /// Rows read and written at a time: the events of a large store never sit in memory whole.
    static let batch = 10_000

    /// Copies every table of `source` into `target`, whose schema is current and which holds
    /// no row; returns the number of rows copied.
    @discardableResult
    package static func copy(from source: some StoreDatabase, to target: some StoreDatabase) throws -> Int {
        var copied = 0
        for table in tables {
            let select = "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) WHERE seq > ? ORDER BY seq LIMIT \(batch)"
            var after: Int64 = .min
            while true {
                let rows = try source.rows(select, [after])
                guard let last = rows.last else { break }
                try target.insertRows(into: table.name, columns: table.columns, rows.map { $0.values })
                after = last[0]
                copied += rows.count
            }
            try setHighWaterMark(of: table.name, in: target, to: highWaterMark(of: table.name, in: source))
        }
        return copied
    }

    /// The largest `seq` the table ever handed out, as far as the database remembers.
    private static func highWaterMark(of table: String, in db: some StoreDatabase) throws -> Int64 {
        let largest = try db.value(Int64.self, "SELECT max(seq) FROM \(table)") ?? 0
        let remembered: Int64?
        switch db.dialect {
        case .sqlite:
            remembered = try db.value(Int64.self, "SELECT seq FROM sqlite_sequence WHERE name = ?", [table])
        case .postgres:
            remembered = try db.value(Int64.self, "SELECT last_value FROM pg_sequences WHERE schemaname || '.' || sequencename = pg_get_serial_sequence(?, 'seq')", [table])
        }
        return max(largest, remembered ?? 0)
    }

    /// Makes the table hand out `seq`s above `mark`. SQLite does so by itself for the
    /// tables without `AUTOINCREMENT` (the next is the largest plus one), which forget the
    /// rows deleted at the end: the target keeps what the source kept, no more.
    private static func setHighWaterMark(of table: String, in db: some StoreDatabase, to mark: Int64) throws {
        guard mark > 0 else { return }
        switch db.dialect {
        case .sqlite:
            guard try db.value(Int.self, "SELECT count(*) FROM sqlite_master WHERE name = ? AND sql LIKE '%AUTOINCREMENT%'", [table]) == 1
            else { return }
            try db.exec("DELETE FROM sqlite_sequence WHERE name = ?", [table])
            try db.exec("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [table, mark])
        case .postgres:
            try db.exec("SELECT setval(pg_get_serial_sequence(?, 'seq'), ?)", [table, mark])
        }
    }
}

extension SQLStore {
    /// Copies this whole store, as one read transaction sees it, into `target` (see `StoreCopy`).
    package func copyRows(into target: some StoreDatabase) throws -> Int {
        try read { try StoreCopy.copy(from: $0, to: target) }
    }
}

extension CampaignStore {
    /// A new store at `path`, where there is none (no file, or an empty one), holding a copy
    /// of `source`; returns the number of rows copied. Built as a first import is
    /// (`createFilled`): a failed copy leaves no store behind.
    @discardableResult
    package static func createCopy(of source: some SQLStore, at path: String) throws -> Int {
        NewStoreFile(for: path).removeStale()
        guard try isNew(path) else { throw StoreError.notEmpty(store: path) }
        return try createFilled(at: path, replacingEmptyFile: RegularFile.kind(at: path) == .regular) { _, db in
            try source.copyRows(into: db)
        }
    }
}
