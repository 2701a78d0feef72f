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

    @OptionGroup var target: AssetAndCampaign

    @OptionGroup var edit: EditOptions

    func run() throws {
        let closed = try edit.open().dissociate(assetID: target.asset, from: .idOrName(target.campaign), now: try edit.now()).closed
        Output.line("dissociated asset \(target.asset) from campaign \(closed.campaignID), associated since \(closed.associatedAt)")
    }
}
