import ArgumentParser
import Attribution
import CampaignStore

struct SalesforceRuleList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the Salesforce rules in force, with the contacts each added.")

    @Flag(help: "Also list removed rules.")
    var all = false

    @OptionGroup var store: StoreOptions

    func run() throws {
        let rules = try store.open().salesforceRules(includingRemoved: all)
        guard !rules.isEmpty else {
            Output.line("no Salesforce rules; add one with: utmost salesforce rule add ASSET SF_CAMPAIGN --status STATUS")
            return
        }
        var columns: [TextTable.Column] = [.init("ASSET", whole: true), .init("TYPE"), .init("SF CAMPAIGN", whole: true), .init("STATUS"),
                                           .init("FIRES ON EVENTS"), .init("ADDED", right: true)]
        if all { columns.append(.init("REMOVED")) }
        var table = TextTable(columns: columns)
        for r in rules {
            var row = [r.assetID, r.assetType.rawValue, r.salesforceCampaignID, r.status ?? "-",
                       r.activeFrom.map { "from \($0.iso8601)" } ?? "all", String(r.additions)]
            if all { row.append(r.removedAt?.iso8601 ?? "-") }
            table.add(row)
        }
        Output.table(table)
    }
}
