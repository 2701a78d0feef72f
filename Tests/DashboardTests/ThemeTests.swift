import Widgets
import Testing
import Foundation
@testable import Dashboard

@Suite("Themes")
struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

    @Test("the compiled-in themes are the files in themes/", arguments: BuiltinThemes.names)
    func builtinMatchesFile(name: String) throws {
        let file = try String(contentsOf: Self.themesFolder.appendingPathComponent("\(name).toml"), encoding: .utf8)
        #expect(BuiltinThemes.source(named: name) == file.trimmingCharacters(in: .newlines))
        let theme = try #require(ThemeLoader.builtin(name))
        #expect(theme.name == name)
    }

    @Test("a colour for 256-colour terminals and a fallback for 8-colour ones")
    func depths() throws {
        let dark = try #require(ThemeLoader.builtin("dark"))
        let style = Style(.statusKey, on: .statusBar)
        #expect(dark.resolve(style, depth: .full256) == ResolvedStyle(foreground: .index(75), background: .index(236), bold: true))
        #expect(dark.resolve(style, depth: .eight) == ResolvedStyle(foreground: .index(4), background: .index(7), bold: true))
        #expect(dark.resolve(Style(.muted), depth: .eight).dim)
        #expect(!dark.resolve(Style(.muted), depth: .full256).dim)
        #expect(dark.resolve(style, depth: .none).foreground == .terminalDefault)
    }

    @Test("NO_COLOR and --no-color choose mono, whose selection is reverse video")
    func noColor() throws {
        let theme = try ThemeLoader.load(name: "dark", noColor: false, environment: ["NO_COLOR": "1", "HOME": "/nonexistent"])
        #expect(theme.name == "mono")
        #expect(theme.resolve(Style(.text, on: .selection), depth: .full256).reverse)
        #expect(try ThemeLoader.load(name: nil, noColor: true, environment: ["HOME": "/nonexistent"]).name == "mono")
        #expect(try ThemeLoader.load(name: nil, noColor: false, environment: ["NO_COLOR": "", "HOME": "/nonexistent"]).name == "dark")
    }

    @Test("UTMOST_THEME chooses, a file in $XDG_CONFIG_HOME/utmost/themes/ overrides roles")
    func override() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("utmost-theme-\(UUID().uuidString)")
        let folder = config.appendingPathComponent("utmost/themes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: config) }
        try "[roles]\naccent = { fg = 208, fg8 = \"red\" }\n".write(to: folder.appendingPathComponent("light.toml"), atomically: false, encoding: .utf8)
        let theme = try ThemeLoader.load(name: nil, noColor: false, environment: ["UTMOST_THEME": "light", "XDG_CONFIG_HOME": config.path])
        #expect(theme.name == "light")
        #expect(theme.entries[.accent]?.foreground == .index(208))
        #expect(theme.entries[.text]?.foreground == .index(236), "roles the file leaves out come from the built-in light theme")
    }

    @Test("bad themes are refused with a message naming the problem")
    func errors() {
        #expect(throws: ThemeError.notFound(name: "neon", available: BuiltinThemes.names)) {
            try ThemeLoader.load(name: "neon", noColor: false, environment: ["HOME": "/nonexistent"])
        }
        #expect(throws: ThemeError.unknownRole("sparkle")) { try Theme(toml: "[roles]\nsparkle = { fg = 1 }") }
        #expect(throws: ThemeError.badValue(role: "text", field: "fg8")) { try Theme(toml: "[roles]\ntext = { fg8 = 12 }") }
        #expect(throws: ThemeError.badValue(role: "text", field: "fg")) { try Theme(toml: "[roles]\ntext = { fg = 256 }") }
        #expect(throws: (any Error).self) { try Theme(toml: "[roles\n") }
    }
}
