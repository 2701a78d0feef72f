import ArgumentParser
import CampaignStore

struct CampaignArchive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive a campaign: it leaves the lists, and no number changes.",
        discussion: """
            An archived campaign is left out of `utmost campaign list` (--all shows it) and of \
            the dashboard's lists, and is reported, counted and edited as before: its traffic, \
            assets and deals still count, in every report and export. \
            `utmost campaign unarchive` lists it again.
            """)

    @Argument(help: ArgumentHelp("The campaign's id or name.", valueName: "campaign"))
    var campaign: String

    @OptionGroup var edit: EditOptions

    func run() throws {
        let c = try edit.open().archiveCampaign(.idOrName(campaign), now: try edit.now())
        Output.line("archived campaign \(c.id) \"\(c.name)\": it leaves the lists (utmost campaign list --all shows it); its numbers stay in every report")
    }
}
