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

    @OptionGroup var target: AssetAndCampaign

    @OptionGroup var edit: EditOptions

    func run() throws {
        let result = try edit.open().associate(assetID: target.asset, with: .idOrName(target.campaign), now: try edit.now())
        var line = "associated asset \(target.asset) with campaign \(result.association.campaignID)"
        if let left = result.leftCampaignID { line += " (it left campaign \(left))" }
        Output.line(line)
    }
}
