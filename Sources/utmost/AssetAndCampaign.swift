import ArgumentParser

/// An asset and a campaign, as `associate` and `dissociate` name them.
struct AssetAndCampaign: ParsableArguments {
    @Argument(help: ArgumentHelp("The asset's id.", valueName: "asset"))
    var asset: String

    @Argument(help: ArgumentHelp("The campaign's id or name.", valueName: "campaign"))
    var campaign: String
}
