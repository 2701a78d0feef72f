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
    /// there yet (no file, or an empty one), the folder is checked first, then
    /// the new store is built in a temporary file beside `path` (filled before
    /// it is put in WAL mode, so its pages are written once) and put in place
    /// by one atomic link or rename: a refused or killed import leaves no store
    /// behind, and a store at `path` always holds a whole import.
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
        let temporary = NewStoreFile(for: path)
        temporary.removeStale()
        do {
            let store = try CampaignStore(path: temporary.path, bulkLoad: true)
            do {
                summary.salesforceAdditions = try store.write { db in try ImportWriter.write(plan, folder: folder, now: now, to: db) }
                try store.enableWAL()
                try store.close()
            } catch {
                try? store.close()
                throw error
            }
            try temporary.publish(replacingEmptyFile: size != nil)
        } catch let error as StoreError {
            temporary.remove()
            throw error.at(path)
        } catch {
            temporary.remove()
            throw error
        }
        return summary
    }
}
