import Widgets

/// The mouse: a click on a tab's label shows the tab; a click in a pane focuses it and
/// selects the row under it; a click on the selected row of the list in front opens it,
/// as Enter does (so a double click on a row opens it). The wheel moves the cursor of
/// the list under the pointer, else of the focused one, or scrolls the popup in front.
/// What is where comes from `HitTest`.
extension Reducer {
    /// Rows the cursor moves, or lines a popup scrolls, for one turn of the wheel.
    static let wheelRows = 3

    mutating func mouse(_ event: MouseEvent) {
        let target = HitTest.target(state, x: event.x, y: event.y)
        switch event.action {
        case .press(.left): click(target)
        case .press: break
        case .wheelUp: wheel(target, by: -Self.wheelRows)
        case .wheelDown: wheel(target, by: Self.wheelRows)
        }
    }

    private mutating func click(_ target: HitTarget) {
        guard state.popup == nil else {
            if case .area(.picker, let row?) = target { pick(row) }
            return
        }
        // A click ends typing the campaigns filter, which stays, as Enter would.
        state.filtering = false
        switch target {
        case .tab(let tab):
            state.tab = tab
        case .area(let context, let row):
            if let pane = Pane.allCases.first(where: { $0.context == context }), state.focus != pane {
                state.focus = pane
                if let row { select(row, in: context) }
            } else if let row {
                if row == index(in: context) { open(context) } else { select(row, in: context) }
            }
        case .nothing:
            break
        }
    }

    /// What Enter does in the context.
    private mutating func open(_ context: BindingContext) {
        if let command = KeyMap.command(for: .enter, in: context) { run(command) }
    }

    private mutating func select(_ row: Int, in context: BindingContext) {
        move(by: row - index(in: context), in: context)
    }

    /// The cursor's row in a list.
    private func index(in context: BindingContext) -> Int {
        switch context {
        case .campaigns: return state.campaignIndex
        case .assets: return state.assetIndex
        case .analytics: return state.analyticsIndex
        case .unlinked: return state.unlinkedIndex
        case .attribution: return state.attributionIndex
        default: return 0
        }
    }

    /// A click on a picker's row moves its cursor there; on the row the cursor is on, chooses it.
    private mutating func pick(_ row: Int) {
        switch state.popup {
        case .assetPicker(var picker)?:
            guard picker.cursor != row else { return chooseAsset(picker) }
            picker.cursor = row
            state.popup = .assetPicker(picker)
        case .campaignPicker(var picker)?:
            guard picker.cursor != row else { return chooseCampaign(picker) }
            picker.cursor = row
            state.popup = .campaignPicker(picker)
        case .segmentPicker(var picker)?:
            guard picker.cursor != row else { return chooseSegment(picker) }
            picker.cursor = row
            state.popup = .segmentPicker(picker)
        default:
            break
        }
    }

    private mutating func wheel(_ target: HitTarget, by rows: Int) {
        if let popup = state.popup {
            switch popup {
            case .help, .explain, .topDeals, .contacts, .assetPicker, .campaignPicker, .segmentPicker, .period:
                for _ in 0..<abs(rows) { runInPopup(rows < 0 ? .up : .down) }
            case .confirm, .quit, .input, .trackingURL:
                // Nothing scrolls there, and a turn of the wheel must not answer the question.
                break
            }
            return
        }
        let lists: [BindingContext] = [.campaigns, .assets, .analytics, .unlinked, .attribution]
        if case .area(let context, _) = target, lists.contains(context) {
            move(by: rows, in: context)
        } else if lists.contains(state.paneContext) {
            move(by: rows)
        }
    }
}
