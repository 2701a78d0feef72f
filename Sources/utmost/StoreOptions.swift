import ArgumentParser
import CampaignStore
import Foundation
import PostgresStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the store is: `--db FILE` or `--db postgresql://…`, else `$UTMOST_DB`, else
/// `$XDG_DATA_HOME/utmost/utmost.sqlite`, else `~/.local/share/utmost/utmost.sqlite`.
///
/// Only the commands that can fill a new store create one (`import`, `campaign create`,
/// and the dashboard with the demo data); every other command refuses a missing store
/// and creates nothing, not even the default folder.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a file, or a postgresql:// URL.", discussion: """
        Default: $UTMOST_DB, else $XDG_DATA_HOME/utmost/utmost.sqlite, else \
        ~/.local/share/utmost/utmost.sqlite. A file is an SQLite store; \
        postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require] is a PostgreSQL \
        store a team shares (the password may come from PGPASSWORD or ~/.pgpass instead). \
        Only import, campaign create and the dashboard create a store that does not exist \
        (a new file is readable by you only: it holds contacts' emails); other commands refuse it.
        """, valueName: "store"))
    var db: String?

    /// Where the store is.
    func location() throws -> StoreLocation {
        try StoreLocation(given().text)
    }

    /// Where the store is, creating the default folder (owner only, 0700) when the default is used.
    func locationForNewStore() throws -> StoreLocation {
        let (text, defaultFolder) = try given()
        if let folder = defaultFolder { try Self.createPrivateFolder(folder) }
        return try StoreLocation(text)
    }

    /// The store as another process of this program is told it: a file's absolute path
    /// (the child may start in another folder), a URL as it was given, password and all.
    func argumentForChild() throws -> String {
        let text = try given().text
        return PostgresLocation.isURL(text) ? text : URL(fileURLWithPath: text).standardizedFileURL.path
    }

    /// The existing store, for a command that reads or changes what must already be there.
    func open() throws -> any Store {
        try location().open(onLongWait: Self.sayWaiting)
    }

    /// The store, created when there is none.
    func openCreating() throws -> any Store {
        try locationForNewStore().openCreating(onLongWait: Self.sayWaiting)
    }

    /// A command that waits for another process's write says so, instead of seeming to hang.
    static let sayWaiting: LongWaitHandler = { store in
        Output.error("utmost: waiting for another process that is writing to \(store)…")
    }

    /// `--db` or `UTMOST_DB` as given, else the default path and its folder.
    private func given() throws -> (text: String, defaultFolder: URL?) {
        if let db, !db.isEmpty { return (db, nil) }
        let environment = ProcessInfo.processInfo.environment
        if let fromEnvironment = environment["UTMOST_DB"], !fromEnvironment.isEmpty { return (fromEnvironment, nil) }
        let dataHome: URL
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = URL(fileURLWithPath: xdg)
        } else {
            let home = environment["HOME"].map(URL.init(fileURLWithPath:)) ?? FileManager.default.homeDirectoryForCurrentUser
            dataHome = home.appendingPathComponent(".local/share")
        }
        let folder = dataHome.appendingPathComponent("utmost")
        return (folder.appendingPathComponent("utmost.sqlite").path, folder)
    }

    /// Creates `folder` (and its parents, as usual) with mode 0700 whatever the umask;
    /// an existing folder is left as it is.
    private static func createPrivateFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw CommandError("cannot create \(folder.deletingLastPathComponent().path): \(error.localizedDescription)")
        }
        if mkdir(folder.path, 0o700) == 0 {
            chmod(folder.path, 0o700)
        } else if errno != EEXIST {
            throw CommandError("cannot create \(folder.path): \(String(cString: strerror(errno)))")
        }
    }
}
