import ArgumentParser
import CampaignStore

struct CampaignListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the campaigns with their utm values.",
        discussion: """
            Shows each campaign's id, name, current utm value, aliases (earlier values, in \
            attachment order), creation instant, planned dates, and whether it is in the \
            analytics view (created on or after 2017-09-01, R17). Archived campaigns are left \
            out unless --all or --archived asks for them; they are in every report as ever.
            """)

    @Option(help: "table or json.")
    var format: CampaignList.Format = .table

    @Flag(help: "Archived campaigns too, with the instant each was archived.")
    var all = false

    @Flag(help: "Only the archived campaigns.")
    var archived = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard !(all && archived) else { throw ValidationError("--all and --archived exclude each other: --all lists every campaign") }
    }

    func run() throws {
        let campaigns = try store.open().campaigns()
        let listed = campaigns.filter { all || (archived == ($0.archivedAt != nil)) }
        let whenEmpty = archived ? "no archived campaigns"
            : campaigns.isEmpty ? "no campaigns yet: utmost import DIR, or utmost campaign create NAME"
            : "no campaigns listed: all \(campaigns.count) are archived (utmost campaign list --all shows them)"
        try CampaignList.write(listed, format: format, whenEmpty: whenEmpty)
    }
}
