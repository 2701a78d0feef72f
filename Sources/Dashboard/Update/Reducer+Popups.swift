import CampaignKit
import Widgets

/// Commands while a popup is open or the campaigns filter is being typed: the key
/// table gives the command (`KeyMap`'s popup contexts), the popup its meaning; a key
/// with no binding there is typed into the popup's text field, if it has one.
extension Reducer {
    mutating func runInPopup(_ command: Command) {
        guard let popup = state.popup else { return runInFilter(command) }
        if command == .copy { return copy(command) }
        switch popup {
        case .help(var help):
            switch command {
            case .close: state.popup = nil; return
            case .filter: help.filtering = true
            case .keepFilter: help.filtering = false
            case .down, .up, .pageDown, .pageUp, .top, .bottom:
                help.scroll = scrolled(help.scroll, command, last: HelpOverlay.lines(help, glyphs: state.glyphs).count - 1)
            default: break
            }
            state.popup = .help(help)
        case .explain(var explain):
            guard command != .close else { state.popup = nil; return }
            explain.scroll = scrolled(explain.scroll, command, last: (explain.lines?.count ?? 0) - 1)
            state.popup = .explain(explain)
        case .topDeals(var popup):
            guard command != .close else { state.popup = nil; return }
            popup.scroll = scrolled(popup.scroll, command, last: popup.lineCount - 1)
            state.popup = .topDeals(popup)
        case .contacts(var popup):
            switch command {
            case .close where !popup.filter.text.isEmpty:
                popup.filter = TextField(); popup.scroll = 0
            case .clearFilter:
                popup.filtering = false; popup.filter = TextField(); popup.scroll = 0
            case .close: state.popup = nil; return
            case .filter: popup.filtering = true
            case .keepFilter: popup.filtering = false
            case .sort:
                popup.sort = popup.sort.next; popup.scroll = 0
                state.message = StatusMessage("Contacts sorted by \(popup.sort.label)")
            default:
                // Never scroll past the last page.
                let count = popup.rows(campaignName: campaignName).count
                popup.scroll = scrolled(popup.scroll, command, last: count - state.layout.contactRows(count: count))
            }
            state.popup = .contacts(popup)
        case .confirm(let confirm):
            state.popup = nil
            if command == .accept { perform(confirm.pending) } else { state.message = StatusMessage("Cancelled: nothing changed") }
        case .quit:
            switch command {
            case .accept: state.popup = nil
            case .quitNow: quitNow()
            default:
                state.popup = nil
                state.quitAfterEdit = false
                state.message = StatusMessage("Not quitting; the edit is saved once the other writer is done")
            }
        case .input(let input):
            if command == .accept { submit(input) } else { state.popup = nil }
        case .assetPicker(var picker):
            switch command {
            case .accept: return chooseAsset(picker)
            case .close: state.popup = nil; return
            default: picker.cursor = moved(picker.cursor, command, count: picker.rows(campaignName: campaignName).count)
            }
            state.popup = .assetPicker(picker)
        case .campaignPicker(var picker):
            switch command {
            case .accept: return chooseCampaign(picker)
            case .close: state.popup = nil; return
            default: picker.cursor = moved(picker.cursor, command, count: picker.rows.count)
            }
            state.popup = .campaignPicker(picker)
        case .segmentPicker(var picker):
            switch command {
            case .accept: return chooseSegment(picker)
            case .close: state.popup = nil; return
            default: picker.cursor = moved(picker.cursor, command, count: picker.rows.count)
            }
            state.popup = .segmentPicker(picker)
        case .period(let popup):
            runInPeriodEditor(command, popup)
        case .trackingURL(var form):
            let fields = TrackingURLPopup.Field.allCases
            switch command {
            case .close: state.popup = nil; return
            case .nextField: form.focus = fields[min(fields.count - 1, form.focus.rawValue + 1)]
            case .previousField: form.focus = fields[max(0, form.focus.rawValue - 1)]
            case .accept:
                // From utm_medium on, Enter builds once the required fields are in; before, it moves on.
                if form.focus == .content || (form.focus.rawValue >= TrackingURLPopup.Field.medium.rawValue && isComplete(form)) {
                    return buildTrackingURL(form)
                }
                form.focus = fields[form.focus.rawValue + 1]
            default: break
            }
            state.popup = .trackingURL(form)
        }
    }

    /// Whether the form has what R6 requires: the page, utm_source and utm_medium.
    func isComplete(_ form: TrackingURLPopup) -> Bool {
        TrackingURLPopup.Field.allCases.filter(\.required).allSatisfy { !form.text($0).isEmpty }
    }

    /// The period editor: a preset is used at once; the custom row's dates are typed or
    /// stepped field by field, and used once both read as days in order.
    mutating func runInPeriodEditor(_ command: Command, _ popup: PeriodPopup) {
        var popup = popup
        let rows = Period.presets.count + 1
        switch command {
        case .close: state.popup = nil; return
        case .down, .up:
            popup.editing = nil
            popup.cursor = moved(popup.cursor, command, count: rows)
        case .accept where !popup.onCustom:
            state.popup = nil
            state.period = Period.presets[popup.cursor]
            return
        case .accept where popup.editing == nil:
            popup.editing = .from
        case .accept:
            switch PeriodDates.parse(from: popup.from.text, to: popup.to.text) {
            case .success(let (from, to)):
                state.popup = nil
                state.period = .custom(from: from, to: to)
                return
            case .failure(let problem):
                popup.error = problem.message
            }
        case .nextField where popup.onCustom:
            popup.editing = popup.editing == .from ? .to : .from
        case .dayEarlier, .dayLater, .monthEarlier, .monthLater:
            guard popup.onCustom else { break }
            let field = popup.editing ?? .from
            popup.editing = field
            let text = field == .from ? popup.from.text : popup.to.text
            let start = CalendarDate(iso8601: text) ?? (field == .from ? state.window.from : state.window.to) ?? state.anchor ?? state.today
            let stepped: CalendarDate
            switch command {
            case .dayEarlier: stepped = start.adding(days: -1)
            case .dayLater: stepped = start.adding(days: 1)
            case .monthEarlier: stepped = start.addingMonths(-1)
            default: stepped = start.addingMonths(1)
            }
            if field == .from { popup.from = TextField(stepped.description) } else { popup.to = TextField(stepped.description) }
            popup.error = nil
        default:
            break
        }
        state.popup = .period(popup)
    }

    /// `/` typing on a list: it narrows as you type; Enter keeps the filter, Esc drops it,
    /// an arrow keeps it and moves.
    mutating func runInFilter(_ command: Command) {
        state.filtering = false
        switch command {
        case .clearFilter: state.currentFilter = TextField()
        case .up, .down: run(command)
        default: break
        }
    }

    /// A key no binding takes: typed into the text field in front, if there is one.
    /// What the field shows starts over (first row, no error) only when its text changed,
    /// not when its cursor moved.
    mutating func type(_ key: Key) {
        switch state.popup {
        case .help(var help)? where help.filtering:
            if edit(&help.filter, key) { help.scroll = 0 }
            state.popup = .help(help)
        case .contacts(var popup)? where popup.filtering:
            if edit(&popup.filter, key) { popup.scroll = 0 }
            state.popup = .contacts(popup)
        case .input(var input)?:
            if edit(&input.field, key) { input.error = nil }
            state.popup = .input(input)
        case .assetPicker(var picker)?:
            if edit(&picker.query, key) { picker.cursor = 0 }
            state.popup = .assetPicker(picker)
        case .campaignPicker(var picker)?:
            if edit(&picker.query, key) { picker.cursor = 0 }
            state.popup = .campaignPicker(picker)
        case .segmentPicker(var picker)?:
            if edit(&picker.query, key) { picker.cursor = 0 }
            state.popup = .segmentPicker(picker)
        case .trackingURL(var form)?:
            if form.fields[form.focus.rawValue].handle(key) { form.error = nil }
            state.popup = .trackingURL(form)
        case .period(var popup)? where popup.onCustom:
            // Typing on the custom row edits the date field in front (the first one when none is).
            let field = popup.editing ?? .from
            popup.editing = field
            let handled = field == .from ? popup.from.handle(key) : popup.to.handle(key)
            if handled { popup.error = nil }
            state.popup = .period(popup)
        case nil where state.filtering:
            _ = state.currentFilter.handle(key)
        default:
            break
        }
    }

    /// Applies a key to a field; true when its text changed.
    private func edit(_ field: inout TextField, _ key: Key) -> Bool {
        let before = field.text
        _ = field.handle(key)
        return field.text != before
    }

    func campaignName(_ id: String) -> String? { state.campaign(id: id)?.name }

    /// A popup's first line shown after a scrolling command, between 0 and `last`.
    func scrolled(_ scroll: Int, _ command: Command, last: Int) -> Int {
        let target: Int
        switch command {
        case .down: target = scroll + 1
        case .up: target = scroll - 1
        case .pageDown: target = scroll + 10
        case .pageUp: target = scroll - 10
        case .top: target = 0
        case .bottom: target = last
        default: target = scroll
        }
        return min(max(0, target), max(0, last))
    }

    /// A picker's cursor after a moving command, within `count` rows.
    func moved(_ cursor: Int, _ command: Command, count: Int) -> Int {
        let last = max(0, count - 1)
        switch command {
        case .down: return min(last, cursor + 1)
        case .up: return max(0, cursor - 1)
        case .pageDown: return min(last, cursor + 10)
        case .pageUp: return max(0, cursor - 10)
        default: return cursor
        }
    }
}
