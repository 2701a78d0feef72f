import Widgets
import Testing
import Attribution
import CampaignKit
@testable import Dashboard

/// `utmost dashboard --read-only` and `utmost serve --read-only` (#15): one guard where
/// keys become commands refuses every edit; everything else works as ever.
@Suite("Read-only dashboard")
struct ReadOnlyTests {
    /// Spring launch selected, with the focus or tab of each pane context, and an undo step waiting.
    static func everyPane(readOnly: Bool) -> [(BindingContext, DashboardState)] {
        var states: [(BindingContext, DashboardState)] = Pane.allCases.map { pane in
            (pane.context, Scenarios.spring(120, 35, focus: pane))
        }
        for tab in [Tab.analytics, .unlinked, .attribution] {
            var s = Scenarios.spring(120, 35, focus: .campaigns)
            s.tab = tab
            states.append((s.paneContext, s))
        }
        return states.map { context, state in
            var s = state
            s.readOnly = readOnly
            s.undoStack = [UndoStep(.edit(.rename(campaignID: "c1", name: "Spring"), summary: "renamed back"), expected: nil)]
            return (context, s)
        }
    }

    /// Whether the state is on its way to an edit: a name to type, something to pick, a question to confirm.
    static func leadsToEdit(_ state: DashboardState) -> Bool {
        switch state.popup {
        case .input?, .assetPicker?, .campaignPicker?, .confirm?: return true
        default: return false
        }
    }

    static func sendsEdit(_ effects: [Effect]) -> Bool {
        effects.contains { if case .perform = $0 { return true } else { return false } }
    }

    @Test("#15 read-only: every edit key of every pane answers read-only and asks nothing of the store")
    func editsRefused() {
        var refused = Set<Command>()
        for (context, state) in Self.everyPane(readOnly: true) {
            #expect(state.paneContext == context)
            for binding in KeyMap.bindings(for: context) where binding.command.isEdit {
                for key in binding.keys {
                    // The key, then what would finish an edit: a name, Enter, yes.
                    let (s, effects) = press([key] + typing("x") + [.enter, .char("y")], on: state)
                    #expect(!Self.sendsEdit(effects), "\(key) in \(context) sent an edit: \(effects)")
                    #expect(s.undoStack.count == 1, "\(key) in \(context) took the undo step")
                    let (first, firstEffects) = press(key, on: state)
                    #expect(first.message?.text.hasPrefix("read-only") == true && first.message?.isError == true,
                            "\(key) in \(context) says \(String(describing: first.message))")
                    #expect(first.popup == nil && firstEffects.isEmpty, "\(key) in \(context) opened \(String(describing: first.popup))")
                    refused.insert(binding.command)
                }
            }
        }
        #expect(refused == [.newCampaign, .rename, .associate, .dissociate, .attachAlias, .undo,
                             .archive, .deleteCampaign, .trackingURL],
                "every edit the dashboard has is among the refused: \(refused)")
    }

    @Test("#15 Command.isEdit: no other command leads to an edit, so the one guard holds them all")
    func onlyEditsLeadToEdits() {
        for (context, state) in Self.everyPane(readOnly: false) {
            for binding in KeyMap.bindings(for: context) where !binding.command.isEdit {
                for key in binding.keys {
                    let (s, effects) = press(key, on: state)
                    #expect(!Self.sendsEdit(effects) && !Self.leadsToEdit(s),
                            "\(key) (\(binding.command)) in \(context) leads to an edit but is not marked isEdit")
                }
            }
        }
    }

    @Test("#15 read-only: browsing, periods, explanations, help and tabs still work")
    func browsingWorks() {
        var state = Scenarios.spring(120, 35, focus: .campaigns)
        state.readOnly = true
        let moved = press(.char("j"), on: state).0
        #expect(moved.selectedCampaignID != state.selectedCampaignID, "j moves the cursor")
        let period = press(.char("]"), on: state).0
        #expect(period.period != state.period, "] steps the period")
        var assets = state
        assets.focus = .assets
        let (explained, effects) = press(.char("e"), on: assets)
        guard case .explain? = explained.popup, case .explain? = effects.first else {
            Issue.record("e did not explain: \(String(describing: explained.popup)) \(effects)")
            return
        }
        guard case .help? = press(.char("?"), on: state).0.popup else { Issue.record("? opened no help"); return }
        #expect(press(.char("2"), on: state).0.tab == .analytics)
        #expect(press(.char("j"), on: state).0.message == nil, "a browsing key says nothing of read-only")
    }

    @Test("#15 read-only: the status bar says so at every width and offers no edit key")
    func statusBar() {
        for width in [120, 80, 50] {
            var state = Scenarios.spring(width, 30, focus: .campaigns)
            state.readOnly = true
            let bar = screen(state).split(separator: "\n").last.map(String.init) ?? ""
            #expect(bar.contains("read-only"), "\(width) columns: \(bar)")
            #expect(!bar.contains("associate"), "\(width) columns: no edit key offered: \(bar)")
        }
        let editable = screen(Scenarios.spring(120, 30, focus: .campaigns)).split(separator: "\n").last.map(String.init) ?? ""
        #expect(editable.contains("associate") && !editable.contains("read-only"), "\(editable)")
    }
}
