import ArgumentParser
import CampaignStore

struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store into a new one, of either kind.",
        discussion: """
            FROM and TO are each a file (an SQLite store) or a postgresql:// URL (a PostgreSQL \
            store): a team moves its file to a server this way, and back. Everything goes: \
            campaigns and their history, assets, contacts, deals, events, Salesforce rules and \
            additions, archived periods, so every report is the same on both. TO must hold no \
            store yet (a missing or empty file, an empty database); the copy is one transaction \
            there, so a failed copy leaves TO as empty as it was. FROM is only read.
            """)

    @Argument(help: ArgumentHelp("The store to copy: a file or a postgresql:// URL.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("Where the copy goes: a new file or an empty PostgreSQL database.", valueName: "to"))
    var to: String

    func run() throws {
        let source = try StoreLocation(from), target = try StoreLocation(to)
        guard try target.isNew() else { throw StoreError.notEmpty(store: target.label) }
        let store = try source.open(onLongWait: StoreOptions.sayWaiting)
        defer { try? store.close() }
        let rows = try target.createCopy(of: store)
        Output.line("copied \(source.label) to \(target.label): \(rows) rows")
    }
}
