import ArgumentParser
import CampaignKit
import CampaignStore

struct SalesforceRuleAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add the rule \"add the contact to Salesforce campaign SF_CAMPAIGN\" to a form or workflow.",
        discussion: """
            Only forms and workflows carry rules. From now on (or from --since) each submission \
            of the form or enrollment in the workflow adds its contact to the Salesforce \
            campaign with the status given. Stored events from that instant on fire at once.
            """)

    @Argument(help: ArgumentHelp("The form's or workflow's asset id.", valueName: "asset"))
    var asset: String
    @Argument(help: ArgumentHelp("The Salesforce campaign id (such as 701Hs00000Jx4bQAAR).", valueName: "sf-campaign"))
    var salesforceCampaign: String

    @Option(help: ArgumentHelp("The member status to give (such as Responded). Default: none, Salesforce's default.", valueName: "status"))
    var status: String?

    @Option(help: ArgumentHelp("Fire on events at or after this instant (ISO 8601) instead of now.", valueName: "instant"))
    var since: String?

    @OptionGroup var edit: EditOptions

    func run() throws {
        let from = try OptionValue.instant(since, "--since")
        let rule = try edit.open().addSalesforceRule(assetID: asset, salesforceCampaignID: salesforceCampaign,
                                                      status: status, since: from, now: try edit.now())
        let what = rule.status.map { " with status \($0)" } ?? ""
        Output.line("added rule: each \(rule.assetType == .form ? "submission of form" : "enrollment in workflow") \(rule.assetID) adds its contact to Salesforce campaign \(rule.salesforceCampaignID)\(what), for events from \(rule.activeFrom?.iso8601 ?? "any time") on")
        Output.line("stored events added \(count(rule.additions, "contact")) to \(rule.salesforceCampaignID)")
    }
}
