import ArgumentParser
import CampaignStore

struct CampaignDelete: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a campaign that nothing ever counted for, such as one created by mistake.",
        discussion: """
            Only a campaign with no assets and no traffic can be deleted: no asset was ever \
            associated with it, however briefly, and no event's URL and no asset's URL (a \
            tracking URL) carries any of its utm values, at any time. Then nothing can count \
            for it, and deleting it changes no number. Its names and utm values go with it, \
            and its values are free for other campaigns. Any other campaign is refused, with \
            the reason; archive it instead (utmost campaign archive).
            """)

    @Argument(help: ArgumentHelp("The campaign's id or name.", valueName: "campaign"))
    var campaign: String

    @OptionGroup var store: StoreOptions

    func run() throws {
        let c = try store.open().deleteCampaign(.idOrName(campaign))
        let values = ([c.utm] + c.aliases).map(\.value)
        Output.line("deleted campaign \(c.id) \"\(c.name)\"; its utm value\(values.count == 1 ? "" : "s") \(values.joined(separator: ", ")) \(values.count == 1 ? "is" : "are") free again")
    }
}
