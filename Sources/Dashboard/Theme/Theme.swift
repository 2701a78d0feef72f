import TOMLKit

/// Colour roles → colours, for 256-colour terminals with an 8-colour fallback.
///
/// A theme file is TOML: `name`, then a `[roles]` table with one inline
/// table per role, e.g. `selection = { bg = 237, bg8 = "blue", attrs = ["bold"] }`.
/// `fg`/`bg` are palette indexes (0–255) or `"default"`; `fg8`/`bg8` are basic
/// colour names for 8-colour terminals; `attrs` (bold, dim, reverse, underline)
/// apply everywhere, `attrs8` replaces them on 8-colour and colourless terminals.
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

    /// Parses a theme file; `base` supplies the roles the file leaves out.
    public init(toml text: String, base: Theme? = nil) throws(ThemeError) {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ThemeError.syntax("line \(error.source.begin.line): \(error.description)")
        } catch {
            throw ThemeError.syntax("\(error)")
        }
        name = table["name"]?.string ?? base?.name ?? "custom"
        entries = base?.entries ?? [:]
        guard let roles = table["roles"]?.table else { return }
        for key in roles.keys {
            guard let role = ColorRole(rawValue: key), role != .normal else { throw ThemeError.unknownRole(key) }
            guard let spec = roles[key]?.table else { throw ThemeError.badValue(role: key, field: "(not a table)") }
            entries[role] = try Self.entry(spec, role: key)
        }
    }

    private static func entry(_ spec: TOMLTable, role: String) throws(ThemeError) -> Entry {
        func color(_ field: String, limit: Int) throws(ThemeError) -> ThemeColor? {
            guard let value = spec[field] else { return nil }
            guard let c = ThemeColor(toml: value.string, number: value.int, limit: limit) else {
                throw ThemeError.badValue(role: role, field: field)
            }
            return c
        }
        func attrs(_ field: String) throws(ThemeError) -> Set<String>? {
            guard let value = spec[field] else { return nil }
            guard let array = value.array else { throw ThemeError.badValue(role: role, field: field) }
            var out: Set<String> = []
            for item in array {
                guard let s = item.string?.lowercased(), attributeNames.contains(s) else {
                    throw ThemeError.badValue(role: role, field: field)
                }
                out.insert(s)
            }
            return out
        }
        for key in spec.keys where !["fg", "bg", "fg8", "bg8", "attrs", "attrs8"].contains(key) {
            throw ThemeError.badValue(role: role, field: key)
        }
        return Entry(foreground: try color("fg", limit: 256), background: try color("bg", limit: 256),
                     foreground8: try color("fg8", limit: 8), background8: try color("bg8", limit: 8),
                     attributes: try attrs("attrs") ?? [], attributes8: try attrs("attrs8"))
    }

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
