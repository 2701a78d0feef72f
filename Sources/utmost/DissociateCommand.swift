import ArgumentParser
import CampaignStore

struct DissociateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dissociate",
        abstract: "End an asset's association with a campaign now.",
        discussion: """
            The association's history stays: what the asset brought the campaign while it \
            was associated still counts; nothing from now on does (R7, R8).
            """)

    @Argument(help: ArgumentHelp("The asset's id.", valueName: "asset"))
    var asset: String
    @Argument(help: ArgumentHelp("The campaign's id or name.", valueName: "campaign"))
    var campaign: String

    @OptionGroup var store: StoreOptions
    @OptionGroup var clock: ClockOption

    func run() throws {
        let closed = try store.open().dissociate(assetID: asset, from: campaign, now: try clock.instant()).closed
        Output.line("dissociated asset \(asset) from campaign \(closed.campaignID), associated since \(closed.associatedAt)")
    }
}
