import Foundation

/// Why the store could not do what was asked, worded for the person who asked.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file exists but is not a utmost store; it was left untouched.
    case notAStore(path: String, reason: String)
    /// The store was written by a newer utmost; it was left untouched.
    case newerSchema(path: String, unknownMigrations: [String])
    /// No campaign, asset, ... with that id (or name).
    case notFound(kind: String, reference: String)
    /// A reference that is one campaign's id and another campaign's name; nothing was done.
    case ambiguousCampaign(reference: String, candidates: [CampaignCandidate])
    /// The file is an SQLite database but damaged (truncated, overwritten); it was left untouched.
    case damaged(path: String, detail: String)
    /// The store or its folder cannot be written (SQLite keeps `-wal` and `-shm` files beside it).
    case readOnly(path: String)
    /// The file cannot be opened or created; `reason` says why, as far as it is known.
    case cannotOpen(path: String, reason: String)
    /// Another connection kept the store locked longer than the busy timeout.
    case busy(path: String)
    /// SQLite refused; the message is SQLite's.
    case database(path: String, message: String)
    /// A file the store writes (an export) could not be written; the reason is the system's.
    case cannotWrite(path: String, reason: String)
    /// An undo found its object changed by another writer since the edit it takes back
    /// (what happened, ending "since your edit"); nothing was written.
    case changedSinceEdit(String)
    /// The path no longer names the file this store opened (it was removed, or replaced by
    /// another store); nothing was written to the old file, where no one would see it.
    case replaced(path: String)
    /// A command that needs data found no store (no file, or an empty one) and created none.
    case noStore(path: String)
    /// The file system holding the store has no room left; the write was undone.
    case diskFull(path: String)
    /// `--db` or `UTMOST_DB` names no store utmost can open (a malformed PostgreSQL URL, say); the message says why.
    case badLocation(String)
    /// The PostgreSQL server of the store (`store`: its URL without the password) cannot be reached, or the
    /// connection to it was lost; `reason` says what happened and whether anything was written.
    case unreachable(store: String, reason: String)
    /// The PostgreSQL server refused to log in: a wrong password, an unknown user, or one it does not let in.
    case loginRefused(store: String, reason: String)
    /// The PostgreSQL server has no database of that name; nothing was created.
    case noDatabase(store: String, database: String, server: String)
    /// The database refused a write that would break a rule it holds (`rule`, in words), as when another
    /// writer got there first; nothing was written.
    case conflict(store: String, rule: String)
    /// `utmost store copy` fills only a new store, and `store` holds one already (or other data); nothing was copied.
    case notEmpty(store: String)

    public var description: String {
        switch self {
        case let .notAStore(path, reason):
            return "\(path) is not a utmost store: \(reason); it was left untouched"
        case let .newerSchema(path, unknown):
            return "\(path) was written by a newer version of utmost (schema \(unknown.sorted().joined(separator: ", "))); it was left untouched: upgrade utmost to use it"
        case let .notFound(kind, reference):
            return "no \(kind) \"\(reference)\""
        case let .ambiguousCampaign(reference, candidates):
            let others = candidates.map { $0.byID ? "“\($0.name)”" : $0.id }
            return "campaign \"\(reference)\" is ambiguous: it is \(candidates.map(\.description).joined(separator: " and ")); "
                + "name the one you mean by \(others.joined(separator: " or ")) instead"
        case let .damaged(path, detail):
            return "\(path) is damaged (SQLite: \(detail)); it was left untouched: restore it from a backup, or give another --db to start a new store"
        case let .readOnly(path):
            let name = URL(fileURLWithPath: path).lastPathComponent
            return "\(path) cannot be written: the file or its folder is read-only (utmost also keeps \(name)-wal and \(name)-shm beside it); it was left untouched"
        case let .cannotOpen(path, reason):
            return "cannot open \(path): \(reason)"
        case let .busy(path):
            return "\(path) is busy: another program kept it locked too long; nothing was written, try again"
        case let .database(path, message):
            return "\(path): \(message)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .changedSinceEdit(change):
            return change
        case let .replaced(path):
            return "\(path) was replaced or removed since it was opened; nothing was written: open it again"
        case let .noStore(path):
            return "no store at \(path) (nothing was created): make one with `utmost import DIR`, or check --db and UTMOST_DB"
        case let .diskFull(path):
            return "\(path): the disk is full; nothing was written: free some space and try again"
        case let .badLocation(message):
            return message
        case let .unreachable(store, reason):
            return "cannot reach \(store): \(reason)"
        case let .loginRefused(store, reason):
            return "\(store) refused to log in: \(reason)"
        case let .noDatabase(store, database, server):
            return "\(store): the server at \(server) has no database \"\(database)\" (nothing was created): create it (createdb \(database)) or check --db and UTMOST_DB"
        case let .conflict(store, rule):
            return "\(store) refused the change: \(rule); nothing was written: try again"
        case let .notEmpty(store):
            return "\(store) already holds a store: a copy goes only into a new one (a missing or empty file, an empty database); nothing was copied"
        }
    }
}

extension StoreError {
    /// The same error about the file at `path` (a store built under a temporary name is reported under its own).
    func at(_ path: String) -> StoreError {
        switch self {
        case .notAStore(_, let reason): return .notAStore(path: path, reason: reason)
        case .newerSchema(_, let unknown): return .newerSchema(path: path, unknownMigrations: unknown)
        case .notFound, .ambiguousCampaign: return self
        case .damaged(_, let detail): return .damaged(path: path, detail: detail)
        case .readOnly: return .readOnly(path: path)
        case .cannotOpen(_, let reason): return .cannotOpen(path: path, reason: reason)
        case .busy: return .busy(path: path)
        case .database(_, let message): return .database(path: path, message: message)
        case .cannotWrite, .changedSinceEdit: return self
        case .replaced: return .replaced(path: path)
        case .noStore: return .noStore(path: path)
        case .diskFull: return .diskFull(path: path)
        case .badLocation, .unreachable, .loginRefused, .noDatabase, .conflict, .notEmpty: return self
        }
    }
}
