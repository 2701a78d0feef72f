import ArgumentParser

struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Create, rename, list, archive and delete campaigns.",
        discussion: """
            A campaign is named by its id or by its name (ignoring case) wherever a command \
            takes CAMPAIGN. A text that is one campaign's id and another's name is refused, \
            naming both.
            """,
        subcommands: [CampaignCreate.self, CampaignRename.self, CampaignListCommand.self, CampaignArchive.self,
                      CampaignUnarchive.self, CampaignDelete.self])
}
