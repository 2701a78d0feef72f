import ArgumentParser
import CampaignStore

struct SalesforceRuleRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a form's or workflow's rule for a Salesforce campaign from now on.",
        discussion: """
            Events from now on no longer fire the rule. The contacts it added stay added, and \
            those not exported yet are still exported.
            """)

    @Argument(help: ArgumentHelp("The form's or workflow's asset id.", valueName: "asset"))
    var asset: String
    @Argument(help: ArgumentHelp("The Salesforce campaign id.", valueName: "sf-campaign"))
    var salesforceCampaign: String

    @OptionGroup var edit: EditOptions

    func run() throws {
        let rule = try edit.open().removeSalesforceRule(assetID: asset, salesforceCampaignID: salesforceCampaign,
                                                         now: try edit.now())
        let added = rule.additions == 0 ? "it had added no contact" : "the \(count(rule.additions, "contact")) it added stay added"
        Output.line("removed the rule of \(rule.assetType.rawValue) \(rule.assetID) for Salesforce campaign \(rule.salesforceCampaignID); \(added)")
    }
}
