import CampaignKit
import CampaignStore
import Foundation
import Testing
import PostgresStore
import StoreTestSupport

/// The test server: `UTMOST_TEST_POSTGRES_URL` (.ci/run starts a throwaway cluster and sets
/// it). Each test gets a database of its own, dropped afterwards. Where the variable is
/// absent, a test that needs the server is cancelled, saying why: only the PostgreSQL
/// side is skipped, never the SQLite one.
public enum TestPostgres {
    public static let url: String? = ProcessInfo.processInfo.environment["UTMOST_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    public static let skipped = "UTMOST_TEST_POSTGRES_URL is not set: the PostgreSQL store is not tested here (.ci/run starts a server and sets it)"

    /// The URL of the server's database `name`, as the test URL gives the rest.
    public static func url(ofDatabase name: String) throws -> String {
        guard let url else { try Test.cancel(Comment(rawValue: skipped)) }
        let afterScheme = url.range(of: "://")!.upperBound
        let pathStart = url[afterScheme...].firstIndex { $0 == "/" || $0 == "?" } ?? url.endIndex
        let queryStart = url[pathStart...].firstIndex(of: "?") ?? url.endIndex
        return String(url[..<pathStart]) + "/" + name + String(url[queryStart...])
    }

    /// A new, empty database on the test server; dropped when the value goes away.
    public final class Database: @unchecked Sendable {
        public let name: String
        public let url: String
        public let location: PostgresLocation

        public init() throws {
            guard TestPostgres.url != nil else { try Test.cancel(Comment(rawValue: TestPostgres.skipped)) }
            name = "utmost_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            url = try TestPostgres.url(ofDatabase: name)
            location = try PostgresLocation(url: url)
            try TestPostgres.admin { try $0.exec("CREATE DATABASE \(name)") }
        }

        deinit {
            let name = name
            try? TestPostgres.admin { try $0.exec("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
    }

    /// Runs `body` on a connection to the test URL's own database.
    package static func admin(_ body: (PostgresSession) throws -> Void) throws {
        guard let url else { try Test.cancel(Comment(rawValue: skipped)) }
        let session = try PostgresSession.open(try PostgresLocation(url: url))
        defer { session.close() }
        try body(session)
    }
}

/// The two kinds of store, for the tests of the contract that run against both.
public enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    public var testDescription: String { rawValue }
}

/// A store of one kind holding a test folder's data, and what it needs to live.
public final class TestStore {
    public let kind: StoreKind
    public let folder: TestFolder
    private let database: TestPostgres.Database?

    /// An empty store of that kind (a PostgreSQL one is cancelled where there is no server).
    public init(_ kind: StoreKind, folder: TestFolder = TestFolder()) throws {
        self.kind = kind
        self.folder = folder
        database = kind == .postgres ? try TestPostgres.Database() : nil
    }

    /// Where the store is, as `--db` takes it.
    public var location: String { database?.url ?? folder.storePath }

    /// Imports the folder's data as a new store's first import.
    @discardableResult
    public func importData(now: Instant = TestData.now) throws -> ImportSummary {
        switch kind {
        case .sqlite: return try folder.importData(now: now)
        case .postgres: return try PostgresStore.importFolder(folder.data.path, into: database!.location, now: now)
        }
    }

    /// The store, opened anew.
    public func open() throws -> any Store {
        switch kind {
        case .sqlite: return try folder.open()
        case .postgres: return try PostgresStore(database!.location)
        }
    }

    public var postgresLocation: PostgresLocation? { database?.location }
}

/// Runs blocking work (child processes, a database's futures, waits) on a thread of its
/// own and awaits it, so that a long test never holds one of the few threads of Swift's
/// concurrency pool (two on a two-core machine): the async tests beside it, the
/// dashboard's loop among them, go on. `body` throws rather than records issues.
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
