import ArgumentParser
import CampaignStore

struct CampaignRename: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename",
        abstract: "Rename a campaign; its old utm value keeps counting.",
        discussion: """
            The new name follows R1. The campaign gets a new utm_campaign value from the new \
            name for the tracking URLs built from now on, and the old value stays attached as \
            an alias so traffic tagged with it still counts (R3). Renaming back to an earlier \
            name reuses the value it had then.
            """)

    @Argument(help: ArgumentHelp("The campaign's id or name.", valueName: "campaign"))
    var campaign: String
    @Argument(help: ArgumentHelp("The new name.", valueName: "new-name"))
    var newName: String

    @OptionGroup var edit: EditOptions

    func run() throws {
        let result = try edit.open().renameCampaign(.idOrName(campaign), to: newName, now: try edit.now())
        let c = result.campaign
        var line = "renamed campaign \(c.id) \"\(result.previousName)\" to \"\(c.name)\"; utm_campaign is \(c.utm.value)"
        if let alias = result.keptAlias {
            line += result.reusedValue ? " again" : ""
            line += "; \(alias.value) stays attached as an alias"
        }
        Output.line(line)
    }
}
