import Widgets
import Foundation

/// Finds the theme to use: `--theme`, else `UTMOST_THEME`, else `dark`;
/// `mono` whenever colour is off (`--no-color` or a non-empty `NO_COLOR`).
///
/// A name is looked up first as `$XDG_CONFIG_HOME/utmost/themes/NAME.toml`
/// (default `~/.config`), whose roles override the built-in theme of the same
/// name, then among the built-in themes. A value with a `/` or ending in
/// `.toml` is a file path.
public enum ThemeLoader {
    public static let defaultName = "dark"

    /// Whether colour is off for this environment and flag.
    public static func colorDisabled(noColorFlag: Bool, environment: [String: String]) -> Bool {
        noColorFlag || !(environment["NO_COLOR"] ?? "").isEmpty
    }

    public static func load(name requested: String?, noColor: Bool,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(ThemeError) -> Theme {
        let disabled = colorDisabled(noColorFlag: noColor, environment: environment)
        let name = disabled ? "mono" : (requested ?? environment["UTMOST_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultName)
        if name.contains("/") || name.hasSuffix(".toml") {
            return try Theme(toml: read(name), base: builtin(defaultName))
        }
        let base = builtin(name)
        let userFile = configDirectory(environment).appendingPathComponent("\(name).toml").path
        if FileManager.default.fileExists(atPath: userFile) {
            return try Theme(toml: read(userFile), base: base ?? builtin(defaultName))
        }
        guard let base else { throw ThemeError.notFound(name: name, available: BuiltinThemes.names) }
        return base
    }

    /// A built-in theme by name (nil when there is none).
    public static func builtin(_ name: String) -> Theme? {
        guard let source = BuiltinThemes.source(named: name) else { return nil }
        return try? Theme(toml: source)
    }

    /// `$XDG_CONFIG_HOME/utmost/themes`, else `~/.config/utmost/themes`.
    public static func configDirectory(_ environment: [String: String]) -> URL {
        let base: URL
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            base = URL(fileURLWithPath: xdg)
        } else {
            base = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        }
        return base.appendingPathComponent("utmost").appendingPathComponent("themes")
    }

    private static func read(_ path: String) throws(ThemeError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ThemeError.unreadable(path: path)
        }
        return text
    }
}
