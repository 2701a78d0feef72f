import CampaignStore
import Foundation
import Testing
@testable import PostgresStore

/// A PostgreSQL store that cannot be used says why in one line, within seconds, without
/// the password; nothing is created where nothing was asked for.
@Suite(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipped)))
struct ConnectionErrorTests {
    @Test("A server that is not there: connection refused, in one line, at once")
    func serverDown() throws {
        let port = try Self.freePort()
        let started = Date()
        let location = try PostgresLocation(url: "postgresql://u:hunter2@127.0.0.1:\(port)/d")
        #expect(throws: StoreError.unreachable(store: "postgresql://u@127.0.0.1:\(port)/d",
                                               reason: "connection refused: is the server running and listening on 127.0.0.1:\(port)?")) {
            try PostgresStore.existing(location)
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("A database that does not exist is said, and not created")
    func missingDatabase() throws {
        let url = try TestPostgres.url(ofDatabase: "utmost_no_such_database")
        let location = try PostgresLocation(url: url)
        #expect(throws: StoreError.noDatabase(store: location.label, database: "utmost_no_such_database", server: location.server)) {
            try PostgresStore(location)
        }
    }

    @Test("An empty database is no store for a command that reads, and is left empty")
    func emptyDatabase() throws {
        let database = try TestPostgres.Database()
        #expect(throws: StoreError.noStore(path: database.location.label)) { try PostgresStore.existing(database.location) }
        #expect(try PostgresStore.isNew(database.location))
    }

    @Test("A database of another program is refused and left untouched")
    func anotherProgram() throws {
        let database = try TestPostgres.Database()
        let session = PostgresSession(connection: try PostgresConnector.connect(database.location), logger: PostgresConnector.logger)
        defer { session.close() }
        try session.exec("CREATE TABLE invoices (id int)")
        #expect(throws: StoreError.notAStore(path: database.location.label, reason: "it is a PostgreSQL database of another program (it has tables, none of them utmost's): give utmost a database of its own")) {
            try PostgresStore(database.location)
        }
        #expect(try session.value(Int.self, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 1)
    }

    @Test("A wrong password is refused in one line that does not show it; the right one from the URL, PGPASSWORD or ~/.pgpass logs in")
    func passwords() throws {
        let database = try TestPostgres.Database()
        let role = "utmost_password_test"
        try TestPostgres.admin { admin in
            if try admin.value(Bool.self, "SELECT true FROM pg_roles WHERE rolname = ?", [role]) != true {
                try admin.exec("CREATE ROLE \(role) LOGIN PASSWORD 'right-horse'")
            }
            try admin.exec("ALTER DATABASE \(database.name) OWNER TO \(role)")
        }
        let server = try PostgresLocation(url: try TestPostgres.url(ofDatabase: database.name))
        let wrong = try PostgresLocation(url: "postgresql://\(role):battery-staple@\(server.host):\(server.port)/\(database.name)")
        if let connection = try? PostgresConnector.connect(wrong) {
            try? connection.close().wait()
            try Test.cancel("the test server lets \(role) in without its password: .ci/run's cluster asks it for one")
        }
        do {
            _ = try PostgresStore.existing(wrong)
            Issue.record("a wrong password logged in")
        } catch let error as StoreError {
            guard case .loginRefused = error else { Issue.record("\(error)"); return }
            #expect(!"\(error)".contains("battery-staple") && !"\(error)".contains("\n"), "\(error)")
        }
        let byURL = try PostgresLocation(url: "postgresql://\(role):right-horse@\(server.host):\(server.port)/\(database.name)")
        _ = try PostgresStore(byURL)
        let byEnvironment = try PostgresLocation(url: "postgresql://\(role)@\(server.host):\(server.port)/\(database.name)",
                                                 environment: ["PGPASSWORD": "right-horse"])
        _ = try PostgresStore.existing(byEnvironment)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("pgpass").path
        try "\(server.host):\(server.port):\(database.name):\(role):right-horse\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let byFile = try PostgresLocation(url: "postgresql://\(role)@\(server.host):\(server.port)/\(database.name)",
                                          environment: ["PGPASSFILE": file])
        _ = try PostgresStore.existing(byFile)
    }

    @Test("sslmode=require encrypts the connection (swift-nio-ssl); a server without TLS is refused in one line")
    func tls() throws {
        let database = try TestPostgres.Database()
        let location = try PostgresLocation(url: database.url + (database.url.contains("?") ? "&" : "?") + "sslmode=require")
        let store: PostgresStore
        do { store = try PostgresStore(location) } catch let error as StoreError {
            guard case .unreachable(_, let reason) = error, reason.contains("does not accept TLS") else { throw error }
            try Test.cancel("the test server has no TLS: .ci/run's cluster has a certificate")
        }
        #expect(try store.read { try $0.value(Bool.self, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") } == true)
    }

    /// A TCP port on 127.0.0.1 that nothing listens on.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(fd, $0, length) == 0, getsockname(fd, $0, &length) == 0 else { throw POSIXError(.EADDRINUSE) }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
