import CampaignKit
import Foundation
import GRDB

/// The store's schema: named, append-only migrations. Never edit a
/// registered migration; add a new one.
///
/// Instants are INTEGER microseconds since 1970 UTC, calendar dates TEXT
/// `YYYY-MM-DD`, amounts TEXT decimals. Every table has a `seq` rowid that is
/// its data order (import order, then line; edits append). History is rows:
/// utm values and association intervals are only ever inserted, and an
/// interval's `dissociated_at` is set once, when it closes. The one exception is
/// an undo of an edit nothing has counted yet (`CampaignStore+Undo.swift`), which
/// removes the rows that edit added; their `seq` is never given out again.
package enum StoreSchema {
    /// `PRAGMA application_id`: "utmo", so a store is recognisable as ours.
    static let applicationID: Int32 = 0x7574_6D6F

    /// The migrations' names, in order: the PostgreSQL store registers the same ones.
    package static var migrationNames: [String] { migrator.migrations }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-campaigns-assets-contacts-events", migrate: v1)
        migrator.registerMigration("v2-salesforce-rule-periods-and-additions", migrate: v2)
        migrator.registerMigration("v3-event-chunks", migrate: v3)
        migrator.registerMigration("v4-current-utm-value-listed-as-alias", migrate: v4)
        migrator.registerMigration("v5-event-changes-drop-event-chunks", migrate: v5)
        migrator.registerMigration("v6-archived-campaigns-and-undo", migrate: v6)
        migrator.registerMigration("v7-event-order", migrate: v7)
        migrator.registerMigration("v8-rewrites-of-appended-tables", migrate: v8)
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

    /// R20: rules get the period of events they apply to (so one can be removed
    /// and added again without rewriting history), imported memberships say where
    /// they came from, and the additions rules make are kept with the event that
    /// made them and whether they were exported.
    private static func v2(_ db: Database) throws {
        try db.execute(sql: """
            -- A rule applies to the form_submission / workflow_enrollment events at
            -- instants in [active_from, removed_at). active_from NULL: every event
            -- (rules of a data folder); removed_at NULL: in force.
            CREATE TABLE salesforce_rules_v2 (
                seq INTEGER PRIMARY KEY,
                asset_id TEXT NOT NULL REFERENCES assets(id),
                salesforce_campaign_id TEXT NOT NULL,
                status TEXT,
                added_at INTEGER,                       -- when the store got it; NULL for rules older than v2
                active_from INTEGER,
                removed_at INTEGER
            );
            INSERT INTO salesforce_rules_v2 (seq, asset_id, salesforce_campaign_id, status)
                SELECT seq, asset_id, salesforce_campaign_id, status FROM salesforce_rules;
            DROP TABLE salesforce_rules;
            ALTER TABLE salesforce_rules_v2 RENAME TO salesforce_rules;
            CREATE UNIQUE INDEX salesforce_rules_in_force ON salesforce_rules(asset_id, salesforce_campaign_id)
                WHERE removed_at IS NULL;
            CREATE INDEX salesforce_rules_asset ON salesforce_rules(asset_id);

            -- Where an imported membership first came from (a file name) and when.
            ALTER TABLE contact_salesforce_campaigns ADD COLUMN source TEXT;
            ALTER TABLE contact_salesforce_campaigns ADD COLUMN imported_at INTEGER;

            -- R20: a rule's event added the contact to the Salesforce campaign, once per pair.
            CREATE TABLE salesforce_additions (
                seq INTEGER PRIMARY KEY,
                contact_id TEXT NOT NULL REFERENCES contacts(id),
                salesforce_campaign_id TEXT NOT NULL,
                status TEXT,                            -- the rule's status when it fired
                rule_seq INTEGER NOT NULL REFERENCES salesforce_rules(seq),
                asset_id TEXT NOT NULL REFERENCES assets(id),
                event_seq INTEGER NOT NULL,             -- events.seq of the event that fired the rule
                event_time INTEGER NOT NULL,
                added_at INTEGER NOT NULL,              -- when the store recorded the addition
                exported_at INTEGER,                    -- last `salesforce export` that wrote it; NULL: pending
                UNIQUE (contact_id, salesforce_campaign_id)
            );
            """)
        // Rules of a store older than v2 never fired: let them fire on the stored events now.
        let now = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
        try SalesforceRules.apply(db, rulesAfter: 0, eventsAfter: Int64.max, now: Instant(microseconds: now))
    }

    /// The engine's columnar copy of the events (`EventChunks`), built here from the stored rows.
    private static func v3(_ db: Database) throws {
        try db.execute(sql: """
            -- Blobs of the events in columns, interned (see EventChunks.swift): chunk
            -- `seq` holds the events after the previous chunk's last_event_seq up to
            -- its own. Derived from `events`; rebuilt when it does not match them.
            CREATE TABLE event_chunks (
                seq INTEGER PRIMARY KEY,
                last_event_seq INTEGER NOT NULL,
                events INTEGER NOT NULL,
                data BLOB NOT NULL
            );
            """)
        try EventChunks.catchUp(db)
    }

    /// SPEC §7: a campaign's current utm value that utm_aliases.csv lists as well is one
    /// of its utm_aliases too, once, spelled as that file writes it.
    private static func v4(_ db: Database) throws {
        try db.execute(sql: """
            -- The spelling under which utm_aliases.csv listed this value while it was its
            -- campaign's current one; NULL when it did not. Such a value is listed among
            -- the campaign's aliases as well, once.
            ALTER TABLE utm_values ADD COLUMN alias_value TEXT;
            """)
    }

    /// The event chunks cannot go stale: any change to `events` that import does not
    /// make drops them (the engine then reads the rows, and the next import rebuilds
    /// them). Import only appends rows after those the chunks cover, which trips
    /// nothing (and it lifts the insert trigger meanwhile: `EventChunks.appendingRows`).
    /// Chunks written before this migration (without a checksum, never checked against
    /// the rows' content) are rebuilt from the rows here.
    private static func v5(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER events_update_drops_event_chunks AFTER UPDATE ON events
            BEGIN DELETE FROM event_chunks; END;

            CREATE TRIGGER events_delete_drops_event_chunks AFTER DELETE ON events
            BEGIN DELETE FROM event_chunks; END;

            -- A row inside the range the chunks cover (INSERT OR REPLACE, a reused seq).
            CREATE TRIGGER events_insert_among_chunked_drops_event_chunks AFTER INSERT ON events
            WHEN NEW.seq <= (SELECT last_event_seq FROM event_chunks ORDER BY seq DESC LIMIT 1)
            BEGIN DELETE FROM event_chunks; END;

            DELETE FROM event_chunks;
            """)
        try EventChunks.catchUp(db)
    }

    /// §8 archiving, and the undo of an edit nothing counted yet (issue 14).
    ///
    /// A campaign's archived periods are rows, like every other history of the store:
    /// archiving opens one, unarchiving closes it, and a campaign with an open period is
    /// archived. The names, utm values and association intervals get `AUTOINCREMENT`
    /// (the tables are rebuilt with the same rows and `seq`s): an undo deletes the rows its
    /// edit added, and a `seq` handed out once must never name another row, or a revision
    /// (`CampaignStore+Revisions.swift`) taken before the undo could match a later, different edit.
    private static func v6(_ db: Database) throws {
        try db.execute(sql: """
            -- Archived from archived_at up to unarchived_at (still archived when NULL).
            -- Archiving hides a campaign from lists; it changes no number.
            CREATE TABLE campaign_archivings (
                seq INTEGER PRIMARY KEY,
                campaign_id TEXT NOT NULL REFERENCES campaigns(id),
                archived_at INTEGER NOT NULL,
                unarchived_at INTEGER CHECK (unarchived_at >= archived_at)
            );
            CREATE UNIQUE INDEX campaign_archivings_open ON campaign_archivings(campaign_id) WHERE unarchived_at IS NULL;

            -- Every utm value a campaign carries or carried, with its attachment (R3, R4).
            CREATE TABLE utm_values_v6 (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign_id TEXT NOT NULL REFERENCES campaigns(id),
                value TEXT NOT NULL,
                key TEXT NOT NULL UNIQUE,               -- a key belongs to one campaign
                attached_at INTEGER NOT NULL,
                alias_value TEXT                        -- see v4
            );
            INSERT INTO utm_values_v6 (seq, campaign_id, value, key, attached_at, alias_value)
                SELECT seq, campaign_id, value, key, attached_at, alias_value FROM utm_values;
            DROP TABLE utm_values;
            ALTER TABLE utm_values_v6 RENAME TO utm_values;
            CREATE INDEX utm_values_campaign ON utm_values(campaign_id);

            -- The names each campaign carried and their value, so a rename back reuses it (R3).
            CREATE TABLE campaign_names_v6 (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign_id TEXT NOT NULL REFERENCES campaigns(id),
                name TEXT NOT NULL,
                utm_key TEXT NOT NULL,
                named_at INTEGER NOT NULL
            );
            INSERT INTO campaign_names_v6 (seq, campaign_id, name, utm_key, named_at)
                SELECT seq, campaign_id, name, utm_key, named_at FROM campaign_names;
            DROP TABLE campaign_names;
            ALTER TABLE campaign_names_v6 RENAME TO campaign_names;
            CREATE INDEX campaign_names_campaign ON campaign_names(campaign_id);

            CREATE TABLE associations_v6 (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                asset_id TEXT NOT NULL REFERENCES assets(id),
                campaign_id TEXT NOT NULL REFERENCES campaigns(id),
                associated_at INTEGER NOT NULL,
                dissociated_at INTEGER CHECK (dissociated_at > associated_at)
            );
            INSERT INTO associations_v6 (seq, asset_id, campaign_id, associated_at, dissociated_at)
                SELECT seq, asset_id, campaign_id, associated_at, dissociated_at FROM associations;
            DROP TABLE associations;
            ALTER TABLE associations_v6 RENAME TO associations;
            CREATE INDEX associations_asset ON associations(asset_id);
            """)
    }

    /// The events' time order and R10's sessions, kept by an import beside the chunks they
    /// were worked out from (`StoredEventOrder`, #17). A store migrated here keeps none
    /// until its next import.
    private static func v7(_ db: Database) throws {
        try db.execute(sql: """
            -- Derived from the event chunks named by chunks_fingerprint; ignored when they
            -- are not the chunks there are (see StoredEventOrder.swift).
            CREATE TABLE event_order (
                seq INTEGER PRIMARY KEY,
                chunks_fingerprint INTEGER NOT NULL,
                data BLOB NOT NULL
            );
            """)
    }

    /// The tables import only appends to, whose rows nothing else rewrites in the normal course:
    /// `v8` gave each its triggers, so a table added here needs a migration of its own.
    static let appendedTables = ["deals", "deal_contacts", "contacts", "visitors", "contact_salesforce_campaigns", "salesforce_additions"]

    /// A count of the updates and deletes of `appendedTables`' rows, by any tool (#17): with
    /// their last `seq`s it tells a reader that only rows were appended since it looked, in a
    /// read each, where counting their rows took 0.2 s at L on every refresh of the dashboard,
    /// and it sees an UPDATE, which no count of rows did. utmost itself updates two of them
    /// (a member's status imported again, an addition exported): a reader then loads everything.
    private static func v8(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE row_rewrites (
                one INTEGER PRIMARY KEY CHECK (one = 1),
                count INTEGER NOT NULL
            );
            INSERT INTO row_rewrites (one, count) VALUES (1, 0);
            """)
        for table in appendedTables {
            for change in ["UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_\(change.lowercased())_counts_rewrite AFTER \(change) ON \(table)
                    BEGIN UPDATE row_rewrites SET count = count + 1; END;
                    """)
            }
        }
    }
}
