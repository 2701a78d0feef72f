import ArgumentParser

struct UtmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "utm",
        abstract: "Manage utm_campaign values.",
        subcommands: [UtmAttach.self])
}
