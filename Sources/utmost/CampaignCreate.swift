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

    @OptionGroup var store: StoreOptions
    @OptionGroup var clock: ClockOption

    func run() throws {
        let new = NewCampaign(name: name, startDate: try date(start, "--start"), endDate: try date(end, "--end"),
                              owner: owner, notes: notes, color: color, budget: try amount(budget))
        let campaign = try store.openCreating().createCampaign(new, now: try clock.instant())
        Output.line("created campaign \(campaign.id) \"\(campaign.name)\" with utm_campaign \(campaign.utm.value)")
    }

    private func date(_ text: String?, _ option: String) throws -> CalendarDate? {
        guard let text else { return nil }
        guard let date = CalendarDate(iso8601: text) else {
            throw CommandError("\(option): malformed date \"\(text)\"; expected YYYY-MM-DD")
        }
        return date
    }

    private func amount(_ text: String?) throws -> Decimal? {
        guard let text else { return nil }
        guard let value = Money.parse(text) else {
            throw CommandError("--budget: malformed amount \"\(text)\"; expected a decimal number such as 1500.00")
        }
        return value
    }
}
