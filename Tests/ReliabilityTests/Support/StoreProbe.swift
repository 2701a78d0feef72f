import Foundation
import GRDB

/// Looks into a store file from outside the product: row counts, integrity, bytes.
enum StoreProbe {
    /// Rows per table (every table but SQLite's own), read through a read-only connection.
    static func counts(_ path: String) throws -> [String: Int] {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            var counts: [String: Int] = [:]
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            for table in tables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0
            }
            return counts
        }
    }

    /// `PRAGMA integrity_check` joined into one string: "ok" when the file is sound.
    static func integrity(_ path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// The file's bytes, or nil when there is no file.
    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// The store and its side files, as they are on disk: for "nothing was touched" checks.
    static func snapshot(_ path: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for suffix in ["", "-wal", "-shm", "-journal"] {
            if let data = FileManager.default.contents(atPath: path + suffix) { files[suffix] = data }
        }
        return files
    }
}
