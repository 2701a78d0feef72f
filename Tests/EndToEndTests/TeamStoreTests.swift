import Foundation
import CampaignStore
import PostgresStore
import PostgresTestSupport
import Testing

/// #16 the team store through the real binary: `utmost store copy` in both directions, the
/// same `report --format json` on both kinds of store, and the errors of a PostgreSQL store
/// that cannot be used (one line, exit 1, within 10 s, no password).
@Suite(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipped)))
struct TeamStoreTests {
    /// `utmost arguments...`, run off Swift's concurrency pool (see `offThePool`).
    static func utmost(_ arguments: [String], environment: [String: String] = [:]) async throws -> CLI.Result {
        try await offThePool { try CLI.run(arguments, environment: environment, timeout: 60) }
    }

    /// `report --format json` of the store at `db`, as of the README's instant.
    static func report(_ db: String) async throws -> String {
        let result = try await utmost(["report", "--format", "json", "--as-of", CLI.asOf, "--db", db])
        guard result.status == 0 else { throw Failure("report on \(db) failed: \(result)") }
        return result.stdout
    }

    /// Copies `folder`'s import from SQLite to PostgreSQL and back to SQLite, checking that
    /// the report is byte for byte the same on all three.
    static func roundTrip(_ folder: String) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let imported = try await utmost(["import", folder, "--db", scratch.db])
        #expect(imported.status == 0, "\(imported)")
        let before = try await report(scratch.db)
        let database = try TestPostgres.Database()
        let up = try await utmost(["store", "copy", scratch.db, database.url])
        #expect(up.status == 0 && up.stdout.hasPrefix("copied \(scratch.db) to \(database.location.label): "), "\(up)")
        #expect(try await report(database.url) == before, "the report on PostgreSQL differs from SQLite's")
        let back = scratch.folder.appendingPathComponent("back.sqlite").path
        let down = try await utmost(["store", "copy", database.url, back])
        #expect(down.status == 0, "\(down)")
        #expect(try await report(back) == before, "the report after the copy back differs")
    }

    @Test("#16 store copy of the demo data, SQLite to PostgreSQL and back: report --format json identical on all three")
    func demoData() async throws {
        try await Self.roundTrip(CLI.sampleData.path)
    }

    @Test("#16 store copy of a generated folder, SQLite to PostgreSQL and back: report --format json identical on all three")
    func generatedData() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = scratch.folder.appendingPathComponent("generated").path
        let generated = try await Self.utmost(["generate", folder, "--contacts", "300", "--seed", "16"])
        #expect(generated.status == 0, "\(generated)")
        try await Self.roundTrip(folder)
    }

    @Test("#16 a report on the demo data imported straight into PostgreSQL is the SQLite one, byte for byte; --timings says what reading took")
    func importedOnBoth() async throws {
        let scratch = try await offThePool { try Scratch.sample() }
        defer { scratch.remove() }
        let database = try TestPostgres.Database()
        let imported = try await Self.utmost(["import", CLI.sampleData.path, "--db", database.url])
        #expect(imported.status == 0, "\(imported)")
        let onPostgres = try await Self.report(database.url), onSQLite = try await Self.report(scratch.db)
        #expect(onPostgres == onSQLite)

        // --timings: one more line on stderr, what reading the store and computing took.
        for db in [scratch.db, database.url] {
            let timed = try await Self.utmost(["report", "--format", "json", "--timings", "--as-of", CLI.asOf, "--db", db])
            #expect(timed.status == 0 && timed.stdout == onSQLite, "\(timed)")
            #expect(timed.errorLines.count == 1 && timed.errorLines[0].wholeMatch(of: /utmost: read the store in \d+\.\d{3} s, computed the report in \d+\.\d{3} s \(compiling \d+\.\d{3} s, the rules \d+\.\d{3} s, counting \d+\.\d{3} s\)/) != nil, "\(timed.errorLines)")
        }
    }

    @Test("#16 store copy into a store that holds one: one line, exit 1, nothing copied")
    func nonEmptyTarget() async throws {
        let scratch = try await offThePool { try Scratch.sample() }
        defer { scratch.remove() }
        let database = try TestPostgres.Database()
        let first = try await Self.utmost(["store", "copy", scratch.db, database.url])
        #expect(first.status == 0, "\(first)")
        let again = try await Self.utmost(["store", "copy", scratch.db, database.url])
        #expect(again.status == 1)
        #expect(again.errorLines == ["utmost: \(database.location.label) already holds a store: a copy goes only into a new one (a missing or empty file, an empty database); nothing was copied"])
        let intoFile = try await Self.utmost(["store", "copy", database.url, scratch.db])
        #expect(intoFile.status == 1 && intoFile.errorLines.count == 1 && intoFile.stderr.contains("already holds a store"), "\(intoFile)")
    }

    /// Runs `report` on `url`: one line on stderr, exit 1, within 10 s; the line is returned.
    static func refusal(_ url: String, environment: [String: String] = [:]) async throws -> String {
        // Timed on the thread that waits for the process: the test's own task may resume late on a busy machine.
        let (result, seconds) = try await offThePool {
            let started = Date()
            let result = try CLI.run(["report", "--db", url], environment: environment, timeout: 60)
            return (result, Date().timeIntervalSince(started))
        }
        #expect(seconds < 10, "took \(seconds) s")
        #expect(result.status == 1 && result.errorLines.count == 1 && result.stdout.isEmpty, "\(result)")
        return result.errorLines.first ?? ""
    }

    @Test("#16 a server that is down: one line, exit 1, within 10 s, without the password")
    func serverDown() async throws {
        let line = try await Self.refusal("postgresql://someone:hunter2@127.0.0.1:9/utmost")
        #expect(line == "utmost: cannot reach postgresql://someone@127.0.0.1:9/utmost: connection refused: is the server running and listening on 127.0.0.1:9?")
    }

    @Test("#16 a wrong password: one line, exit 1, within 10 s, without the password")
    func authenticationFailed() async throws {
        let role = "utmost_password_test"
        try TestPostgres.admin { admin in
            if try admin.value(Bool.self, "SELECT true FROM pg_roles WHERE rolname = ?", [role]) != true {
                try admin.exec("CREATE ROLE \(role) LOGIN PASSWORD 'right-horse'")
            }
        }
        let url = try TestPostgres.url(ofDatabase: "postgres").replacingOccurrences(of: "://postgres@", with: "://\(role):wrong-horse@")
        let line = try await Self.refusal(url, environment: ["PGPASSWORD": "", "PGPASSFILE": "/nonexistent"])
        #expect(line.hasPrefix("utmost: postgresql://\(role)@") && line.contains("refused to log in") && !line.contains("wrong-horse"), "\(line)")
    }

    @Test("#16 a database that does not exist: one line, exit 1, within 10 s, and it is not created")
    func missingDatabase() async throws {
        let url = try TestPostgres.url(ofDatabase: "utmost_e2e_no_such_database")
        let line = try await Self.refusal(url)
        #expect(line.contains("has no database \"utmost_e2e_no_such_database\" (nothing was created)"), "\(line)")
    }

    @Test("#16 a store written by a newer utmost: one line, exit 1, within 10 s, the store untouched")
    func newerSchema() async throws {
        let scratch = try await offThePool { try Scratch.sample() }
        defer { scratch.remove() }
        let database = try TestPostgres.Database()
        #expect(try await Self.utmost(["store", "copy", scratch.db, database.url]).status == 0)
        let session = try PostgresSession.open(database.location)
        defer { session.close() }
        try session.exec("INSERT INTO utmost_migrations (identifier) VALUES ('v99-from-the-future')")
        let line = try await Self.refusal(database.url)
        #expect(line.contains("v99-from-the-future"), "\(line)")
        #expect(try session.value(Int.self, "SELECT count(*) FROM utmost_migrations") == StoreSchema.migrationNames.count + 1)
    }
}
