import CampaignKit
import CampaignStore
import Foundation
import PostgresNIO

/// The campaign data in a PostgreSQL database, for a team: the same contract, rules and
/// numbers as the SQLite file (`Store`, `SQLStore`), several people editing at once.
///
/// Writers take turns, as on SQLite: each write transaction first takes the store's lock
/// (a transaction-level advisory lock), waiting for another writer's transaction to end
/// (telling `onLongWait` after a second, giving up after ten minutes), so an edit's checks
/// and its writes see one state, and the loser of a race gets the rule's own refusal. The
/// database holds the invariants besides (unique name and utm keys, R7's intervals), and a
/// write that breaks one anyway (another program's) is one line, `StoreError.conflict`.
/// Every write transaction moves `utmost_state.version` and announces it with `NOTIFY`:
/// `dataVersion()` follows it through `LISTEN` (`ChangeListener`).
///
/// Opening never writes to an existing, current store. A lost connection is made again by
/// the next operation.
public final class PostgresStore: SQLStore, @unchecked Sendable {
    public let location: PostgresLocation
    public var label: String { location.label }
    private let onLongWait: LongWaitHandler?
    private let changes: ChangeListener
    /// Guards `session`: one operation at a time uses the connection.
    private let lock = NSLock()
    private var session: PostgresSession?

    /// The channel of the change notifications, and the advisory lock writers take ("utmo").
    static let channel = "utmost_changes"
    static let writeLock: Int64 = 0x7574_6D6F

    /// Opens the store in the database `location` names, making the schema in an empty
    /// database. Refuses a database of another program and a store written by a newer schema.
    /// - Parameter onLongWait: told when a write has waited a second for another writer.
    public convenience init(_ location: PostgresLocation, onLongWait: LongWaitHandler? = nil) throws {
        try self.init(location, opening: .creating, onLongWait: onLongWait)
    }

    /// Opens the store when there is one: an empty database is `StoreError.noStore`, and nothing is created.
    public static func existing(_ location: PostgresLocation, onLongWait: LongWaitHandler? = nil) throws -> PostgresStore {
        try PostgresStore(location, opening: .existing, onLongWait: onLongWait)
    }

    /// How a store is opened: what an empty database means.
    enum Opening {
        /// No store: `StoreError.noStore`.
        case existing
        /// A new store: the schema is made.
        case creating
        /// A new store that an import fills: the schema is made in the import's transaction.
        case importing
    }

    /// Whether the database was empty when the store was opened for an import.
    private let openedEmpty: Bool

    init(_ location: PostgresLocation, opening: Opening, onLongWait: LongWaitHandler?) throws {
        self.location = location
        self.onLongWait = onLongWait
        changes = ChangeListener(location)
        let session = try Self.connect(location)
        do {
            let state = try Self.schemaState(session, location)
            switch (state, opening) {
            case (.current, _), (.empty, .importing): break
            case (.empty, .existing): throw StoreError.noStore(path: location.label)
            case (.empty, .creating), (.behind, _): try Self.migrate(session, location, onLongWait: onLongWait)
            }
            openedEmpty = state == .empty
        } catch {
            session.close()
            throw error
        }
        self.session = session
    }

    /// Imports a data folder into the store in the database `location` names. In an empty
    /// database the folder is checked first, then the schema and the import are written in
    /// one transaction: a refused or failed import leaves the database as empty as it was.
    @discardableResult
    public static func importFolder(_ folder: String, into location: PostgresLocation, now: Instant,
                                    onLongWait: LongWaitHandler? = nil, progress: ImportProgress? = nil) throws -> ImportSummary {
        let store = try PostgresStore(location, opening: .importing, onLongWait: onLongWait)
        defer { try? store.close() }
        guard store.openedEmpty else { return try store.importFolder(folder, now: now, progress: progress) }
        return try store.importFolder(folder, now: now, progress: progress) { db in
            guard try schemaState(db, location) == .empty else { return false }
            try applyMigrations(db, location)
            return true
        }
    }

    /// A new store in the empty database `location` names, holding a copy of `source`
    /// (`utmost store copy`); returns the number of rows copied. The schema and the rows
    /// are one transaction: a failed copy leaves the database as empty as it was.
    @discardableResult
    package static func createCopy(of source: some SQLStore, in location: PostgresLocation) throws -> Int {
        let store = try PostgresStore(location, opening: .importing, onLongWait: nil)
        defer { try? store.close() }
        guard store.openedEmpty else { throw StoreError.notEmpty(store: location.label) }
        return try store.write { db in
            guard try schemaState(db, location) == .empty else { throw StoreError.notEmpty(store: location.label) }
            try applyMigrations(db, location)
            return try source.copyRows(into: db)
        }
    }

    /// Whether the database holds no store yet (no table at all).
    public static func isNew(_ location: PostgresLocation) throws -> Bool {
        let session = try connect(location)
        defer { session.close() }
        return try schemaState(session, location) == .empty
    }

    private static func connect(_ location: PostgresLocation) throws -> PostgresSession {
        PostgresSession(connection: try PostgresConnector.connect(location), logger: PostgresConnector.logger)
    }

    public func close() throws {
        changes.stop()
        let session = lock.withLock { () -> PostgresSession? in
            defer { self.session = nil }
            return self.session
        }
        session?.close()
    }

    deinit {
        changes.stop()
        session?.close()
    }

    // MARK: Transactions

    /// Runs `body` with the connection, made again first when it was lost; only one operation at a time.
    private func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try lock.withLock {
            if session?.isClosed ?? true { session = try Self.connect(location) }
            do { return try body(session!) } catch {
                if session?.isClosed == true {
                    session?.close()
                    session = nil
                }
                throw error
            }
        }
    }

    package func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try withSession { session in
            do {
                try session.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                let result = try body(session)
                try session.exec("COMMIT")
                return result
            } catch {
                _ = try? session.exec("ROLLBACK")
                throw PostgresFailure.during(error, store: label, committing: false)
            }
        }
    }

    package func write<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try withSession { session in try Self.write(session, location, onLongWait: onLongWait, body) }
    }

    /// One write transaction on `session`: the write lock, `body`, the version moved and
    /// announced, the commit. A serialization failure is tried again; so is, once, a write
    /// that broke a constraint (another writer got there first), whose second try meets
    /// the rule's own refusal.
    private static func write<T>(_ session: PostgresSession, _ location: PostgresLocation, onLongWait: LongWaitHandler?,
                                 _ body: (PostgresSession) throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            var committing = false
            do {
                try session.exec("BEGIN")
                try takeWriteLock(session, location, onLongWait: onLongWait)
                let result = try body(session)
                let version = try session.value(Int64.self, "UPDATE utmost_state SET version = version + 1 RETURNING version") ?? 0
                try session.exec("SELECT pg_notify(?, ?)", [channel, String(version)])
                committing = true
                try session.exec("COMMIT")
                return result
            } catch {
                if !committing { _ = try? session.exec("ROLLBACK") }
                let state = PostgresFailure.sqlState(error) ?? ""
                let again = ["40001", "40P01"].contains(state) ? attempt < 3 : ["23505", "23P01"].contains(state) && attempt < 2
                if again && !committing { continue }
                throw PostgresFailure.during(error, store: location.label, committing: committing)
            }
        }
    }

    /// Takes the store's write lock for the transaction, waiting for the writer that holds it.
    private static func takeWriteLock(_ session: PostgresSession, _ location: PostgresLocation,
                                      onLongWait: LongWaitHandler?) throws {
        let started = Date()
        var noticed = false
        var tries = 0
        while try session.value(Bool.self, "SELECT pg_try_advisory_xact_lock(?)", [writeLock]) != true {
            let waited = Date().timeIntervalSince(started)
            guard waited < BusyWait.limit else { throw StoreError.busy(path: location.label) }
            if !noticed && waited >= BusyWait.noticeAfter {
                noticed = true
                onLongWait?(location.label)
            }
            let delays: [UInt32] = [1, 2, 5, 10, 20, 50]
            usleep(1_000 * (tries < delays.count ? delays[tries] : 100))
            tries += 1
        }
    }

    // MARK: Schema

    enum SchemaState: Equatable {
        /// Every migration applied.
        case current
        /// A store whose schema this binary extends.
        case behind
        /// No table at all.
        case empty
    }

    private static func schemaState(_ session: PostgresSession, _ location: PostgresLocation) throws -> SchemaState {
        do {
            guard try session.value(Bool.self, "SELECT to_regclass('utmost_migrations') IS NOT NULL") == true else {
                let tables = try session.value(Int.self, """
                    SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm')
                    """) ?? 0
                guard tables == 0 else {
                    throw StoreError.notAStore(path: location.label, reason: "it is a PostgreSQL database of another program (it has tables, none of them utmost's): give utmost a database of its own")
                }
                return .empty
            }
            let applied = Set(try session.values(String.self, "SELECT identifier FROM utmost_migrations"))
            let known = PostgresSchema.migrations.map(\.name)
            let unknown = applied.subtracting(known)
            guard unknown.isEmpty else { throw StoreError.newerSchema(path: location.label, unknownMigrations: Array(unknown)) }
            return applied.count == known.count ? .current : .behind
        } catch {
            throw PostgresFailure.during(error, store: location.label, committing: false)
        }
    }

    /// Applies the migrations the store lacks, all in one transaction under the write lock
    /// (two first openers do not race); a store another process migrated meanwhile is left as it is.
    private static func migrate(_ session: PostgresSession, _ location: PostgresLocation, onLongWait: LongWaitHandler?) throws {
        do {
            try session.exec("BEGIN")
            try takeWriteLock(session, location, onLongWait: onLongWait)
            try applyMigrations(session, location)
            try session.exec("COMMIT")
        } catch {
            _ = try? session.exec("ROLLBACK")
            throw migrationFailure(error, location)
        }
    }

    /// Inside the caller's transaction: the bookkeeping tables when there are none, then each
    /// migration not applied yet.
    static func applyMigrations(_ session: PostgresSession, _ location: PostgresLocation) throws {
        let state = try schemaState(session, location)
        guard state != .current else { return }
        if state == .empty {
            for statement in SQLScript.statements(PostgresSchema.bookkeeping) { try session.exec(statement) }
        }
        let applied = Set(try session.values(String.self, "SELECT identifier FROM utmost_migrations"))
        for (name, sql) in PostgresSchema.migrations where !applied.contains(name) {
            for statement in SQLScript.statements(sql) { try session.exec(statement) }
            try session.exec("INSERT INTO utmost_migrations (identifier) VALUES (?)", [name])
        }
    }

    /// A failed migration in words: above all, the extension a server may lack.
    private static func migrationFailure(_ error: any Error, _ location: PostgresLocation) -> any Error {
        switch PostgresFailure.sqlState(error) {
        case "58P01", "0A000":
            return StoreError.database(path: location.label, message: "the server lacks the btree_gist extension, which holds R7 for utmost (Debian and Ubuntu: apt-get install postgresql-contrib); nothing was created")
        case "42501":
            return StoreError.database(path: location.label, message: "user \(location.user) may not create utmost's tables or the btree_gist extension in database \(location.database): ask its owner, or use a database of your own; nothing was created")
        default:
            return PostgresFailure.during(error, store: location.label, committing: false)
        }
    }

    // MARK: SQLStore

    package func changeCount(_ db: PostgresSession) throws -> Int {
        Int(try db.value(Int64.self, "SELECT version FROM utmost_state") ?? 0)
    }

    package func appendEvents(_ events: CSVReader, times: [Int64], to db: PostgresSession, progress: ImportProgress?) throws {
        try PostgresEvents.append(try EventFileRows(events, times: times), to: db, progress: progress)
    }

    package func events(_ db: PostgresSession) throws -> EventTable {
        try PostgresEvents.load(db)
    }

    /// The version every write transaction moves, as the last notification said (a
    /// connection listening for them is opened at the first call). Throws
    /// `StoreError.unreachable` while that connection is lost; it is made again meanwhile.
    public func dataVersion() throws -> Int {
        try changes.version()
    }
}
