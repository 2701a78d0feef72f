import ArgumentParser
import CampaignStore
import Foundation

/// Where the store is: `--db FILE`, else `$UTMOST_DB`, else
/// `$XDG_DATA_HOME/utmost/utmost.sqlite`, else `~/.local/share/utmost/utmost.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file.", discussion: """
        Default: $UTMOST_DB, else $XDG_DATA_HOME/utmost/utmost.sqlite, else \
        ~/.local/share/utmost/utmost.sqlite. A store that does not exist is created.
        """, valueName: "file"))
    var db: String?

    /// The store's path; creates the default folder when the default is used.
    func path() throws -> String {
        if let db, !db.isEmpty { return db }
        let environment = ProcessInfo.processInfo.environment
        if let fromEnvironment = environment["UTMOST_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
        let dataHome: URL
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = URL(fileURLWithPath: xdg)
        } else {
            let home = environment["HOME"].map(URL.init(fileURLWithPath:)) ?? FileManager.default.homeDirectoryForCurrentUser
            dataHome = home.appendingPathComponent(".local/share")
        }
        let folder = dataHome.appendingPathComponent("utmost")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandError("cannot create \(folder.path): \(error.localizedDescription)")
        }
        return folder.appendingPathComponent("utmost.sqlite").path
    }

    func open() throws -> CampaignStore {
        try CampaignStore(path: path(), onLongWait: Self.sayWaiting)
    }

    /// A command that waits for another process's write says so, instead of seeming to hang.
    static let sayWaiting: LongWaitHandler = { path in
        Output.error("utmost: waiting for another process that is writing to \(path)…")
    }
}
