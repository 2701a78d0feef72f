import Widgets
/// Keys while a popup is open: it takes them all; Esc closes any popup.
extension Reducer {
    mutating func handlePopup(_ key: Key) {
        guard let popup = state.popup else { return }
        switch popup {
        case .help(var help):
            if help.filtering {
                switch key {
                case .escape: state.popup = nil; return
                case .enter: help.filtering = false
                default: if help.filter.handle(key) { help.scroll = 0 }
                }
            } else {
                switch key {
                case .escape, .char("q"), .char("?"): state.popup = nil; return
                case .char("/"): help.filtering = true
                case .char("j"), .down: help.scroll += 1
                case .char("k"), .up: help.scroll = max(0, help.scroll - 1)
                default: break
                }
            }
            state.popup = .help(help)
        case .explain(var explain):
            switch key {
            case .escape, .char("q"), .enter, .char("e"): state.popup = nil; return
            case .char("j"), .down: explain.scroll += 1
            case .char("k"), .up: explain.scroll = max(0, explain.scroll - 1)
            case .pageDown: explain.scroll += 10
            case .pageUp: explain.scroll = max(0, explain.scroll - 10)
            case .char("g"), .home: explain.scroll = 0
            default: break
            }
            // Never scroll past the last line.
            explain.scroll = min(explain.scroll, max(0, (explain.lines?.count ?? 0) - 1))
            state.popup = .explain(explain)
        case .confirm(let confirm):
            switch key {
            case .char("y"), .char("Y"), .enter:
                state.popup = nil
                perform(confirm.pending)
            case .escape, .char("n"), .char("N"), .char("q"):
                state.popup = nil
                state.message = StatusMessage("Cancelled: nothing changed")
            default:
                break
            }
        case .quit:
            switch key {
            case .enter, .char("w"):
                state.popup = nil
            case .char("q"):
                quitNow()
            case .escape:
                state.popup = nil
                state.quitAfterEdit = false
                state.message = StatusMessage("Not quitting; the edit is saved once the other writer is done")
            default:
                break
            }
        case .input(var input):
            switch key {
            case .escape: state.popup = nil
            case .enter: submit(input)
            default:
                if input.field.handle(key) { input.error = nil }
                state.popup = .input(input)
            }
        case .assetPicker(var picker):
            let count = picker.rows(campaignName: campaignName).count
            switch key {
            case .escape: state.popup = nil; return
            case .enter: return chooseAsset(picker)
            default: movePickerCursor(&picker.cursor, query: &picker.query, key: key, count: count, pages: true)
            }
            state.popup = .assetPicker(picker)
        case .campaignPicker(var picker):
            let count = picker.rows.count
            switch key {
            case .escape: state.popup = nil; return
            case .enter: return chooseCampaign(picker)
            default: movePickerCursor(&picker.cursor, query: &picker.query, key: key, count: count, pages: false)
            }
            state.popup = .campaignPicker(picker)
        case .topDeals(var popup):
            switch key {
            case .escape, .char("q"), .enter: state.popup = nil; return
            case .char("j"), .down: popup.scroll += 1
            case .char("k"), .up: popup.scroll = max(0, popup.scroll - 1)
            case .pageDown, .ctrl("d"): popup.scroll += 10
            case .pageUp, .ctrl("u"): popup.scroll = max(0, popup.scroll - 10)
            case .char("g"), .home: popup.scroll = 0
            case .char("G"), .end: popup.scroll = Int.max / 2
            default: break
            }
            // Never scroll past the last line.
            popup.scroll = min(popup.scroll, max(0, popup.lineCount - 1))
            state.popup = .topDeals(popup)
        case .segmentPicker(var picker):
            let count = picker.rows.count
            switch key {
            case .escape: state.popup = nil; return
            case .enter: return chooseSegment(picker)
            default: movePickerCursor(&picker.cursor, query: &picker.query, key: key, count: count, pages: true)
            }
            state.popup = .segmentPicker(picker)
        case .contacts(var popup):
            if popup.filtering {
                switch key {
                case .escape: popup.filtering = false; popup.filter = TextField(); popup.scroll = 0
                case .enter, .down, .up: popup.filtering = false
                default: if popup.filter.handle(key) { popup.scroll = 0 }
                }
                state.popup = .contacts(popup)
                return
            }
            switch key {
            case .escape where !popup.filter.text.isEmpty: popup.filter = TextField(); popup.scroll = 0
            case .escape, .char("q"), .enter, .char("c"): state.popup = nil; return
            case .char("/"): popup.filtering = true
            case .char("j"), .down: popup.scroll += 1
            case .char("k"), .up: popup.scroll = max(0, popup.scroll - 1)
            case .pageDown, .ctrl("d"): popup.scroll += 10
            case .pageUp, .ctrl("u"): popup.scroll = max(0, popup.scroll - 10)
            case .char("g"), .home: popup.scroll = 0
            case .char("G"), .end: popup.scroll = Int.max / 2
            default: break
            }
            // Never scroll past the last page.
            let count = popup.rows(campaignName: campaignName).count
            popup.scroll = min(popup.scroll, max(0, count - ContactsView.visibleRows(height: state.height, count: count)))
            state.popup = .contacts(popup)
        }
    }

    func campaignName(_ id: String) -> String? { state.campaign(id: id)?.name }

    /// The keys every searchable picker shares: move the cursor within `count` rows
    /// (by pages too where the picker is tall), or type into the search field, which
    /// puts the cursor back on the first row.
    func movePickerCursor(_ cursor: inout Int, query: inout TextField, key: Key, count: Int, pages: Bool) {
        let last = max(0, count - 1)
        switch key {
        case .up, .ctrl("p"): cursor = max(0, cursor - 1)
        case .down, .ctrl("n"): cursor = min(last, cursor + 1)
        case .pageUp where pages: cursor = max(0, cursor - 10)
        case .pageDown where pages: cursor = min(last, cursor + 10)
        default: if query.handle(key) { cursor = 0 }
        }
    }
}
