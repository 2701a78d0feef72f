import Widgets
/// Every key binding, per context, popups included: `update` dispatches through
/// this table and the help overlay and the status bar list it, so they cannot disagree.
public enum KeyMap {
    public static func bindings(for context: BindingContext) -> [KeyBinding] {
        context.takesEveryKey ? local(context) : local(context) + global
    }

    /// The key's command in the context, if it has one.
    public static func command(for key: Key, in context: BindingContext) -> Command? {
        bindings(for: context).first { $0.keys.contains(key) }?.command
    }

    public static func local(_ context: BindingContext) -> [KeyBinding] {
        switch context {
        case .campaigns:
            return moves + [
                KeyBinding([.char("/")], "/", "filter by name or utm value", .filter, hint: true),
                KeyBinding([.char("s")], "s", "cycle the sort column", .sort, hint: true),
                KeyBinding([.enter, .char("l"), .right], "Enter", "go to the campaign's assets", .open),
                KeyBinding([.char("m")], "m", "revenue column: next attribution model (R18)", .cycleModel),
                KeyBinding([.escape], "Esc", "clear the filter, else back to influenced revenue", .resetModel),
                contactsBinding,
            ] + editing + copyCampaign
        case .assets:
            return moves + [
                KeyBinding([.enter, .char("e")], "Enter e", "explain the asset (R19)", .explain, hint: true),
                KeyBinding([.char("d")], "d", "dissociate the asset", .dissociate, hint: true),
            ] + editing + [KeyBinding([.char("y")], "y", "copy the asset's id", .copy)]
        case .metrics:
            return [
                KeyBinding([.char("h"), .left], "h ←", "previous metric", .left),
                KeyBinding([.char("l"), .right], "l →", "next metric", .right),
                KeyBinding([.char("k"), .up], "k ↑", "metric above", .up),
                KeyBinding([.char("j"), .down], "j ↓", "metric below", .down),
                KeyBinding([.enter], "Enter", "explain; on influenced contacts, list them", .open),
                KeyBinding([.char("e")], "e", "explain the metric (R19)", .explain, hint: true),
                contactsBinding,
            ] + editing + [KeyBinding([.char("y")], "y", "copy the metric's value", .copy)]
        case .analytics:
            return moves + [
                KeyBinding([.char("h"), .left], "h ←", "previous column", .left),
                KeyBinding([.char("l"), .right], "l →", "next column", .right),
                KeyBinding([.char("/")], "/", "filter by name or utm value", .filter),
                KeyBinding([.escape], "Esc", "clear the filter", .clearFilter),
                KeyBinding([.char("s")], "s", "sort by the column (again: reverse)", .sort, hint: true),
                KeyBinding([.char("%")], "%", "each metric's change against the previous period, or its value", .toggleChange),
                KeyBinding([.enter], "Enter", "open the campaign", .open, hint: true),
                contactsBinding,
            ] + copyCampaign
        case .attribution:
            return moves + [
                KeyBinding([.char("h"), .left], "h ←", "previous model", .left),
                KeyBinding([.char("l"), .right], "l →", "next model", .right),
                KeyBinding([.char("/")], "/", "filter by name or utm value", .filter),
                KeyBinding([.escape], "Esc", "clear the filter", .clearFilter),
                KeyBinding([.char("s")], "s", "sort by the model (again: reverse, then by name)", .sort, hint: true),
                KeyBinding([.enter], "Enter", "the campaign's top deals and their touches", .topDeals, hint: true),
            ] + copyCampaign
        case .unlinked:
            return moves + [
                KeyBinding([.char("a"), .enter], "a Enter", "attach the value to a campaign as an alias", .attachAlias, hint: true),
                KeyBinding([.char("/")], "/", "filter by value or spelling", .filter),
                KeyBinding([.char("s")], "s", "sort by value, page views or sessions", .sort),
                KeyBinding([.escape], "Esc", "clear the filter", .clearFilter),
                KeyBinding([.char("e")], "e", "explain the value (R19)", .explain, hint: true),
                KeyBinding([.char("y")], "y", "copy the utm value", .copy),
            ]
        case .campaignFilter:
            return [
                KeyBinding([.enter], "Enter", "keep the filter", .keepFilter),
                KeyBinding([.escape], "Esc", "clear the filter", .clearFilter),
                KeyBinding([.down], "↓", "keep the filter, move down", .down),
                KeyBinding([.up], "↑", "keep the filter, move up", .up),
            ]
        case .help:
            return [
                KeyBinding([.escape, .char("q"), .char("?")], "Esc", "close", .close),
                KeyBinding([.char("/")], "/", "filter", .filter),
                KeyBinding([.char("j"), .down], "j ↓", "scroll down", .down),
                KeyBinding([.char("k"), .up], "k ↑", "scroll up", .up),
                KeyBinding([.pageDown, .ctrl("d")], "PgDn", "page down", .pageDown),
                KeyBinding([.pageUp, .ctrl("u")], "PgUp", "page up", .pageUp),
                KeyBinding([.char("g"), .home], "g", "first", .top),
                KeyBinding([.char("G"), .end], "G", "last", .bottom),
            ]
        case .helpFilter:
            return [KeyBinding([.escape], "Esc", "close", .close), KeyBinding([.enter], "Enter", "done", .keepFilter)]
        case .explain:
            return [KeyBinding([.escape, .char("q"), .enter, .char("e")], "Esc", "close", .close),
                    KeyBinding([.char("y")], "y", "copy the explanation", .copy)] + scrolls
        case .topDeals:
            return [KeyBinding([.escape, .char("q"), .enter], "Esc", "close", .close)] + scrolls
        case .contacts:
            return [
                KeyBinding([.escape, .char("q"), .enter, .char("c")], "Esc", "clear the filter, else close", .close),
                KeyBinding([.char("/")], "/", "filter by email, id, campaign or Salesforce id", .filter),
                KeyBinding([.char("s")], "s", "sort by first influenced, contact, first or last touch", .sort),
                KeyBinding([.char("y")], "y", "copy the listed contacts' emails (ids where none), one a line", .copy),
            ] + scrolls
        case .contactsFilter:
            return [
                KeyBinding([.escape], "Esc", "clear the filter", .clearFilter),
                KeyBinding([.enter, .down, .up], "Enter", "keep the filter", .keepFilter),
            ]
        case .confirm:
            return [
                KeyBinding([.char("y"), .char("Y"), .enter], "y Enter", "yes", .accept),
                KeyBinding([.escape, .char("n"), .char("N"), .char("q")], "n Esc", "no: nothing changes", .decline),
            ]
        case .quitQuestion:
            return [
                KeyBinding([.enter, .char("w")], "Enter", "wait for the edit, then quit", .accept),
                KeyBinding([.char("q")], "q", "quit now, without the edit", .quitNow),
                KeyBinding([.escape], "Esc", "stay", .decline),
            ]
        case .periodEditor:
            return [
                KeyBinding([.enter], "Enter", "use the period (on Custom: edit the dates, then use them)", .accept),
                KeyBinding([.escape], "Esc", "cancel", .close),
                KeyBinding([.down], "↓", "next period", .down),
                KeyBinding([.up], "↑", "previous period", .up),
                KeyBinding([.tab], "Tab", "custom dates: the other date", .nextField),
                KeyBinding([.left], "←", "custom dates: a day earlier", .dayEarlier),
                KeyBinding([.right], "→", "custom dates: a day later", .dayLater),
                KeyBinding([.pageUp], "PgUp", "custom dates: a month earlier", .monthEarlier),
                KeyBinding([.pageDown], "PgDn", "custom dates: a month later", .monthLater),
            ]
        case .urlForm:
            return [
                KeyBinding([.enter], "Enter", "next field; on the last, build the URL", .accept),
                KeyBinding([.escape], "Esc", "cancel", .close),
                KeyBinding([.tab, .down], "Tab ↓", "next field", .nextField),
                KeyBinding([.backTab, .up], "S-Tab ↑", "previous field", .previousField),
            ]
        case .nameInput:
            return [KeyBinding([.enter], "Enter", "save", .accept), KeyBinding([.escape], "Esc", "cancel", .close)]
        case .picker:
            return [
                KeyBinding([.enter], "Enter", "select", .accept),
                KeyBinding([.escape], "Esc", "cancel", .close),
                KeyBinding([.down, .ctrl("n")], "↓", "next", .down),
                KeyBinding([.up, .ctrl("p")], "↑", "previous", .up),
                KeyBinding([.pageDown], "PgDn", "page down", .pageDown),
                KeyBinding([.pageUp], "PgUp", "page up", .pageUp),
            ]
        }
    }

    /// Scrolling a popup's lines.
    static let scrolls: [KeyBinding] = [
        KeyBinding([.char("j"), .down], "j ↓", "scroll down", .down),
        KeyBinding([.char("k"), .up], "k ↑", "scroll up", .up),
        KeyBinding([.pageDown, .ctrl("d")], "PgDn", "page down", .pageDown),
        KeyBinding([.pageUp, .ctrl("u")], "PgUp", "page up", .pageUp),
        KeyBinding([.char("g"), .home], "g", "first", .top),
        KeyBinding([.char("G"), .end], "G", "last", .bottom),
    ]

    static let moves: [KeyBinding] = [
        KeyBinding([.char("j"), .down], "j ↓", "move down", .down),
        KeyBinding([.char("k"), .up], "k ↑", "move up", .up),
        KeyBinding([.pageDown, .ctrl("d")], "PgDn", "page down", .pageDown),
        KeyBinding([.pageUp, .ctrl("u")], "PgUp", "page up", .pageUp),
        KeyBinding([.char("g"), .home], "g", "first", .top),
        KeyBinding([.char("G"), .end], "G", "last", .bottom),
    ]

    /// The selected campaign to the clipboard (through the terminal, OSC 52).
    static let copyCampaign: [KeyBinding] = [
        KeyBinding([.char("y")], "y", "copy the campaign's utm_campaign value", .copy),
        KeyBinding([.char("Y")], "Y", "copy the campaign's id", .copyID),
    ]

    static let contactsBinding =
        KeyBinding([.char("c")], "c", "the campaign's influenced contacts (R14, R20)", .contacts)

    static let editing: [KeyBinding] = [
        KeyBinding([.char("a")], "a", "associate an asset with the campaign", .associate, hint: true),
        KeyBinding([.char("n")], "n", "new campaign", .newCampaign),
        KeyBinding([.char("r")], "r", "rename the campaign", .rename),
        KeyBinding([.char("b")], "b", "build a tracking URL for the campaign (R6), saved and copied", .trackingURL),
        KeyBinding([.char("x")], "x", "archive the campaign (again: unarchive); no number changes", .archive),
        KeyBinding([.char("X")], "X", "show or hide the archived campaigns", .toggleArchived),
        KeyBinding([.char("D")], "D", "delete the campaign, when nothing ever counted for it", .deleteCampaign),
    ]

    public static let global: [KeyBinding] = [
        KeyBinding([.tab], "Tab", "next pane", .nextPane),
        KeyBinding([.backTab], "S-Tab", "previous pane", .previousPane),
        KeyBinding([.char("1")], "1", "campaigns", .showTab(.campaigns)),
        KeyBinding([.char("2")], "2", "analytics (R17)", .showTab(.analytics)),
        KeyBinding([.char("3")], "3", "unlinked utm values (R5)", .showTab(.unlinked)),
        KeyBinding([.char("4")], "4", "attribution models (R18)", .showTab(.attribution)),
        KeyBinding([.char("[")], "[", "previous period", .windowPrevious),
        KeyBinding([.char("]")], "]", "next period", .windowNext, hint: true),
        KeyBinding([.char("p")], "p", "period: a preset, or dates of your own", .periodEditor, hint: true),
        KeyBinding([.char("L")], "L", "count the period back from where the data ends (again: from today)", .anchorAtDataEnd),
        KeyBinding([.char("f")], "f", "segment: a Salesforce campaign's members only (R20)", .segment),
        KeyBinding([.char("u")], "u", "undo the last edit", .undo),
        KeyBinding([.char("?")], "?", "help", .help, hint: true),
        KeyBinding([.char("q"), .ctrl("c")], "q", "quit", .quit, hint: true),
    ]
}
