import GRDB

/// The store's schema: named, append-only migrations. Never edit a
/// registered migration; add a new one.
///
/// Instants are INTEGER microseconds since 1970 UTC, calendar dates TEXT
/// `YYYY-MM-DD`, amounts TEXT decimals. Every table has a `seq` rowid that is
/// its data order (import order, then line; edits append). History is rows:
/// utm values and association intervals are only ever inserted, and an
/// interval's `dissociated_at` is set once, when it closes.
enum StoreSchema {
    /// `PRAGMA application_id`: "utmo", so a store is recognisable as ours.
    static let applicationID: Int32 = 0x7574_6D6F

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-campaigns-assets-contacts-events", migrate: v1)
        return migrator
    }

    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            PRAGMA application_id = \(applicationID);

            CREATE TABLE campaigns (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                name_key TEXT NOT NULL UNIQUE,          -- R1: trimmed, lowercased
                created_at INTEGER NOT NULL,
                start_date TEXT,
                end_date TEXT,
                owner TEXT,
                notes TEXT,
                color TEXT,
                budget TEXT,
                utm_key TEXT NOT NULL                   -- the current value's key (R2, R3)
            );

            -- Every utm value a campaign carries or carried, with its attachment (R3, R4).
            CREATE TABLE utm_values (
                seq INTEGER PRIMARY KEY,
                campaign_id TEXT NOT NULL REFERENCES campaigns(id),
                value TEXT NOT NULL,
                key TEXT NOT NULL UNIQUE,               -- a key belongs to one campaign
                attached_at INTEGER NOT NULL
            );
            CREATE INDEX utm_values_campaign ON utm_values(campaign_id);

            -- The names each campaign carried and their value, so a rename back reuses it (R3).
            CREATE TABLE campaign_names (
                seq INTEGER PRIMARY KEY,
                campaign_id TEXT NOT NULL REFERENCES campaigns(id),
                name TEXT NOT NULL,
                utm_key TEXT NOT NULL,
                named_at INTEGER NOT NULL
            );
            CREATE INDEX campaign_names_campaign ON campaign_names(campaign_id);

            CREATE TABLE assets (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL,
                name TEXT NOT NULL,
                url TEXT,
                published_at INTEGER
            );

            CREATE TABLE asset_keywords (
                seq INTEGER PRIMARY KEY,
                asset_id TEXT NOT NULL REFERENCES assets(id),
                keyword TEXT NOT NULL
            );

            CREATE TABLE associations (
                seq INTEGER PRIMARY KEY,
                asset_id TEXT NOT NULL REFERENCES assets(id),
                campaign_id TEXT NOT NULL REFERENCES campaigns(id),
                associated_at INTEGER NOT NULL,
                dissociated_at INTEGER CHECK (dissociated_at > associated_at)
            );
            CREATE INDEX associations_asset ON associations(asset_id);

            CREATE TABLE contacts (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                email TEXT,
                created_at INTEGER NOT NULL
            );

            -- R11: the contact each visitor id belongs to; `listed` when the
            -- contact lists it, else learned from an event carrying both ids.
            CREATE TABLE visitors (
                seq INTEGER PRIMARY KEY,
                visitor_id TEXT NOT NULL UNIQUE,
                contact_id TEXT NOT NULL REFERENCES contacts(id),
                listed INTEGER NOT NULL
            );

            -- R20: the Salesforce campaigns a contact is a member of.
            CREATE TABLE contact_salesforce_campaigns (
                seq INTEGER PRIMARY KEY,
                contact_id TEXT NOT NULL REFERENCES contacts(id),
                salesforce_campaign_id TEXT NOT NULL,
                status TEXT,
                UNIQUE (contact_id, salesforce_campaign_id)
            );

            CREATE TABLE deals (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                name TEXT,
                amount TEXT NOT NULL,
                stage TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                close_date INTEGER
            );

            CREATE TABLE deal_contacts (
                seq INTEGER PRIMARY KEY,
                deal_id TEXT NOT NULL REFERENCES deals(id),
                contact_id TEXT NOT NULL REFERENCES contacts(id),
                associated_at INTEGER NOT NULL,
                UNIQUE (deal_id, contact_id)
            );

            -- Events are many: no foreign keys and no secondary index, so that
            -- import stays fast and the file small. `type` is an event_types code.
            -- `seq` is the rowid: events are never deleted, so each new one gets
            -- max(seq) + 1 and seq stays the data order, without AUTOINCREMENT's
            -- extra sqlite_sequence update on every insert.
            CREATE TABLE events (
                seq INTEGER PRIMARY KEY,
                time INTEGER NOT NULL,
                type INTEGER NOT NULL,
                visitor_id TEXT,
                contact_id TEXT,
                session_id TEXT,
                asset_id TEXT,
                keyword TEXT,
                url TEXT,
                referrer TEXT
            );

            CREATE TABLE event_types (
                code INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE
            );

            CREATE TABLE salesforce_rules (
                seq INTEGER PRIMARY KEY,
                asset_id TEXT NOT NULL REFERENCES assets(id),
                salesforce_campaign_id TEXT NOT NULL,
                status TEXT,
                UNIQUE (asset_id, salesforce_campaign_id)
            );

            CREATE TABLE imports (
                seq INTEGER PRIMARY KEY,
                folder TEXT NOT NULL,
                imported_at INTEGER NOT NULL,
                events INTEGER NOT NULL
            );
            """)
        for (type, code) in EventTypeCode.codes {
            try db.execute(sql: "INSERT INTO event_types (code, name) VALUES (?, ?)", arguments: [code, type.rawValue])
        }
    }
}
