import ArgumentParser
import CampaignStore

struct UtmAttach: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Attach an unlinked utm value to a campaign from now on.",
        discussion: """
            A utm_campaign value that belongs to no campaign (a typo, say) credits none (R5). \
            Attaching it makes it one of the campaign's values from now on; visits tagged \
            with it before now stay uncredited (R8). A value that belongs to another \
            campaign is refused.
            """)

    @Argument(help: ArgumentHelp("The utm_campaign value, as seen in URLs.", valueName: "value"))
    var value: String
    @Argument(help: ArgumentHelp("The campaign's id or name.", valueName: "campaign"))
    var campaign: String

    @OptionGroup var edit: EditOptions

    func run() throws {
        let store = try edit.open()
        let target = try store.campaign(.idOrName(campaign))
        let utm = try store.attachUtmValue(value, to: .id(target.id), now: try edit.now()).utm
        Output.line("attached utm value \(utm.value) to campaign \(target.id) \"\(target.name)\" from \(utm.attachedAt)")
    }
}
