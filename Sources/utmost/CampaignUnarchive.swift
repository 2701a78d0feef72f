import ArgumentParser
import CampaignStore

struct CampaignUnarchive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unarchive",
        abstract: "List an archived campaign again.")

    @Argument(help: ArgumentHelp("The campaign's id or name.", valueName: "campaign"))
    var campaign: String

    @OptionGroup var edit: EditOptions

    func run() throws {
        let (c, since) = try edit.open().unarchiveCampaign(.idOrName(campaign), now: try edit.now())
        Output.line("unarchived campaign \(c.id) \"\(c.name)\" (archived since \(since.iso8601)): it is listed again")
    }
}
