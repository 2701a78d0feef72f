import CampaignStore
import Foundation
import Testing
@testable import PostgresStore

/// `--db postgresql://…` as libpq reads it, and a password that is never printed.
struct PostgresLocationTests {
    let none: [String: String] = ["USER": "me"]

    @Test("A URL gives user, password, host, port, database and sslmode, percent-decoded; the label has no password")
    func wholeURL() throws {
        let l = try PostgresLocation(url: "postgresql://alice:s3cr%3At@db.example.com:6543/camp%20aigns?sslmode=require", environment: none)
        #expect(l.user == "alice" && l.password == "s3cr:t" && l.host == "db.example.com" && l.port == 6543)
        #expect(l.database == "camp aigns" && l.sslMode == .require)
        #expect(l.label == "postgresql://alice@db.example.com:6543/camp%20aigns")
        #expect(!l.label.contains("s3cr"))
    }

    @Test("What the URL leaves out comes from PGUSER, PGHOST, PGPORT, PGDATABASE, PGPASSWORD, else libpq's defaults")
    func defaults() throws {
        let env = ["PGUSER": "bob", "PGHOST": "pg.internal", "PGPORT": "6000", "PGDATABASE": "team", "PGPASSWORD": "pw"]
        let l = try PostgresLocation(url: "postgres://", environment: env)
        #expect(l.user == "bob" && l.host == "pg.internal" && l.port == 6000 && l.database == "team" && l.password == "pw")
        let bare = try PostgresLocation(url: "postgresql:///", environment: none)
        #expect(bare.user == "me" && bare.host == "localhost" && bare.port == 5432 && bare.database == "me")
        #expect(bare.password == nil && bare.sslMode == .prefer)
        #expect(try PostgresLocation(url: "postgresql://u:url@h/d", environment: env).password == "url", "the URL's password wins")
    }

    @Test("An IPv6 address in brackets, and a Unix socket's folder as the host")
    func hosts() throws {
        let v6 = try PostgresLocation(url: "postgresql://u@[::1]:5433/d", environment: none)
        #expect(v6.host == "::1" && v6.port == 5433 && v6.label == "postgresql://u@[::1]:5433/d")
        let socket = try PostgresLocation(url: "postgresql://u@%2Fvar%2Frun%2Fpostgresql/d", environment: none)
        #expect(socket.host == "/var/run/postgresql" && socket.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(try PostgresLocation(url: "postgresql:///d?host=/tmp", environment: none).socketPath == "/tmp/.s.PGSQL.5432")
    }

    @Test("A malformed URL is one line naming what is wrong, with the password hidden")
    func refusals() throws {
        let cases: [(String, String)] = [
            ("postgresql://u:hunter2@h:99999/d", "the port \"99999\" of postgresql://u:***@h:99999/d is not a port number (1 to 65535)"),
            ("postgresql://u:hunter2@h/d?sslmode=maybe", "sslmode \"maybe\" of postgresql://u:***@h/d?sslmode=maybe is not one of disable, allow, prefer, require, verify-ca, verify-full"),
            ("postgresql://u@h/d?password=hunter2&colour=red", "postgresql://u@h/d?password=***&colour=red has the parameter \"colour\", which utmost does not know (it knows application_name, connect_timeout, dbname, host, password, port, sslmode, user)"),
            ("postgresql://u:hunter2@a,b/d", "postgresql://u:***@a,b/d names several hosts; utmost connects to one"),
        ]
        for (url, message) in cases {
            #expect(throws: StoreError.badLocation(message)) { try PostgresLocation(url: url, environment: none) }
            #expect(!message.contains("hunter2"))
        }
        #expect(PostgresLocation.isURL("POSTGRESQL://x") && PostgresLocation.isURL("postgres://x") && !PostgresLocation.isURL("store.sqlite"))
    }

    @Test("A connection never waits longer than it may: connect_timeout, capped so that errors come within ten seconds")
    func timeout() throws {
        #expect(try PostgresLocation(url: "postgresql://h/d?connect_timeout=3", environment: none).connectTimeout == 3)
        #expect(try PostgresLocation(url: "postgresql://h/d?connect_timeout=0", environment: none).connectTimeout == PostgresLocation.longestConnect)
        #expect(try PostgresLocation(url: "postgresql://h/d", environment: none).connectTimeout < 10)
    }

    @Test("~/.pgpass: the first matching line gives the password, * matches anything, \\: escapes; a file others can read is not used")
    func passwordFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try """
            # comment
            other.host:5432:*:alice:wrong
            db.example.com:*:campaigns:alice:with\\:colon
            *:*:*:*:fallback
            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let env = ["PGPASSFILE": file, "USER": "me"]
        #expect(try PostgresLocation(url: "postgresql://alice@db.example.com/campaigns", environment: env).password == "with:colon")
        #expect(try PostgresLocation(url: "postgresql://bob@elsewhere/x", environment: env).password == "fallback")
        chmod(file, 0o644)
        #expect(try PostgresLocation(url: "postgresql://bob@elsewhere/x", environment: env).password == nil)
    }
}
