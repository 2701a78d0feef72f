/// What a cell means, not what colour it is: the theme turns roles into colours.
public enum ColorRole: String, CaseIterable, Hashable, Sendable {
    /// The terminal's own colours (no colour pair is set).
    case normal
    case text, muted, accent, title, border, borderFocused
    case selection, header, tabActive, tabInactive, statusBar, statusKey
    case positive, warning, negative, planned
    case chart, chartAlt, tileValue, popup, popupBorder, input, hidden
}

/// The look of one cell: foreground and background roles and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: ColorRole
    public var background: ColorRole
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ foreground: ColorRole = .normal, on background: ColorRole = .normal,
                bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground; self.background = background
        self.bold = bold; self.dim = dim; self.reverse = reverse; self.underline = underline
    }

    public static let plain = Style()

    public func bolded() -> Style { var s = self; s.bold = true; return s }
    public func dimmed() -> Style { var s = self; s.dim = true; return s }
    public func reversed() -> Style { var s = self; s.reverse = true; return s }
    public func underlined() -> Style { var s = self; s.underline = true; return s }
    /// The same attributes on another background (a selected row, a popup).
    public func on(_ background: ColorRole) -> Style { var s = self; s.background = background; return s }
}
