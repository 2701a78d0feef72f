/// A terminal colour: the terminal's default, or a palette index
/// (0–7 on 8-colour terminals, 0–255 on 256-colour ones).
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case index(Int)

    /// The eight basic colours by name, as 8-colour fallbacks are written.
    public static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `"default"`, a basic colour name, or a palette index below `limit` (as a theme file writes them).
    public init?(name text: String?, index number: Int?, limit: Int) {
        if let number {
            guard (0..<limit).contains(number) else { return nil }
            self = .index(number)
        } else if let text {
            let lowered = text.lowercased()
            if lowered == "default" { self = .terminalDefault }
            else if let i = Self.basicNames.firstIndex(of: lowered) { self = .index(i) }
            else { return nil }
        } else {
            return nil
        }
    }
}

/// How many colours the terminal shows; picks the theme's colour or its fallback.
public enum ColorDepth: Hashable, Sendable {
    case none, eight, full256
}

/// A style with its roles turned into colours: what a backend writes.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground; self.background = background
        self.bold = bold; self.dim = dim; self.reverse = reverse; self.underline = underline
    }
}
