import CampaignKit
import Foundation
import GRDB

/// Receives an import's fraction done, 0...1.
public typealias ImportProgress = (Double) -> Void

extension CampaignStore {
    /// Imports a data folder into the store at `path`. When there is no store
    /// there yet (no file, or an empty one), the folder is checked first, then
    /// the new store is built in a temporary file beside `path` (filled without
    /// journal or syncs before it is put in WAL mode, so its pages are written
    /// once) and put in place by one atomic link or rename: a refused or killed
    /// import leaves no store behind, and a store at `path` always holds a whole import.
    /// - Parameter onLongWait: told when the import into an existing store has waited
    ///   a second for another process's write.
    @discardableResult
    public static func importFolder(_ folder: String, intoStoreAt path: String, now: Instant,
                                    onLongWait: LongWaitHandler? = nil,
                                    progress: ImportProgress? = nil) throws -> ImportSummary {
        NewStoreFile(for: path).removeStale()
        guard try isNew(path) else {
            let store = try CampaignStore(path: path, bulkLoad: false, onLongWait: onLongWait)
            defer { try? store.close() }
            return try store.importFolder(folder, now: now, progress: progress)
        }
        let replacingEmptyFile = RegularFile.kind(at: path) == .regular
        try DataFolderCheck.run(folder)
        let (plan, validated) = try FolderValidator(folder: folder, known: KnownData(), progress: progress).run()
        var summary = validated
        summary.salesforceAdditions = try createFilled(at: path, replacingEmptyFile: replacingEmptyFile) { store, db in
            try store.writeImport(plan, folder: folder, now: now, to: db, progress: progress)
        }
        return summary
    }

    /// Builds a new store at `path`, where there is none yet (no file, or an empty one), with
    /// what `fill` writes in its one transaction: in a temporary file beside `path` (filled
    /// without journal or syncs before it is put in WAL mode, so its pages are written once),
    /// synced once, and put in place by one atomic link or rename. A `fill` that throws, or a
    /// killed process, leaves no store behind; a store another process created at `path`
    /// meanwhile is left alone.
    /// - Parameter replacingEmptyFile: whether `path` was an empty file when the caller found no store there.
    package static func createFilled<T>(at path: String, replacingEmptyFile: Bool,
                                        _ fill: (CampaignStore, Database) throws -> T) throws -> T {
        let temporary = NewStoreFile(for: path)
        do {
            let store = try CampaignStore(path: temporary.path, bulkLoad: true)
            let result: T
            do {
                result = try store.write { db in try fill(store, db) }
                try store.enableWAL()
                try store.close()
                try temporary.sync()
            } catch {
                try? store.close()
                throw error
            }
            try temporary.publish(replacingEmptyFile: replacingEmptyFile)
            return result
        } catch let error as StoreError {
            temporary.remove()
            throw error.at(path)
        } catch {
            temporary.remove()
            throw error
        }
    }
}
