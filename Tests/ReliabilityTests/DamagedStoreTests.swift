import CampaignKit
import CampaignStore
import Foundation
import GRDB
import Testing

extension Reliability {
    /// Issue 8 §4: a store from the future, damaged, not a store, or not
    /// writable. Every command says so in one line, exits non-zero, and leaves
    /// the file's bytes (and its folder) as they were.
    @Suite struct DamagedStore {
        static let isRoot = getuid() == 0

        /// Every kind of command: readers, importers, editors and the dashboard.
        static func commands(_ db: String) -> [[String]] {
            [
                ["report", "--db", db, "--format", "json", "--as-of", "2025-01-01T00:00:00Z"],
                ["campaign", "list", "--db", db],
                ["explain", "asset", "a-blog-rate-card", "--db", db],
                ["import", Repo.sampleData.appendingPathComponent("more-events").path, "--db", db],
                ["campaign", "create", "Brand new", "--db", db],
                ["campaign", "rename", "c-spring", "Renamed", "--db", db],
                ["associate", "a-blog-rate-card", "c-spring", "--db", db],
                ["dissociate", "a-blog-rate-card", "c-always-on", "--db", db],
                ["--db", db],
            ]
        }

        /// A store holding the sample data, in `scratch`.
        static func sampleStore(_ scratch: Scratch, name: String = "store.sqlite") throws -> String {
            let path = scratch.file(name)
            try CampaignStore.importFolder(Repo.sampleData.path, intoStoreAt: path, now: Instant(iso8601: "2024-12-31T00:00:00Z")!)
            return path
        }

        /// The folder's files and their bytes.
        static func folderSnapshot(_ folder: URL) -> [String: Data] {
            var out: [String: Data] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                out[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) ?? Data()
            }
            return out
        }

        /// Runs each command; each must fail with one `utmost: ` line naming `saying`, the folder untouched.
        func expectRefused(_ commands: [[String]], folder: URL, saying: String, asNobody: Bool = false,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
            let before = Self.folderSnapshot(folder)
            for arguments in commands {
                let run = try Binary.run(arguments, asNobody: asNobody)
                let what = arguments.prefix(2).joined(separator: " ")
                #expect(run.status != 0, "\(what) succeeded", sourceLocation: sourceLocation)
                #expect(run.status < 128, "\(what) died of a signal: \(run.stderr)", sourceLocation: sourceLocation)
                #expect(run.stderr.hasPrefix("utmost: ") && run.stderr.contains(saying) && run.stderr.filter { $0 == "\n" }.count == 1,
                        "\(what): \(run.stderr)", sourceLocation: sourceLocation)
                #expect(Self.folderSnapshot(folder) == before, "\(what) changed the folder", sourceLocation: sourceLocation)
            }
        }

        @Test("§8 a store written by a newer schema: every command refuses it, bytes unchanged")
        func newerSchema() throws {
            let scratch = Scratch("future")
            let db = try Self.sampleStore(scratch)
            let queue = try DatabaseQueue(path: db)
            try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
            try queue.close()
            try expectRefused(Self.commands(db), folder: scratch.url, saying: "was written by a newer version of utmost (schema v99-from-the-future)")
        }

        @Test("§8 a truncated store: every command says it is damaged, bytes unchanged",
              arguments: [100, 4096, 20_000, 400_000])
        func truncated(length: Int) throws {
            let scratch = Scratch("truncated")
            let db = try Self.sampleStore(scratch)
            let bytes = try #require(StoreProbe.bytes(db))
            try bytes.prefix(length).write(to: URL(fileURLWithPath: db))
            try expectRefused(Self.commands(db), folder: scratch.url, saying: "is damaged")
        }

        @Test("§8 a file cut inside SQLite's header is not a store")
        func cutInHeader() throws {
            let scratch = Scratch("cut")
            let db = try Self.sampleStore(scratch)
            try StoreProbe.bytes(db)!.prefix(10).write(to: URL(fileURLWithPath: db))
            try expectRefused(Self.commands(db), folder: scratch.url, saying: "is not a utmost store")
        }

        @Test("§8 not SQLite, another program's SQLite, a folder: refused, untouched")
        func notAStore() throws {
            let scratch = Scratch("notdb")
            let text = scratch.file("notes.sqlite")
            try Data("campaign,notes\nthis is not a database\n".utf8).write(to: URL(fileURLWithPath: text))
            try expectRefused(Self.commands(text), folder: scratch.url, saying: "is not a utmost store: it is not an SQLite database")

            let other = scratch.file("other.sqlite")
            let queue = try DatabaseQueue(path: other)
            try queue.write { try $0.execute(sql: "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('cat')") }
            try queue.close()
            try expectRefused(Self.commands(other), folder: scratch.url, saying: "is an SQLite database of another program")

            let folder = scratch.folder("adir.sqlite")
            try expectRefused(Self.commands(folder.path), folder: scratch.url, saying: "adir.sqlite")
        }

        @Test("§8 a read-only store file: readers work, writers say it is read-only, bytes unchanged")
        func readOnlyFile() throws {
            let scratch = Scratch("rofile")
            let db = try Self.sampleStore(scratch)
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: scratch.path)
            let before = StoreProbe.bytes(db)
            let report = try Binary.run(Self.commands(db)[0], asNobody: true)
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.contains("\"campaigns\""))
            let writers = Self.commands(db)[3...7].map { $0 }
            for arguments in writers {
                let run = try Binary.run(arguments, asNobody: true)
                #expect(run.status == 1 && run.stderr.contains("cannot be written") && run.stderr.contains("read-only"),
                        "\(arguments.prefix(2)): \(run.stderr)")
            }
            #expect(StoreProbe.bytes(db) == before)
        }

        @Test("§8 a read-only folder: a clear message, no file created, bytes unchanged")
        func readOnlyFolder() throws {
            let scratch = Scratch("rofolder")
            let db = try Self.sampleStore(scratch)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: scratch.path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.path) }
            try expectRefused(Self.commands(db), folder: scratch.url, saying: "read-only", asNobody: true)
            // A new store there cannot be made: said so, nothing left behind.
            let fresh = scratch.file("new.sqlite")
            try expectRefused([["import", Repo.sampleData.path, "--db", fresh], ["campaign", "create", "X", "--db", fresh]],
                              folder: scratch.url, saying: "not writable", asNobody: true)
            // Issue 12 item 5: a command that reads makes no store, writable folder or not.
            try expectRefused([["report", "--db", fresh]], folder: scratch.url, saying: "no store at \(fresh)", asNobody: true)
        }
    }
}
