import CampaignKit
import Attribution

/// `y` and `Y`: what is selected goes to the clipboard. The loop hands `pendingCopy` to
/// the terminal (OSC 52, which tmux and terminals over SSH honour); the status bar says
/// what was copied. The text is copied exactly as it is, control characters and all:
/// the terminal gets it as base64, and the status bar shows it cleaned.
extension Reducer {
    /// `y`: what a marketer pastes elsewhere — a campaign's utm_campaign value, an asset's
    /// id, a metric's value, an unlinked utm value, an explanation, the listed contacts'
    /// emails. `Y`: the campaign's id, which the command line takes.
    mutating func copy(_ command: Command) {
        switch state.popup {
        case .explain(let explain)?:
            guard let lines = explain.lines else { return nothingToCopy("the explanation is on its way") }
            copied(lines.joined(separator: "\n"), as: "the explanation (\(lines.count) line\(lines.count == 1 ? "" : "s"))")
        case .contacts(let popup)?:
            let rows = popup.rows(campaignName: campaignName)
            guard !rows.isEmpty else { return nothingToCopy("no contact is listed") }
            let all = rows.allSatisfy { $0.email != nil }
            copied(rows.map { $0.email ?? $0.id }.joined(separator: "\n"),
                   as: "\(rows.count) contact\(rows.count == 1 ? "" : "s") (\(all ? "emails" : "emails, ids where none"))")
        case nil:
            copyFromPane(command)
        default:
            break
        }
    }

    private mutating func copyFromPane(_ command: Command) {
        switch state.paneContext {
        case .campaigns, .analytics, .attribution:
            guard let campaign = copiedCampaign else { return noCampaign() }
            if command == .copyID {
                copied(campaign.id, as: "the id of \(campaign.name): \(campaign.id)")
            } else {
                copied(campaign.utmCampaign, as: "utm_campaign=\(campaign.utmCampaign)")
            }
        case .assets:
            guard let asset = state.selectedAsset else { return nothingToCopy("no asset is selected") }
            copied(asset.id, as: "the id of \(asset.name): \(asset.id)")
        case .metrics:
            guard let campaign = state.selectedCampaign else { return noCampaign() }
            guard !state.numbersPending else { return nothingToCopy("the numbers are on their way") }
            let metric = CampaignMetric.allCases[state.metricIndex]
            let text: String
            switch metric.value(in: campaign) {
            case .count(let n): text = String(n)
            case .money(let amount): text = Money.format(amount)
            }
            copied(text, as: "\(metric.label(width: 40)) of \(campaign.name): \(text)")
        case .unlinked:
            guard let value = state.selectedUnlinked else { return nothingToCopy("no utm value is listed") }
            copied(value.key, as: "utm_campaign=\(value.key)")
        default:
            break
        }
    }

    /// The campaign under the cursor of the pane or tab in front.
    private var copiedCampaign: CampaignReport? {
        switch state.tab {
        case .campaigns: return state.selectedCampaign
        case .analytics: return state.analyticsCampaigns[safe: state.analyticsIndex]
        case .attribution: return state.selectedAttributionCampaign
        case .unlinked: return nil
        }
    }

    private mutating func copied(_ text: String, as what: String) {
        state.pendingCopy = text
        state.message = StatusMessage("Copied \(what)")
    }

    private mutating func nothingToCopy(_ why: String) {
        state.message = StatusMessage("Nothing to copy: \(why)", isError: true)
    }
}
