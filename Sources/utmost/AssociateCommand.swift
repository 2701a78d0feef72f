import ArgumentParser
import CampaignStore

struct AssociateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "associate",
        abstract: "Associate an asset with a campaign from now on.",
        discussion: """
            An asset other than a workflow belongs to one campaign at a time: if it is in \
            another campaign, it moves, leaving that campaign at the instant it joins this \
            one (R7). A workflow can belong to any number of campaigns. Nothing from before \
            now is counted for the campaign through this asset (R8).
            """)

    @Argument(help: ArgumentHelp("The asset's id.", valueName: "asset"))
    var asset: String
    @Argument(help: ArgumentHelp("The campaign's id or name.", valueName: "campaign"))
    var campaign: String

    @OptionGroup var store: StoreOptions
    @OptionGroup var clock: ClockOption

    func run() throws {
        let result = try store.open().associate(assetID: asset, with: campaign, now: try clock.instant())
        var line = "associated asset \(asset) with campaign \(result.association.campaignID)"
        if let left = result.leftCampaignID { line += " (it left campaign \(left))" }
        Output.line(line)
    }
}
