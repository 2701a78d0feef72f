import ArgumentParser
import CampaignStore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a folder of CSV files into the store, all or nothing.",
        discussion: """
            DIR holds any of campaigns.csv, utm_aliases.csv, assets.csv, associations.csv, \
            contacts.csv, deals.csv, deal_contacts.csv, events.csv, salesforce_members.csv and \
            salesforce_rules.csv (SPEC section 8). Every row is checked against the folder and \
            the store before anything is written; the first defect is reported as \
            file:line:column (column name): what is wrong, and the store is left as it was.

            Campaigns with an empty utm_campaign get one from their name (R2).
            """)

    @Argument(help: ArgumentHelp("The data folder.", valueName: "dir"))
    var directory: String

    @OptionGroup var edit: EditOptions

    func run() throws {
        let location = try edit.store.locationForNewStore()
        let bar = ProgressBar(label: "import")
        defer { bar.finish() }
        let s = try location.importFolder(directory, now: try edit.now(), onLongWait: StoreOptions.sayWaiting) { bar.update($0) }
        bar.finish()
        for warning in s.skippedSalesforceMembers { Output.error("utmost: warning: \(warning)") }
        let counts = [
            (s.campaigns, "campaign"), (s.utmValues, "utm alias"), (s.assets, "asset"), (s.associations, "association"),
            (s.contacts, "contact"), (s.deals, "deal"), (s.dealContacts, "deal contact"), (s.events, "event"),
            (s.salesforceMembers, "Salesforce membership"), (s.salesforceStatusUpdates, "Salesforce status update"),
            (s.salesforceRules, "Salesforce rule"), (s.salesforceAdditions, "Salesforce rule addition"),
            (s.skippedSalesforceMembers.count, "skipped Salesforce member"),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : ($0.1.hasSuffix("s") ? "es" : "s"))" }
        Output.line("imported \(directory) into \(location.label): \(counts.isEmpty ? "nothing new" : counts.joined(separator: ", "))")
        for (id, value) in s.generatedUtmValues.sorted(by: { $0.key < $1.key }) {
            Output.line("  campaign \(id): utm_campaign \(value) (generated)")
        }
    }
}
