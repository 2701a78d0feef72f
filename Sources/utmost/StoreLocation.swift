import CampaignKit
import CampaignStore
import Foundation
import PostgresStore

/// Where the store is, as `--db` or `UTMOST_DB` name it: a file, the SQLite store (the
/// default), or a `postgresql://` URL, a PostgreSQL store for a team. The one place that
/// knows there are two kinds: every command gets `any Store` from here.
enum StoreLocation: Sendable {
    case file(String)
    case postgres(PostgresLocation)

    init(_ text: String) throws {
        self = PostgresLocation.isURL(text) ? .postgres(try PostgresLocation(url: text)) : .file(text)
    }

    /// As messages name it: the path, or the URL without its password.
    var label: String {
        switch self {
        case .file(let path): return path
        case .postgres(let location): return location.label
        }
    }

    /// As the dashboard's status bar names it: the file's name, or the database and its server.
    var shortLabel: String {
        switch self {
        case .file(let path): return URL(fileURLWithPath: path).lastPathComponent
        case .postgres(let location): return "\(location.database) on \(location.server)"
        }
    }

    /// The store that must already be there: none is `StoreError.noStore`, and nothing is created.
    func open(onLongWait: LongWaitHandler?) throws -> any Store {
        switch self {
        case .file(let path): return try CampaignStore.existing(at: path, onLongWait: onLongWait)
        case .postgres(let location): return try PostgresStore.existing(location, onLongWait: onLongWait)
        }
    }

    /// The store, created (empty) when there is none.
    func openCreating(onLongWait: LongWaitHandler?) throws -> any Store {
        switch self {
        case .file(let path): return try CampaignStore(path: path, onLongWait: onLongWait)
        case .postgres(let location): return try PostgresStore(location, onLongWait: onLongWait)
        }
    }

    /// Whether there is no store there yet: no file (or an empty one), an empty database.
    func isNew() throws -> Bool {
        switch self {
        case .file(let path): return try CampaignStore.isNew(path)
        case .postgres(let location): return try PostgresStore.isNew(location)
        }
    }

    /// Imports a data folder, making the store when there is none: a refused import of a
    /// new store leaves none behind, whichever the kind.
    func importFolder(_ folder: String, now: Instant, onLongWait: LongWaitHandler?,
                      progress: ImportProgress?) throws -> ImportSummary {
        switch self {
        case .file(let path):
            return try CampaignStore.importFolder(folder, intoStoreAt: path, now: now, onLongWait: onLongWait, progress: progress)
        case .postgres(let location):
            return try PostgresStore.importFolder(folder, into: location, now: now, onLongWait: onLongWait, progress: progress)
        }
    }

    /// A new store here holding a copy of `source` (`utmost store copy`), which must be
    /// one of the two kinds; returns the number of rows copied.
    func createCopy(of source: any Store) throws -> Int {
        guard let source = source as? any SQLStore else {
            throw StoreError.badLocation("\(source.label) is no store utmost can copy")
        }
        switch self {
        case .file(let path): return try CampaignStore.createCopy(of: source, at: path)
        case .postgres(let location): return try PostgresStore.createCopy(of: source, in: location)
        }
    }
}
