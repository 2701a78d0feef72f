/// Colour roles → colours, for 256-colour terminals with an 8-colour fallback.
/// (Theme files are read above this module, by the dashboard's theme loader.)
public struct Theme: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var foreground: ThemeColor?
        public var background: ThemeColor?
        public var foreground8: ThemeColor?
        public var background8: ThemeColor?
        public var attributes: Set<String>
        public var attributes8: Set<String>?

        public init(foreground: ThemeColor? = nil, background: ThemeColor? = nil,
                    foreground8: ThemeColor? = nil, background8: ThemeColor? = nil,
                    attributes: Set<String> = [], attributes8: Set<String>? = nil) {
            self.foreground = foreground; self.background = background
            self.foreground8 = foreground8; self.background8 = background8
            self.attributes = attributes; self.attributes8 = attributes8
        }
    }

    public var name: String
    public var entries: [ColorRole: Entry]

    public init(name: String, entries: [ColorRole: Entry]) { self.name = name; self.entries = entries }

    public static let attributeNames: Set<String> = ["bold", "dim", "reverse", "underline"]

    /// The colours and attributes to draw `style` with on a terminal of `depth`.
    ///
    /// The foreground role gives the foreground; the background role's
    /// background wins, else the foreground role's own. Attributes of both
    /// roles and of the style add up.
    public func resolve(_ style: Style, depth: ColorDepth) -> ResolvedStyle {
        let fg = entries[style.foreground] ?? Entry()
        let bg = style.background == .normal ? nil : entries[style.background]
        func colors(_ e: Entry?) -> (ThemeColor?, ThemeColor?) {
            guard let e else { return (nil, nil) }
            switch depth {
            case .none: return (nil, nil)
            case .eight: return (e.foreground8, e.background8)
            case .full256: return (e.foreground, e.background)
            }
        }
        func attrs(_ e: Entry?) -> Set<String> {
            guard let e else { return [] }
            return depth == .full256 ? e.attributes : (e.attributes8 ?? e.attributes)
        }
        let (fgColor, fgOwnBackground) = colors(fg)
        let (_, bgColor) = colors(bg)
        let a = attrs(fg).union(attrs(bg))
        return ResolvedStyle(
            foreground: fgColor ?? .terminalDefault,
            background: bgColor ?? fgOwnBackground ?? .terminalDefault,
            bold: style.bold || a.contains("bold"), dim: style.dim || a.contains("dim"),
            reverse: style.reverse || a.contains("reverse"), underline: style.underline || a.contains("underline"))
    }
}

/// Why a theme could not be loaded.
public enum ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    case syntax(String)
    case unknownRole(String)
    case badValue(role: String, field: String)
    case notFound(name: String, available: [String])
    case unreadable(path: String)

    public var description: String {
        switch self {
        case .syntax(let m): return "theme: \(m)"
        case .unknownRole(let r): return "theme: unknown role '\(r)' (roles: \(ColorRole.allCases.dropFirst().map(\.rawValue).joined(separator: ", ")))"
        case .badValue(let r, let f): return "theme: role '\(r)': bad '\(f)'"
        case .notFound(let n, let a): return "theme '\(n)' not found (built in: \(a.joined(separator: ", ")))"
        case .unreadable(let p): return "theme file \(p) cannot be read"
        }
    }
}
