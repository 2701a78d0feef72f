import ArgumentParser
import CampaignStore

struct SalesforceExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the contacts the rules added to Salesforce campaigns, for Salesforce's import.",
        discussion: """
            Writes FILE as CampaignId,ContactId,Email,Status: one row per contact a rule added \
            to a Salesforce campaign and not exported yet, ready for Salesforce's Data Import \
            Wizard (campaign members). Exporting marks the rows exported, so the next export \
            writes only new ones; --all writes every addition again. Contacts that are imported \
            members of that Salesforce campaign already are left out: Salesforce has them.

            Cells that begin with =, +, - or @ get a leading ' so a spreadsheet does not run \
            them as formulas. FILE is replaced whole, through a temporary file and a rename; \
            with nothing to export it is not written. It holds emails: a new FILE is readable \
            by you only (0600); a FILE that is replaced keeps its permissions, and a symbolic \
            link is written through.
            """)

    @Argument(help: ArgumentHelp("The CSV file to write.", valueName: "file"))
    var file: String

    @Flag(help: "Write every addition, exported before or not.")
    var all = false

    @OptionGroup var edit: EditOptions

    func run() throws {
        let result = try edit.open().exportSalesforceAdditions(to: file, all: all, now: try edit.now())
        guard result.rows > 0 else {
            Output.line("nothing to export: no \(all ? "" : "pending ")additions; \(file) was not written\(all ? "" : " (--all writes every addition again)")")
            return
        }
        var line = "wrote \(count(result.rows, "row")) to \(file)"
        if result.leftOutAsImported > 0 {
            line += " (\(count(result.leftOutAsImported, "addition")) left out: already imported members of that campaign)"
        }
        Output.line(line)
    }
}
