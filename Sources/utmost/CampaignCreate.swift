import ArgumentParser
import CampaignKit
import CampaignStore
import Foundation

struct CampaignCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a campaign.",
        discussion: """
            The name is trimmed, at most 256 characters, and must not be another campaign's \
            name in any case (R1). The campaign's utm_campaign value is made from its name: \
            folded to ASCII, lowercased, with a -2, -3, ... suffix when another campaign has \
            it already (R2). It is created now, and counts nothing from before (R8).
            """)

    @Argument(help: "The campaign's name.")
    var name: String

    @Option(help: ArgumentHelp("The planned first day, YYYY-MM-DD.", valueName: "date"))
    var start: String?
    @Option(help: ArgumentHelp("The planned last day, YYYY-MM-DD.", valueName: "date"))
    var end: String?
    @Option(help: "Who runs it.")
    var owner: String?
    @Option(help: "Free text.")
    var notes: String?
    @Option(help: ArgumentHelp("#rrggbb or a theme colour name (red, bright-blue, orange, ...).", valueName: "colour"))
    var color: String?
    @Option(help: ArgumentHelp("A decimal amount such as 1500.00.", valueName: "amount"))
    var budget: String?

    @OptionGroup var edit: EditOptions

    func run() throws {
        let new = NewCampaign(name: name, startDate: try OptionValue.date(start, "--start"), endDate: try OptionValue.date(end, "--end"),
                              owner: owner, notes: notes, color: color, budget: try OptionValue.amount(budget, "--budget"))
        let campaign = try edit.store.openCreating().createCampaign(new, now: try edit.now())
        Output.line("created campaign \(campaign.id) \"\(campaign.name)\" with utm_campaign \(campaign.utm.value)")
    }
}
