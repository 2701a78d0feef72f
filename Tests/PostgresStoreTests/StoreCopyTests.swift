import CampaignKit
import CampaignStore
import Foundation
import Testing
@testable import PostgresStore

/// #16 `utmost store copy`: a whole store into a new one of either kind, every row with its
/// `seq`, and each table's high-water mark, so that the copy goes on as the source would.
@Suite(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipped)))
struct StoreCopyTests {
    static let later = Instant(iso8601: "2024-07-01T00:00:00Z")!

    /// A store with some of every history: a rename taken back (its `seq`s deleted at the
    /// end of their tables), an asset moved, an archived campaign, a Salesforce rule removed.
    static func editedSQLiteStore() throws -> TestStore {
        let store = try TestStore(.sqlite)
        store.folder.write(TestData.base)
        try store.importData()
        let s = try store.open()
        defer { try? s.close() }
        let rename = try s.renameCampaign(.id("c2"), to: "Autumn Sale", now: later)
        _ = try s.undoRename(.id("c2"), expecting: rename.revisions.after)
        _ = try s.associate(assetID: "a2", with: .id("c1"), now: later)
        _ = try s.archiveCampaign(.id("c3"), now: later)
        try s.addSalesforceRule(assetID: "a2", salesforceCampaignID: "sf9", status: nil, now: later)
        try s.removeSalesforceRule(assetID: "a2", salesforceCampaignID: "sf9", now: later)
        return store
    }

    /// Every row of every copied table, in `seq` order.
    static func rows(_ store: any Store) throws -> [String: [[SQLValue]]] {
        func all(_ db: some StoreDatabase) throws -> [String: [[SQLValue]]] {
            var tables: [String: [[SQLValue]]] = [:]
            for table in StoreCopy.tables {
                tables[table.name] = try db.rows("SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY seq")
                    .map { $0.values.map(Self.comparable) }
            }
            return tables
        }
        switch store {
        case let s as CampaignStore: return try s.read(all)
        case let s as PostgresStore: return try s.read(all)
        default: fatalError("a store of a third kind")
        }
    }

    /// PostgreSQL's booleans are SQLite's 1 and 0.
    static func comparable(_ value: SQLValue) -> SQLValue {
        if case .bool(let b) = value { return .integer(b ? 1 : 0) }
        return value
    }

    @Test("#16 the copy's tables and columns are every table of both schemas but their own bookkeeping")
    func tablesCoverBothSchemas() throws {
        let listed = Dictionary(uniqueKeysWithValues: StoreCopy.tables.map { ($0.name, $0.columns) })
        let sqlite = try TestStore(.sqlite)
        sqlite.folder.write(TestData.base)
        try sqlite.importData()
        let sqliteTables = try (sqlite.open() as! CampaignStore).read { db -> [String: [String]] in
            let names = try db.values(String.self, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('grdb_migrations', 'sqlite_sequence', 'event_types', 'event_order', 'row_rewrites')")
            return try Dictionary(uniqueKeysWithValues: names.map { name in
                (name, try db.rows("PRAGMA table_info(\(name))").map { $0[1] as String })
            })
        }
        #expect(sqliteTables == listed)

        let postgres = try TestStore(.postgres)
        let postgresTables = try (postgres.open() as! PostgresStore).read { db -> [String: [String]] in
            var tables: [String: [String]] = [:]
            try db.each("""
                SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_generated = 'NEVER'
                  AND table_name NOT IN ('utmost_migrations', 'utmost_state', 'event_types')
                  AND NOT (table_name = 'associations' AND column_name = 'exclusive')
                ORDER BY table_name, ordinal_position
                """, []) { row in tables[row[0], default: []].append(row[1]) }
            return tables
        }
        #expect(postgresTables.mapValues(Set.init) == listed.mapValues(Set.init))
    }

    @Test("#16 SQLite to PostgreSQL and back: every row and seq the same, and the copies go on handing out the source's seqs")
    func roundTrip() throws {
        let source = try Self.editedSQLiteStore()
        let postgres = try TestStore(.postgres)
        let back = try TestStore(.sqlite)
        let s = try source.open()
        defer { try? s.close() }
        let copied = try PostgresStore.createCopy(of: s as! CampaignStore, in: postgres.postgresLocation!)
        let p = try postgres.open()
        defer { try? p.close() }
        #expect(try CampaignStore.createCopy(of: p as! PostgresStore, at: back.folder.storePath) == copied)
        let b = try back.open()
        defer { try? b.close() }

        let expected = try Self.rows(s)
        #expect(copied == expected.values.map(\.count).reduce(0, +))
        #expect(try Self.rows(p) == expected)
        #expect(try Self.rows(b) == expected)
        let data = try s.loadDataset()
        #expect(sameData(try p.loadDataset(), data))
        #expect(sameData(try b.loadDataset(), data))

        // The undone rename's seqs are not handed out again, on any of the three.
        for store in [s, p, b] { _ = try store.renameCampaign(.id("c2"), to: "Winter Sale", now: Self.later) }
        let edited = try Self.rows(s)
        #expect(try Self.rows(p) == edited)
        #expect(try Self.rows(b) == edited)
    }

    @Test("#16 PostgreSQL to PostgreSQL and SQLite to SQLite copy too")
    func sameKind() throws {
        let source = try Self.editedSQLiteStore()
        let s = try source.open()
        defer { try? s.close() }
        let first = try TestStore(.postgres), second = try TestStore(.postgres)
        try PostgresStore.createCopy(of: s as! CampaignStore, in: first.postgresLocation!)
        let p = try first.open()
        defer { try? p.close() }
        try PostgresStore.createCopy(of: p as! PostgresStore, in: second.postgresLocation!)
        let file = try TestStore(.sqlite)
        try CampaignStore.createCopy(of: s as! CampaignStore, at: file.folder.storePath)
        let expected = try Self.rows(s)
        #expect(try Self.rows(second.open()) == expected)
        #expect(try Self.rows(file.open()) == expected)
    }

    @Test("#16 a copy into a store that holds one is refused in one line, and changes nothing there")
    func nonEmptyTarget() throws {
        let source = try Self.editedSQLiteStore()
        let s = try source.open()
        defer { try? s.close() }
        let postgres = try TestStore(.postgres)
        postgres.folder.write(TestData.base)
        try postgres.importData()
        let before = try Self.rows(postgres.open())
        #expect(throws: StoreError.notEmpty(store: postgres.postgresLocation!.label)) {
            try PostgresStore.createCopy(of: s as! CampaignStore, in: postgres.postgresLocation!)
        }
        #expect(try Self.rows(postgres.open()) == before)

        let file = try TestStore(.sqlite)
        file.folder.write(TestData.base)
        try file.importData()
        #expect(throws: StoreError.notEmpty(store: file.folder.storePath)) {
            try CampaignStore.createCopy(of: s as! CampaignStore, at: file.folder.storePath)
        }
    }
}
