import ArgumentParser
import CampaignStore

struct CampaignListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every campaign with its utm values.",
        discussion: """
            Shows each campaign's id, name, current utm value, aliases (earlier values, in \
            attachment order), creation instant, planned dates, and whether it is in the \
            analytics view (created on or after 2017-09-01, R17).
            """)

    @Option(help: "table or json.")
    var format: CampaignList.Format = .table

    @OptionGroup var store: StoreOptions

    func run() throws {
        try CampaignList.write(try store.open().campaigns(), format: format)
    }
}
