import ArgumentParser
import CampaignStore

struct SalesforceImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import Salesforce campaign members, all or nothing.",
        discussion: """
            FILE is a CSV with the columns salesforce_campaign_id, contact_id or email (or \
            both), and status; Salesforce's own names CampaignId, ContactId, Email and Status \
            work too (header names ignore case; other columns are ignored).

            A member is matched by contact_id when that names a contact, else by email, \
            ignoring case (Salesforce's ContactId is its own id, which utmost does not know). \
            A row that names no known contact is skipped with a warning, FILE:LINE:COLUMN \
            (column): no contact with id/email "...", and the other rows are imported; any \
            other defect imports nothing. Memberships are only added: a contact already a \
            member keeps its membership and takes the file's status.
            """)

    @Argument(help: ArgumentHelp("The members CSV file.", valueName: "file"))
    var file: String

    @OptionGroup var edit: EditOptions

    func run() throws {
        let store = try edit.open()
        let r = try store.importSalesforceMembers(file, now: try edit.now())
        for warning in r.skipped { Output.error("utmost: warning: \(warning)") }
        Output.line("imported \(file) into \(store.label): \(count(r.new, "new membership")), \(count(r.statusUpdated, "status", plural: "statuses")) updated, \(r.unchanged) unchanged\(r.skipped.isEmpty ? "" : ", \(r.skipped.count) skipped (no such contact)")")
    }
}

/// `1 thing`, `2 things`.
func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
    "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
}
