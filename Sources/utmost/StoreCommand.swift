import ArgumentParser

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Move a store between kinds: an SQLite file, a PostgreSQL database.",
        subcommands: [StoreCopyCommand.self])
}
