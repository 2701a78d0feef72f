import Foundation
import Attribution
import CampaignKit

/// Edits: each is confirmed (or typed) first, then sent to the store with
/// the way to undo it; `u` sends the inverse as a new edit, which the store
/// makes only while the object is as the edit left it.
extension Reducer {
    mutating func perform(_ pending: PendingEdit) {
        guard !state.editInFlight else { return stillSaving() }
        state.savingEdit = pending
        effects.append(.perform(pending))
    }

    mutating func undo() {
        guard !state.editInFlight else { return stillSaving() }
        guard let last = state.undoStack.popLast() else {
            state.message = StatusMessage("Nothing to undo")
            return
        }
        switch last.entry {
        case .edit(let edit, let summary): perform(PendingEdit(edit: edit, summary: summary, undo: nil, expected: last.expected))
        case .impossible(let reason): state.message = StatusMessage("Cannot undo: \(reason)", isError: true)
        case .deleteCreated: state.message = StatusMessage("Cannot undo yet: the campaign is still being made", isError: true)
        }
    }

    mutating func stillSaving() {
        let text = state.waitingEdit == nil ? "Still saving the last edit; try again in a moment"
            : "The last edit is still waiting for another writer; try again once it is saved"
        state.message = StatusMessage(text, isError: true)
    }

    /// The store's answer to an edit. A refused undo leaves its step off the stack: the
    /// object is no longer as the edit left it, so that edit cannot be taken back.
    mutating func finished(_ pending: PendingEdit, _ result: Result<EditOutcome, BackendFailure>) {
        state.savingEdit = nil
        state.waitingEdit = nil
        let quitWanted = state.quitAfterEdit
        state.quitAfterEdit = false
        if case .quit? = state.popup { state.popup = nil }
        switch result {
        case .success(let outcome):
            if let change = outcome.revisions { carry(change) }
            // R6: the URL built goes to the clipboard.
            if let url = outcome.url { state.pendingCopy = url }
            if var undo = pending.undo {
                if case .deleteCreated(let name) = undo, let id = outcome.createdCampaignID {
                    undo = .edit(.deleteCampaign(campaignID: id), summary: "“\(name)” is gone again")
                }
                state.undoStack.append(UndoStep(undo, expected: outcome.revisions?.after))
                if case .edit = undo { state.message = StatusMessage(pending.summary + " · u undoes") }
                else { state.message = StatusMessage(pending.summary) }
            } else {
                // What the undo had to keep, and why, follows.
                state.message = StatusMessage("Undone: " + pending.summary + (outcome.note.map { " · " + $0 } ?? ""))
            }
            if let id = outcome.createdCampaignID { selectCreated(id) }
            if quitWanted { return quitNow() }
            reload()
        case .failure(let failure):
            // Quitting waits for the user to have read why the edit was not saved.
            let text = (pending.isUndo ? "Not undone: " : "Not saved: ") + failure.message
            state.message = StatusMessage(text + (quitWanted ? " · q quits" : ""), isError: true)
        }
    }

    /// This session's own edit moved an object from `before` to `after`: the undo steps
    /// that expected `before` expect `after` now. So undoing twice in a row works (the
    /// first undo's revision replaces the one the earlier step expected), while a step
    /// whose object another writer changed in between still expects what it can no longer find.
    mutating func carry(_ change: RevisionChange) {
        for i in state.undoStack.indices where state.undoStack[i].expected == change.before {
            state.undoStack[i].expected = change.after
        }
    }

    /// `q` or Ctrl-C. With an edit on its way the dashboard quits once it is saved (in
    /// milliseconds, as a rule); while it waits for another writer it asks first, and a
    /// second `q` or Ctrl-C in that question quits without it.
    mutating func requestQuit() {
        if case .quit? = state.popup { return quitNow() }
        guard state.editInFlight else { return quitNow() }
        state.quitAfterEdit = true
        if state.waitingEdit != nil { askBeforeQuitting() }
    }

    mutating func askBeforeQuitting() {
        state.popup = .quit(QuitPopup(summary: state.waitingEdit?.summary ?? ""))
    }

    mutating func quitNow() {
        state.quitting = true
        effects.append(.quit)
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
        let campaigns = state.allCampaigns
        let name = input.field.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let renamed: String?
        if case .rename(let id) = input.purpose { renamed = id } else { renamed = nil }
        if let id = renamed, name == state.campaign(id: id)?.name { state.popup = nil; state.message = StatusMessage("Name unchanged"); return }
        // R1: a name taken (ignoring case) or empty is refused under the field, and the popup stays.
        if let problem = NameCheck.problem(name, campaignID: renamed, campaigns: campaigns) {
            input.error = problem
            state.popup = .input(input)
            return
        }
        state.popup = nil
        let utm = NameCheck.utmValue(for: name, campaignID: renamed, campaigns: campaigns).value
        switch input.purpose {
        case .newCampaign:
            perform(PendingEdit(
                edit: .createCampaign(name: name),
                summary: "Created “\(name)” (utm_campaign=\(utm))",
                undo: .deleteCreated(name: name)))
        case .rename(let id):
            guard let campaign = state.campaign(id: id) else { return }
            perform(PendingEdit(
                edit: .rename(campaignID: id, name: name),
                summary: "Renamed “\(campaign.name)” to “\(name)” (utm_campaign=\(utm); \(campaign.utmCampaign) kept)",
                undo: .edit(.undoRename(campaignID: id),
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
            // The undo takes the association back as if it never was, while nothing counted through it.
            undo = .edit(.undoAssociate(assetID: asset.id, campaignID: target.id, movedFrom: nil),
                         summary: "“\(asset.name)” is no longer in \(target.name)")
        } else {
            let from = asset.campaignIDs[0]
            let fromName = campaignName(from) ?? from
            lines = ["Move \(what)", "from \(fromName) to \(target.name)?", "",
                     "It leaves \(fromName) now: an asset belongs", "to one campaign at a time (R7).",
                     "What it did until now stays with \(fromName) (R8)."]
            summary = "Moved “\(asset.name)” from \(fromName) to \(target.name)"
            // The undo reopens the earlier interval as it was, while nothing counted through the new one.
            undo = .edit(.undoAssociate(assetID: asset.id, campaignID: target.id, movedFrom: from),
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

    /// `x`: §8 archiving takes the campaign out of the lists and changes no number; again, it is back.
    mutating func archiveOrUnarchive() {
        guard let campaign = state.selectedCampaign else { return noCampaign() }
        if campaign.archivedAt == nil {
            perform(PendingEdit(edit: .archive(campaignID: campaign.id),
                                summary: "Archived “\(campaign.name)”: it leaves the lists (X shows them); no number changes",
                                undo: .edit(.unarchive(campaignID: campaign.id), summary: "“\(campaign.name)” is listed again")))
        } else {
            perform(PendingEdit(edit: .unarchive(campaignID: campaign.id), summary: "“\(campaign.name)” is listed again",
                                undo: .edit(.archive(campaignID: campaign.id), summary: "Archived “\(campaign.name)” again")))
        }
    }

    /// `D`: a campaign nothing ever counted for can be deleted, after a confirmation; the
    /// store refuses any other, saying why.
    mutating func confirmDelete() {
        guard let campaign = state.selectedCampaign else { return noCampaign() }
        state.popup = .confirm(ConfirmPopup(
            title: "Delete campaign",
            lines: ["Delete “\(campaign.name)” (\(campaign.utmCampaign))?", "",
                    "Only a campaign nothing ever counted for can go:", "no asset ever, no link or visit tagged with its utm values.",
                    "Any other is refused; archive it instead (x)."],
            pending: PendingEdit(edit: .deleteCampaign(campaignID: campaign.id), summary: "Deleted “\(campaign.name)”",
                                 undo: .impossible(reason: "a deleted campaign is gone; create it again with n"))))
    }

    /// R6: the form's URL is built by the store, kept as a tracking-URL asset of the campaign,
    /// and copied (OSC 52) once it is made.
    mutating func buildTrackingURL(_ form: TrackingURLPopup) {
        var form = form
        guard let campaign = state.campaign(id: form.campaignID) else { state.popup = nil; return }
        let optional = { (field: TrackingURLPopup.Field) -> String? in form.text(field).isEmpty ? nil : form.text(field) }
        do {
            _ = try TrackingURL.build(pageURL: form.text(.page), utmCampaign: campaign.utmCampaign, source: form.text(.source),
                                      medium: form.text(.medium), term: optional(.term), content: optional(.content))
        } catch {
            form.error = "\(error)"
            state.popup = .trackingURL(form)
            return
        }
        state.popup = nil
        perform(PendingEdit(
            edit: .buildTrackingURL(campaignID: campaign.id, page: form.text(.page), source: form.text(.source),
                                    medium: form.text(.medium), term: optional(.term), content: optional(.content)),
            summary: "Built a tracking URL for \(campaign.name) (R6)",
            undo: .impossible(reason: "a tracking URL may be out in the world already; dissociate its asset (d) instead")))
    }
}
