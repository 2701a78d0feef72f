import Widgets
/// The themes in `themes/`, compiled in so that the binary needs no files beside it.
/// Keep them equal to the files: a test compares them.
enum BuiltinThemes {
    static let names = ["dark", "light", "high-contrast", "mono"]

    static func source(named name: String) -> String? {
        switch name {
        case "dark": return dark
        case "light": return light
        case "high-contrast": return highcontrast
        case "mono": return mono
        default: return nil
        }
    }

    static let dark = """
    # utmost: the default theme, for dark terminals.
    # fg/bg: 256-colour palette indexes or "default"; fg8/bg8: the 8-colour fallback.
    # attrs apply everywhere; attrs8 replaces them on 8-colour and colourless terminals.
    name = "dark"

    [roles]
    text          = { fg = 252, fg8 = "white" }
    muted         = { fg = 244, fg8 = "white", attrs8 = ["dim"] }
    accent        = { fg = 75, fg8 = "cyan" }
    title         = { fg = 255, fg8 = "white", attrs = ["bold"] }
    border        = { fg = 239, fg8 = "white", attrs8 = ["dim"] }
    borderFocused = { fg = 75, fg8 = "cyan", attrs = ["bold"] }
    selection     = { bg = 237, bg8 = "blue", attrs8 = ["bold"] }
    header        = { fg = 248, fg8 = "white", attrs = ["bold"] }
    tabActive     = { fg = 234, bg = 75, fg8 = "black", bg8 = "cyan", attrs = ["bold"] }
    tabInactive   = { fg = 246, fg8 = "white" }
    statusBar     = { fg = 250, bg = 236, fg8 = "black", bg8 = "white" }
    statusKey     = { fg = 75, fg8 = "blue", attrs = ["bold"] }
    positive      = { fg = 114, fg8 = "green" }
    warning       = { fg = 179, fg8 = "yellow" }
    negative      = { fg = 167, fg8 = "red" }
    planned       = { fg = 110, fg8 = "blue" }
    chart         = { fg = 75, fg8 = "cyan" }
    chartAlt      = { fg = 67, fg8 = "blue" }
    tileValue     = { fg = 255, fg8 = "white", attrs = ["bold"] }
    popup         = { fg = 252, bg = 235, fg8 = "white", bg8 = "black" }
    popupBorder   = { fg = 179, bg = 235, fg8 = "yellow", bg8 = "black", attrs = ["bold"] }
    input         = { fg = 255, bg = 238, fg8 = "black", bg8 = "white" }
    hidden        = { fg = 242, fg8 = "white", attrs = ["dim"] }
    """

    static let light = """
    # utmost: for light terminals (dark text on a pale background).
    name = "light"

    [roles]
    text          = { fg = 236, fg8 = "black" }
    muted         = { fg = 243, fg8 = "black", attrs8 = ["dim"] }
    accent        = { fg = 25, fg8 = "blue" }
    title         = { fg = 232, fg8 = "black", attrs = ["bold"] }
    border        = { fg = 249, fg8 = "black", attrs8 = ["dim"] }
    borderFocused = { fg = 25, fg8 = "blue", attrs = ["bold"] }
    selection     = { bg = 153, bg8 = "cyan" }
    header        = { fg = 240, fg8 = "black", attrs = ["bold"] }
    tabActive     = { fg = 231, bg = 25, fg8 = "white", bg8 = "blue", attrs = ["bold"] }
    tabInactive   = { fg = 242, fg8 = "black" }
    statusBar     = { fg = 236, bg = 253, fg8 = "white", bg8 = "black" }
    statusKey     = { fg = 25, fg8 = "cyan", attrs = ["bold"] }
    positive      = { fg = 28, fg8 = "green" }
    warning       = { fg = 130, fg8 = "yellow" }
    negative      = { fg = 124, fg8 = "red" }
    planned       = { fg = 61, fg8 = "magenta" }
    chart         = { fg = 31, fg8 = "blue" }
    chartAlt      = { fg = 67, fg8 = "cyan" }
    tileValue     = { fg = 232, fg8 = "black", attrs = ["bold"] }
    popup         = { fg = 236, bg = 255, fg8 = "black", bg8 = "white" }
    popupBorder   = { fg = 130, bg = 255, fg8 = "blue", bg8 = "white", attrs = ["bold"] }
    input         = { fg = 232, bg = 252, fg8 = "white", bg8 = "blue" }
    hidden        = { fg = 247, fg8 = "black", attrs = ["dim"] }
    """

    static let highcontrast = """
    # utmost: maximum contrast: pure white and bright colours on black, bold highlights.
    name = "high-contrast"

    [roles]
    text          = { fg = 231, bg = 16, fg8 = "white", bg8 = "black" }
    muted         = { fg = 250, bg = 16, fg8 = "white", bg8 = "black" }
    accent        = { fg = 51, bg = 16, fg8 = "cyan", bg8 = "black", attrs = ["bold"] }
    title         = { fg = 231, bg = 16, fg8 = "white", bg8 = "black", attrs = ["bold", "underline"] }
    border        = { fg = 231, bg = 16, fg8 = "white", bg8 = "black" }
    borderFocused = { fg = 226, bg = 16, fg8 = "yellow", bg8 = "black", attrs = ["bold"] }
    selection     = { fg = 16, bg = 226, fg8 = "black", bg8 = "yellow", attrs = ["bold"] }
    header        = { fg = 231, bg = 16, fg8 = "white", bg8 = "black", attrs = ["bold", "underline"] }
    tabActive     = { fg = 16, bg = 226, fg8 = "black", bg8 = "yellow", attrs = ["bold"] }
    tabInactive   = { fg = 231, bg = 16, fg8 = "white", bg8 = "black" }
    statusBar     = { fg = 16, bg = 231, fg8 = "black", bg8 = "white" }
    statusKey     = { fg = 16, bg = 231, fg8 = "black", bg8 = "white", attrs = ["bold", "underline"] }
    positive      = { fg = 46, bg = 16, fg8 = "green", bg8 = "black", attrs = ["bold"] }
    warning       = { fg = 226, bg = 16, fg8 = "yellow", bg8 = "black", attrs = ["bold"] }
    negative      = { fg = 196, bg = 16, fg8 = "red", bg8 = "black", attrs = ["bold"] }
    planned       = { fg = 51, bg = 16, fg8 = "cyan", bg8 = "black" }
    chart         = { fg = 51, bg = 16, fg8 = "cyan", bg8 = "black" }
    chartAlt      = { fg = 226, bg = 16, fg8 = "yellow", bg8 = "black" }
    tileValue     = { fg = 231, bg = 16, fg8 = "white", bg8 = "black", attrs = ["bold"] }
    popup         = { fg = 231, bg = 16, fg8 = "white", bg8 = "black" }
    popupBorder   = { fg = 226, bg = 16, fg8 = "yellow", bg8 = "black", attrs = ["bold"] }
    input         = { fg = 16, bg = 231, fg8 = "black", bg8 = "white" }
    hidden        = { fg = 246, bg = 16, fg8 = "white", bg8 = "black", attrs = ["dim"] }
    """

    static let mono = """
    # utmost: no colour at all, only attributes (NO_COLOR and --no-color use it).
    name = "mono"

    [roles]
    muted         = { attrs = ["dim"] }
    title         = { attrs = ["bold"] }
    borderFocused = { attrs = ["bold"] }
    selection     = { attrs = ["reverse"] }
    header        = { attrs = ["bold"] }
    tabActive     = { attrs = ["reverse", "bold"] }
    statusBar     = { attrs = ["reverse"] }
    statusKey     = { attrs = ["bold"] }
    negative      = { attrs = ["bold"] }
    tileValue     = { attrs = ["bold"] }
    popupBorder   = { attrs = ["bold"] }
    input         = { attrs = ["underline"] }
    hidden        = { attrs = ["dim"] }
    """
}
