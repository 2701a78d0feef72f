import CampaignKit
import Foundation

extension CampaignStore {
    /// Imports a data folder (SPEC §8) all or nothing (SPEC §7): every row is
    /// checked against the folder and the store's content first, then
    /// everything is written in one transaction. A refusal throws a located
    /// `DataFileError` and changes nothing.
    /// - Parameter now: the instant recorded for the import.
    @discardableResult
    public func importFolder(_ folder: String, now: Instant) throws -> ImportSummary {
        try write { db in
            let (plan, validated) = try FolderValidator(folder: folder, known: KnownData.load(db)).run()
            var summary = validated
            summary.salesforceAdditions = try ImportWriter.write(plan, folder: folder, now: now, to: db)
            return summary
        }
    }

    /// Imports a data folder into the store at `path`. When there is no store
    /// there yet (no file, or an empty one), the folder is checked before the file is written, so a
    /// refused import leaves no file behind, and the new file is filled
    /// before it is put in WAL mode, so its pages are written once.
    @discardableResult
    public static func importFolder(_ folder: String, intoStoreAt path: String, now: Instant) throws -> ImportSummary {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > 0 {
            let store = try CampaignStore(path: path)
            defer { try? store.close() }
            return try store.importFolder(folder, now: now)
        }
        let (plan, validated) = try FolderValidator(folder: folder, known: KnownData()).run()
        var summary = validated
        do {
            let store = try CampaignStore(path: path, bulkLoad: true)
            defer { try? store.close() }
            summary.salesforceAdditions = try store.write { db in try ImportWriter.write(plan, folder: folder, now: now, to: db) }
            try store.enableWAL()
        } catch {
            for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            if size == nil {
                try? FileManager.default.removeItem(atPath: path)
            } else {
                _ = FileManager.default.createFile(atPath: path, contents: Data())
            }
            throw error
        }
        return summary
    }
}
