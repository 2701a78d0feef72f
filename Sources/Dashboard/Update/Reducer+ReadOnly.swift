/// A read-only dashboard (`utmost dashboard --read-only`, `utmost serve --read-only`):
/// every command that edits, or opens the way to an edit, is refused where keys become
/// commands, before it runs, so no edit is ever asked of the store. Browsing, periods,
/// explanations and lists work as ever.
extension Reducer {
    /// Refuses an edit when the dashboard is read-only, saying so in the status bar.
    mutating func refusedAsReadOnly(_ command: Command) -> Bool {
        guard state.readOnly, command.isEdit else { return false }
        state.message = StatusMessage("read-only: this dashboard makes no edits", isError: true)
        return true
    }
}

extension Command {
    /// Whether the command changes the store or leads to a change (a name to type, an
    /// asset or campaign to pick, a confirmation). The switch lists every command, so a
    /// new one has to be placed on one side or the other.
    public var isEdit: Bool {
        switch self {
        case .newCampaign, .rename, .associate, .dissociate, .attachAlias, .undo,
             .archive, .deleteCampaign, .trackingURL:
            return true
        case .up, .down, .left, .right, .pageUp, .pageDown, .top, .bottom,
             .nextPane, .previousPane, .showTab, .help, .quit, .windowPrevious, .windowNext,
             .filter, .sort, .open, .explain, .cycleModel, .resetModel, .topDeals, .segment, .contacts,
             .close, .accept, .decline, .keepFilter, .clearFilter, .quitNow,
             .periodEditor, .anchorAtDataEnd, .toggleChange,
             .nextField, .previousField, .dayEarlier, .dayLater, .monthEarlier, .monthLater,
             .copy, .copyID, .toggleArchived:
            return false
        }
    }
}
