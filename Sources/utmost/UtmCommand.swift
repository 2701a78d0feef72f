import ArgumentParser

struct UtmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "utm",
        abstract: "Manage utm_campaign values.",
        discussion: """
            A campaign owns its current utm_campaign value and every earlier one; a value's \
            key (the value lowercased) belongs to one campaign at most (R4). Values that \
            belong to none are unlinked (R5).
            """,
        subcommands: [UtmAttach.self])
}
