import Widgets
/// What a key does, independent of which key it is.
public enum Command: Hashable, Sendable {
    case up, down, left, right, pageUp, pageDown, top, bottom
    case nextPane, previousPane, showTab(Tab)
    case help, quit, undo, windowPrevious, windowNext
    case filter, sort, open, explain
    /// R18: the campaigns pane's revenue column steps through the attribution
    /// models; `resetModel` goes back to influenced revenue.
    case cycleModel, resetModel
    /// R18: the campaign's top deals under the selected model, with their touches.
    case topDeals
    /// R20: choose the Salesforce segment; a campaign's influenced contacts.
    case segment, contacts
    case newCampaign, rename, associate, dissociate, attachAlias
    /// To the clipboard: what is selected, as one pastes it elsewhere (`y`), or a campaign's id (`Y`).
    case copy, copyID
    /// In popups: close it; take what it offers (Enter, y); decline (n); end typing a filter
    /// and keep it; clear the filter; quit without the edit that waits (the quit question).
    case close, accept, decline, keepFilter, clearFilter, quitNow
    /// The period editor (`p`); counting a period back from where the data ends (`L`);
    /// tab 2's change against the previous period instead of the values (`%`).
    case periodEditor, anchorAtDataEnd, toggleChange
    /// In the period editor: the other date field; a day or a month earlier or later.
    /// In the tracking-URL form, the next and previous fields.
    case nextField, previousField, dayEarlier, dayLater, monthEarlier, monthLater
    /// §8: archive (or unarchive) the campaign; show the archived ones; delete it.
    case archive, toggleArchived, deleteCampaign
    /// R6: the tracking-URL form.
    case trackingURL
}

/// Where the keyboard focus is: decides which bindings apply. Popups are contexts
/// too: while one is open its bindings are the only ones, and a key none of them
/// takes goes to its text field, if it has one.
public enum BindingContext: String, Hashable, Sendable, CaseIterable {
    case campaigns, assets, metrics, analytics, unlinked, attribution
    /// Typing the campaigns pane's `/` filter.
    case campaignFilter
    case help, helpFilter, explain, confirm, quitQuestion, nameInput, picker, topDeals, contacts, contactsFilter, periodEditor, urlForm

    public var title: String {
        switch self {
        case .campaigns: return "Campaigns"
        case .assets: return "Assets"
        case .metrics: return "Metrics"
        case .analytics: return "Analytics"
        case .unlinked: return "Unlinked utm"
        case .attribution: return "Attribution"
        case .campaignFilter: return "Filter"
        case .help, .helpFilter: return "Help"
        case .explain: return "Explain"
        case .confirm: return "Confirm"
        case .quitQuestion: return "Quit"
        case .nameInput: return "Name"
        case .picker: return "Picker"
        case .topDeals: return "Top deals"
        case .contacts, .contactsFilter: return "Contacts"
        case .periodEditor: return "Period"
        case .urlForm: return "Tracking URL"
        }
    }

    /// Whether it is a popup's or a text field's: the global bindings do not apply there.
    public var takesEveryKey: Bool {
        switch self {
        case .campaigns, .assets, .metrics, .analytics, .unlinked, .attribution: return false
        default: return true
        }
    }
}

/// One line of the key map: keys, what they do, and whether the status bar shows it.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var keyLabel: String
    public var summary: String
    public var command: Command
    public var hint: Bool

    public init(_ keys: [Key], _ keyLabel: String, _ summary: String, _ command: Command, hint: Bool = false) {
        self.keys = keys; self.keyLabel = keyLabel; self.summary = summary; self.command = command; self.hint = hint
    }
}
