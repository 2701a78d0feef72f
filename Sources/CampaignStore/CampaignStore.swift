import CampaignKit
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
private let systemClose = Glibc.close
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
private let systemClose = Darwin.close
#endif

/// The campaign data in one SQLite file: import, edits, and loading a `Dataset`.
///
/// The file is in WAL mode with foreign keys on, so a dashboard can read while
/// a command writes; a write that finds another process writing waits for it
/// (`BusyWait`: up to ten minutes, telling its `onLongWait` after a second) instead of failing. Every import and every
/// edit is one transaction. Opening never writes to an existing, current
/// store, so a refused import leaves its bytes as they were.
public final class CampaignStore: Sendable {
    public let path: String
    let queue: DatabaseQueue
    /// Commits made through this store, added to `PRAGMA data_version` (which only counts other connections').
    private let ownCommits = CommitCounter()
    /// The file opened: a write first checks that `path` still names it.
    private let file: FileIdentity?
    /// A later import works the events' order out again from all the chunks when these are
    /// over this many bytes, and drops it otherwise (`StoredEventOrder`).
    let keepsEventOrderAbove: Int64

    /// Opens the store at `path`, creating it (and nothing else) when the file does not exist.
    /// Refuses what is not a regular file (a folder, a FIFO), a file that is not an SQLite
    /// database, an SQLite database that is not a utmost store, and a store written by a
    /// newer schema. Temporary stores that killed imports left beside `path` are removed.
    ///
    /// A new store is readable and writable by its owner only (0600, whatever the umask):
    /// it holds contacts' emails. SQLite gives its `-wal` and `-shm` files the store's mode.
    /// - Parameter onLongWait: told when a write of this store has waited a second for
    ///   another process's write (it goes on waiting, up to ten minutes).
    public convenience init(path: String, onLongWait: LongWaitHandler? = nil) throws {
        NewStoreFile(for: path).removeStale()
        try self.init(path: path, bulkLoad: false, onLongWait: onLongWait)
    }

    /// Opens the store at `path` when there is one, for a command that reads or changes
    /// what must already be there: no file, or an empty one, is `StoreError.noStore`,
    /// and nothing is created.
    public static func existing(at path: String, onLongWait: LongWaitHandler? = nil) throws -> CampaignStore {
        NewStoreFile(for: path).removeStale()
        guard try !isNew(path) else { throw StoreError.noStore(path: path) }
        return try CampaignStore(path: path, bulkLoad: false, onLongWait: onLongWait)
    }

    /// - Parameter bulkLoad: for a new file that no one else sees yet (`NewStoreFile`) only:
    ///   no journal and no syncs, so a first import writes its pages once, instead of to the
    ///   WAL and again at the checkpoint, and never waits for the disk; a failed or killed
    ///   build is thrown away whole. `enableWAL()` must follow, and the file be synced
    ///   before it is put in place.
    /// - Parameter keepsEventOrderAbove: `EventChunks.handOnAbove` but in tests.
    init(path: String, bulkLoad: Bool, onLongWait: LongWaitHandler? = nil,
         keepsEventOrderAbove: Int64 = EventChunks.handOnAbove) throws {
        self.path = path
        self.keepsEventOrderAbove = keepsEventOrderAbove
        let created = try Self.isNew(path) ? try Self.createPrivately(path) : false
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .callback(BusyWait(path: path, onLongWait: onLongWait).retry)
        config.prepareDatabase { db in
            try db.execute(sql: bulkLoad ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = NORMAL")
            // Up to 64 MiB of pages in memory (SQLite's default is 2 MiB): an import of a million
            // contacts keeps its unique indexes' pages here instead of spilling them mid-transaction.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            try Self.checkHeader(path)
            queue = try DatabaseQueue(path: path, configuration: config)
            try Self.prepareSchema(queue, path: path, wal: !bulkLoad)
        } catch {
            if created { Self.removeCreated(path) }
            if let error = error as? DatabaseError { throw Self.wrap(error, path: path) }
            throw error
        }
        file = FileIdentity(path)
    }

    /// Whether `path` holds no store yet: no file, or an empty one (SQLite's new database).
    /// Throws when something other than a regular file is there.
    public static func isNew(_ path: String) throws -> Bool {
        switch RegularFile.kind(at: path) {
        case .absent: return true
        case .other(let what): throw StoreError.cannotOpen(path: path, reason: RegularFileError.notRegular(path: path, what: what).reason)
        case .regular:
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            return size == 0
        }
    }

    /// Creates an empty file at `path` with mode 0600; false when another process created it first.
    private static func createPrivately(_ path: String) throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { return false }
            if DiskSpace.isFull(code) { throw StoreError.diskFull(path: path) }
            throw StoreError.cannotOpen(path: path, reason: cannotOpenReason(path) ?? String(cString: strerror(code)))
        }
        // The umask may have taken bits away; the mode is the owner's read and write, exactly.
        fchmod(fd, 0o600)
        _ = systemClose(fd)
        return true
    }

    /// Undoes `createPrivately` after the store could not be set up in the new file,
    /// unless another process has written to it since.
    private static func removeCreated(_ path: String) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard size == 0 else { return }
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// An SQLite file starts with these 16 bytes; an empty file is a new database.
    private static func checkHeader(_ path: String) throws {
        let fd: Int32
        do { fd = try RegularFile.openForReading(path) } catch {
            throw StoreError.cannotOpen(path: path, reason: error.reason)
        }
        defer { _ = systemClose(fd) }
        var head = [UInt8](repeating: 0, count: 16)
        let count = head.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, 16) }
        if count > 0 && head[..<count] != Array("SQLite format 3\0".utf8)[...] {
            throw StoreError.notAStore(path: path, reason: "it is not an SQLite database")
        }
    }

    private static func prepareSchema(_ queue: DatabaseQueue, path: String, wal: Bool) throws {
        let migrator = StoreSchema.migrator
        let needsMigration = try queue.writeWithoutTransaction { db -> Bool in
            let applied = try migrator.appliedIdentifiers(db)
            let unknown = applied.subtracting(migrator.migrations)
            guard unknown.isEmpty else { throw StoreError.newerSchema(path: path, unknownMigrations: Array(unknown)) }
            if applied.isEmpty {
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") ?? 0
                guard tables == 0 else {
                    throw StoreError.notAStore(path: path, reason: "it is an SQLite database of another program")
                }
            }
            guard try !migrator.hasCompletedMigrations(db) else { return false }
            // WAL is a property of the file: set once, when the schema is first written.
            if wal { try enableWAL(db) } else { try db.execute(sql: "PRAGMA journal_mode = OFF") }
            return true
        }
        if needsMigration { try migrator.migrate(queue) }
    }

    private static func enableWAL(_ db: Database) throws {
        if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
    }

    /// Puts a store opened for a bulk load in WAL mode.
    func enableWAL() throws {
        do { try queue.writeWithoutTransaction(Self.enableWAL) } catch let error as DatabaseError {
            throw Self.wrap(error, path: path)
        }
    }

    static func wrap(_ error: DatabaseError, path: String) -> StoreError {
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notAStore(path: path, reason: "it is not an SQLite database")
        case .SQLITE_CORRUPT: return .damaged(path: path, detail: message)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: cannotOpenReason(path) ?? message)
        case .SQLITE_FULL: return .diskFull(path: path)
        // A full disk reaches SQLite as a failed write of its shared-memory file too, an I/O error.
        case .SQLITE_IOERR where DiskSpace.isNearlyFull(at: path): return .diskFull(path: path)
        default: return .database(path: path, message: message)
        }
    }

    /// Why the file cannot be opened, when the file system tells.
    private static func cannotOpenReason(_ path: String) -> String? {
        let files = FileManager.default
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return "it is a folder, not a file" }
            if !files.isReadableFile(atPath: path) { return "the file cannot be read (permissions)" }
            if !files.isWritableFile(atPath: folder) { return "its folder \(folder) is not writable (utmost keeps -wal and -shm files beside the store)" }
            return nil
        }
        guard files.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "the folder \(folder) does not exist"
        }
        if !files.isWritableFile(atPath: folder) { return "the store does not exist and its folder \(folder) is not writable" }
        return nil
    }

    /// Runs `body` in one IMMEDIATE transaction, committing when it returns.
    /// Refuses (`StoreError.replaced`) when the file was replaced or removed since it
    /// was opened: an edit written there would be lost to everyone.
    package func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            let result = try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    if let file, FileIdentity(path) != file { throw StoreError.replaced(path: path) }
                    result = try body(db)
                    return .commit
                }
                return result!
            }
            ownCommits.increment()
            return result
        } catch let error as DatabaseError {
            throw Self.wrap(error, path: path)
        }
    }

    package func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let error as DatabaseError { throw Self.wrap(error, path: path) }
    }

    /// A number that changes whenever the store's content may have changed:
    /// `PRAGMA data_version` (commits of other connections, other processes
    /// included) plus this store's own commits. Cheap enough to poll.
    public func dataVersion() throws -> Int {
        try read(changeCount)
    }

    /// `dataVersion()` read on a connection already in use.
    package func changeCount(_ db: Database) throws -> Int {
        (try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0) + ownCommits.value
    }

    /// Closes the file. Further use throws.
    public func close() throws {
        try queue.close()
    }
}

/// A file as the system knows it, whatever its name: its device and inode.
private struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    /// The file `path` names now; nil when there is none.
    init?(_ path: String) {
        var facts = stat()
        guard stat(path, &facts) == 0 else { return nil }
        device = UInt64(truncatingIfNeeded: facts.st_dev)
        inode = UInt64(truncatingIfNeeded: facts.st_ino)
    }
}

/// A counter shared across threads.
private final class CommitCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

/// The store's contract on SQLite (`SQLStore`): GRDB's connection, `PRAGMA data_version`,
/// and the events bound straight from the file's bytes, with their chunks (`EventChunks`).
extension CampaignStore: SQLStore {
    public var label: String { path }

    package func appendEvents(_ events: CSVReader, times: [Int64], to db: Database, progress: ImportProgress?) throws {
        try SQLiteEvents.append(events, times: times, to: db, progress: progress, keepingOrderAbove: keepsEventOrderAbove)
    }

    package func events(_ db: Database) throws -> EventTable {
        try EventChunks.load(db)
    }

    /// The events' chunks are decoded on another thread while this one reads the other
    /// tables (#17; `EventChunks.decoding`).
    package func dataset(_ db: Database) throws -> Dataset {
        try dataset(db, afterDecoding: nil)
    }

    /// `dataset`, calling `afterDecoding` on the decoding thread with the events from the
    /// chunks as soon as they are decoded (not when they are read from the rows).
    func dataset(_ db: Database, afterDecoding: (@Sendable (EventTable, EventOrder?) -> Void)?) throws -> Dataset {
        try dataset(db, afterDecoding: afterDecoding) { _ in () }.dataset
    }

    /// `dataset`, and what `alsoRead` reads from the same snapshot while the events are being decoded.
    func dataset<T>(_ db: Database, afterDecoding: (@Sendable (EventTable, EventOrder?) -> Void)?,
                    alsoRead: (Database) throws -> T) throws -> (dataset: Dataset, also: T) {
        var (events, (dataset, also)) = try EventChunks.decoding(db, from: path, afterDecoding: afterDecoding) {
            (try db.dataset(events: EventTable()), try alsoRead(db))
        }
        dataset.events = try events ?? EventChunks.fromRows(db)
        return (dataset, also)
    }
}
