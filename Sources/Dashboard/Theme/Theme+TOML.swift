import TOMLKit
import Widgets

/// A theme file is TOML: `name`, then a `[roles]` table with one inline
/// table per role, e.g. `selection = { bg = 237, bg8 = "blue", attrs = ["bold"] }`.
/// `fg`/`bg` are palette indexes (0–255) or `"default"`; `fg8`/`bg8` are basic
/// colour names for 8-colour terminals; `attrs` (bold, dim, reverse, underline)
/// apply everywhere, `attrs8` replaces them on 8-colour and colourless terminals.
extension Theme {
    /// Parses a theme file; `base` supplies the roles the file leaves out.
    public init(toml text: String, base: Theme? = nil) throws(ThemeError) {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ThemeError.syntax("line \(error.source.begin.line): \(error.description)")
        } catch {
            throw ThemeError.syntax("\(error)")
        }
        var entries = base?.entries ?? [:]
        let roles = table["roles"]?.table
        for key in roles?.keys ?? [] {
            guard let role = ColorRole(rawValue: key), role != .normal else { throw ThemeError.unknownRole(key) }
            guard let spec = roles?[key]?.table else { throw ThemeError.badValue(role: key, field: "(not a table)") }
            entries[role] = try Self.entry(spec, role: key)
        }
        self.init(name: table["name"]?.string ?? base?.name ?? "custom", entries: entries)
    }

    private static func entry(_ spec: TOMLTable, role: String) throws(ThemeError) -> Entry {
        func color(_ field: String, limit: Int) throws(ThemeError) -> ThemeColor? {
            guard let value = spec[field] else { return nil }
            guard let c = ThemeColor(name: value.string, index: value.int, limit: limit) else {
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
}
