/// Why the store could not do what was asked, worded for the person who asked.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file exists but is not a utmost store; it was left untouched.
    case notAStore(path: String, reason: String)
    /// The store was written by a newer utmost; it was left untouched.
    case newerSchema(path: String, unknownMigrations: [String])
    /// No campaign, asset, ... with that id (or name).
    case notFound(kind: String, reference: String)
    /// SQLite refused; the message is SQLite's.
    case database(path: String, message: String)
    /// A file the store writes (an export) could not be written; the reason is the system's.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notAStore(path, reason):
            return "\(path) is not a utmost store: \(reason); it was left untouched"
        case let .newerSchema(path, unknown):
            return "\(path) was written by a newer version of utmost (schema \(unknown.sorted().joined(separator: ", "))); it was left untouched: upgrade utmost to use it"
        case let .notFound(kind, reference):
            return "no \(kind) \"\(reference)\""
        case let .database(path, message):
            return "\(path): \(message)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
