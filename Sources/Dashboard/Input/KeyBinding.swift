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
}

/// Where the keyboard focus is: decides which bindings apply.
public enum BindingContext: String, Hashable, Sendable, CaseIterable {
    case campaigns, assets, metrics, analytics, unlinked, attribution

    public var title: String {
        switch self {
        case .campaigns: return "Campaigns"
        case .assets: return "Assets"
        case .metrics: return "Metrics"
        case .analytics: return "Analytics"
        case .unlinked: return "Unlinked utm"
        case .attribution: return "Attribution"
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
