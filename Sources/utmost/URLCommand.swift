import ArgumentParser
import CampaignStore

struct URLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "url",
        abstract: "Build a tracking URL for a campaign and print it.",
        discussion: """
            Tags PAGE_URL with utm_source, utm_medium, the campaign's current utm_campaign \
            value and, when given, utm_term and utm_content (R6). The page's own query \
            parameters and fragment are kept; utm parameters it already has are replaced; \
            values are percent-encoded. The URL is kept as a tracking_url asset associated \
            with the campaign, so its visits count for it.
            """)

    @Argument(help: ArgumentHelp("The campaign's id or name.", valueName: "campaign"))
    var campaign: String
    @Argument(help: ArgumentHelp("The page to link to.", valueName: "page-url"))
    var pageURL: String

    @Option(help: "utm_source: where the link is placed (newsletter, google, ...).")
    var source: String
    @Option(help: "utm_medium: the kind of channel (email, cpc, social, ...).")
    var medium: String
    @Option(help: "utm_term: the paid keyword.")
    var term: String?
    @Option(help: "utm_content: what tells apart links to the same page.")
    var content: String?

    @OptionGroup var edit: EditOptions

    func run() throws {
        let result = try edit.open().buildTrackingURL(for: .idOrName(campaign), pageURL: pageURL, source: source, medium: medium,
                                                       term: term, content: content, now: try edit.now())
        Output.line(result.url)
    }
}
