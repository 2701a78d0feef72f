import ArgumentParser

struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Create, rename and list campaigns.",
        discussion: """
            A campaign is named by its id or by its name (ignoring case) wherever a command \
            takes CAMPAIGN.
            """,
        subcommands: [CampaignCreate.self, CampaignRename.self, CampaignListCommand.self])
}
