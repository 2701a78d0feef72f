import Widgets
import Foundation
import Attribution
import CampaignKit

/// Edits: each is confirmed (or typed) first, then sent to the store with
/// the way to undo it; `u` sends the inverse as a new edit.
extension Reducer {
    mutating func perform(_ pending: PendingEdit) {
        guard !state.editInFlight else {
            state.message = StatusMessage("Still saving the last edit; try again in a moment", isError: true)
            return
        }
        state.editInFlight = true
        effects.append(.perform(pending))
    }

    mutating func undo() {
        guard !state.editInFlight else {
            state.message = StatusMessage("Still saving the last edit; try again in a moment", isError: true)
            return
        }
        guard let last = state.undoStack.popLast() else {
            state.message = StatusMessage("Nothing to undo")
            return
        }
        switch last {
        case .edit(let edit, let summary): perform(PendingEdit(edit: edit, summary: summary, undo: nil))
        case .impossible(let reason): state.message = StatusMessage("Cannot undo: \(reason)", isError: true)
        }
    }

    mutating func confirmDissociate() {
        guard let campaign = state.selectedCampaign, let asset = state.selectedAsset else {
            state.message = StatusMessage("No asset selected", isError: true)
            return
        }
        let pending = PendingEdit(
            edit: .dissociate(assetID: asset.id, campaignID: campaign.id),
            summary: "Removed “\(asset.name)” from \(campaign.name)",
            undo: .edit(.associate(assetID: asset.id, campaignID: campaign.id),
                        summary: "“\(asset.name)” is back in \(campaign.name)"))
        state.popup = .confirm(ConfirmPopup(
            title: "Dissociate asset",
            lines: ["Remove “\(asset.name)” (\(asset.type.label))", "from \(campaign.name)?", "",
                    "Its association ends now; the history is kept,",
                    "so what it did until now still counts (R8)."],
            pending: pending))
    }

    mutating func submit(_ input: InputPopup) {
        var input = input
        let campaigns = state.report?.campaigns ?? []
        let name = input.field.text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch input.purpose {
        case .newCampaign:
            if let problem = NameCheck.problem(name, campaignID: nil, campaigns: campaigns) {
                input.error = problem
                state.popup = .input(input)
                return
            }
            state.popup = nil
            let utm = NameCheck.utmValue(for: name, campaignID: nil, campaigns: campaigns).value
            perform(PendingEdit(
                edit: .createCampaign(name: name),
                summary: "Created “\(name)” (utm_campaign=\(utm))",
                undo: .impossible(reason: "campaigns are never deleted; rename “\(name)” instead")))
        case .rename(let id):
            guard let campaign = state.campaign(id: id) else { state.popup = nil; return }
            if name == campaign.name { state.popup = nil; state.message = StatusMessage("Name unchanged"); return }
            if let problem = NameCheck.problem(name, campaignID: id, campaigns: campaigns) {
                input.error = problem
                state.popup = .input(input)
                return
            }
            state.popup = nil
            let utm = NameCheck.utmValue(for: name, campaignID: id, campaigns: campaigns).value
            perform(PendingEdit(
                edit: .rename(campaignID: id, name: name),
                summary: "Renamed “\(campaign.name)” to “\(name)” (utm_campaign=\(utm); \(campaign.utmCampaign) kept)",
                undo: .edit(.rename(campaignID: id, name: campaign.name),
                            summary: "“\(name)” is “\(campaign.name)” again (utm_campaign=\(campaign.utmCampaign))")))
        }
    }

    /// R7: the confirmation names the campaign the asset leaves.
    mutating func chooseAsset(_ picker: AssetPicker) {
        let rows = picker.rows(campaignName: campaignName)
        guard let asset = rows[safe: picker.cursor], let target = state.campaign(id: picker.campaignID) else { return }
        let others = asset.campaignIDs.map { campaignName($0) ?? $0 }
        let what = "“\(asset.name)” (\(asset.type.label))"
        let lines: [String]
        let summary: String
        let undo: UndoEntry
        if asset.type.allowsManyCampaigns || asset.campaignIDs.isEmpty {
            lines = ["Associate \(what)", "with \(target.name)?", ""]
                + (others.isEmpty ? ["It belongs to no campaign now."]
                   : ["Workflows can belong to several campaigns (R7):", "it stays in \(others.joined(separator: ", "))."])
                + ["It counts from now on; nothing earlier", "is pulled in (R8)."]
            summary = "Associated “\(asset.name)” with \(target.name)"
            undo = .edit(.dissociate(assetID: asset.id, campaignID: target.id),
                         summary: "“\(asset.name)” left \(target.name) again")
        } else {
            let from = asset.campaignIDs[0]
            let fromName = campaignName(from) ?? from
            lines = ["Move \(what)", "from \(fromName) to \(target.name)?", "",
                     "It leaves \(fromName) now: an asset belongs", "to one campaign at a time (R7).",
                     "What it did until now stays with \(fromName) (R8)."]
            summary = "Moved “\(asset.name)” from \(fromName) to \(target.name)"
            undo = .edit(.associate(assetID: asset.id, campaignID: from),
                         summary: "“\(asset.name)” is back in \(fromName)")
        }
        state.popup = .confirm(ConfirmPopup(
            title: asset.campaignIDs.isEmpty || asset.type.allowsManyCampaigns ? "Associate asset" : "Move asset",
            lines: lines,
            pending: PendingEdit(edit: .associate(assetID: asset.id, campaignID: target.id), summary: summary, undo: undo)))
    }

    /// R5: attaching a stray value as an alias, after a confirmation.
    mutating func chooseCampaign(_ picker: CampaignPicker) {
        guard let campaign = picker.rows[safe: picker.cursor] else { return }
        let value = picker.value
        state.popup = .confirm(ConfirmPopup(
            title: "Attach utm value",
            lines: ["Attach utm_campaign=\(value.key)", "to \(campaign.name) as an alias?", "",
                    "From now on its traffic counts for \(campaign.name);",
                    "the \(Format.grouped(value.pageViews)) page views seen so far stay unlinked (R5, R8).",
                    "An alias stays attached: this cannot be undone."],
            pending: PendingEdit(
                edit: .attachAlias(value: value.key, campaignID: campaign.id),
                summary: "Attached \(value.key) to \(campaign.name) as an alias",
                undo: .impossible(reason: "an attached utm value stays with its campaign (R3)"))))
    }
}
