import ArgumentParser
import Attribution
import CampaignKit
import CampaignStore
import Dashboard
import DashboardService
import Foundation
import Terminal
import Widgets

/// `utmost` with no subcommand: the dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard (the default when no subcommand is given).",
        discussion: """
            Panes for the campaigns, the selected campaign's assets and its metrics; an \
            analytics tab (2), the unlinked utm values (3) and the attribution models (4). Press ? for every key. A store \
            that does not exist yet is created and filled with the demo company of sample-data/ \
            (a copy built into utmost), so a first run is never empty.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Colour theme: dark, light, high-contrast, mono, a name in $XDG_CONFIG_HOME/utmost/themes/, or a .toml file. Default: $UTMOST_THEME, else dark.", valueName: "name"))
    var theme: String?

    @Flag(help: "Draw with ASCII only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "No colours (as does the NO_COLOR environment variable).")
    var noColor = false

    /// The period to open with and the clock, as `report` takes them: `--from`, `--to`, `--tz`, `--as-of`.
    @OptionGroup var window: WindowOptions

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own text selection): no clicks or wheel in the dashboard.")
    var noMouse = false

    @Flag(name: .customLong("read-only"), help: "Browse only: every edit key answers read-only and nothing reaches the store.")
    var readOnly = false

    @Flag(name: .customLong("no-remember"), help: "Open at the defaults and remember nothing of this session (the tab, sorts, period and theme); serve's viewers run so, leaving the owner's as they were.")
    var noRemember = false

    @Option(name: .customLong("model-file"), help: ArgumentHelp("A TOML file of custom attribution models, shown beside the nine built-in ones (see utmost report --help).", valueName: "file"))
    var modelFile: String?

    @MainActor
    func run() async throws {
        CrashReports.restartWithBacktraceSettings()
        let opening = try window.window()
        let clock: @Sendable () -> Instant
        if let fixed = try OptionValue.instant(window.asOf, "--as-of") { clock = { fixed } } else { clock = SystemClock.now }
        let location = try store.location()
        // A store that is there is opened first: one that cannot be used says so, terminal or not.
        let existing = try location.isNew() ? nil : try location.openCreating(onLongWait: nil)
        // Everything else that can refuse is checked before a new store is created and filled.
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { throw noTerminal(TerminalError.notATerminal) }
        try checkThemeFile()
        // The last tab, sorts, period and theme of this store; a period or theme given now wins.
        let memory = RememberedFile(store: location.label)
        var remembered = noRemember ? nil : memory.load()
        if window.from != nil || window.to != nil { remembered?.period = nil }
        let (loadedTheme, themeName) = try chooseTheme(remembered: remembered?.theme)
        let models = AttributionModel.builtIn + (try modelFile.map(ModelFile.load) ?? [])
        if let existing { try existing.close() } else { try SampleData.createStore(store) }
        let reports = ReportMemory(folder: ReportMemory.defaultFolder(), engine: ReportMemory.engine(program: ProgramIdentity.current, models: models))
        let backend = try StoreBackend(clock: clock, models: models, memory: reports) { try location.open(onLongWait: $0) }
        let period: Period = window.from == nil && window.to == nil ? .allTime : .custom(from: opening.from, to: opening.to)
        var remember: (@MainActor (DashboardState) -> Void)?
        if !noRemember { remember = { memory.save(Remembered($0, theme: themeName)) } }
        // A file's writes are told as they happen; a server's changes are polled for (`unnoticedPollInterval`).
        var notices: StoreFileWatch?
        if case .file(let path) = location { notices = StoreFileWatch(storePath: path) }
        let options = DashboardLoop.Options(storeLabel: location.shortLabel, zone: opening.zone, period: period,
                                            pollInterval: .seconds(1),
                                            clock: clock, remembered: remembered,
                                            onExit: remember, readOnly: readOnly, changeNotices: notices)
        let colorless = ThemeLoader.colorDisabled(noColorFlag: noColor, environment: ProcessInfo.processInfo.environment)
        let reason: DashboardLoop.ExitReason
        do {
            reason = try await TerminalSession.run(theme: loadedTheme, ascii: ascii, noColor: colorless, mouse: !noMouse) { screen in
                await DashboardLoop.run(on: screen, backend: backend, options: options)
            }
        } catch let error as TerminalError {
            throw noTerminal(error)
        }
        if case .signal(let number, let unsaved) = reason {
            if let unsaved { Output.error("utmost: not saved, the dashboard was stopped while it was being written: \(unsaved)") }
            throw ExitCode(128 + number)
        }
    }

    /// `--theme` (or `UTMOST_THEME`), else the one remembered for this store; a remembered
    /// theme that no longer loads is said and the default taken. Returns the theme and the
    /// name to remember (nil: the default).
    private func chooseTheme(remembered: String?) throws -> (Theme, String?) {
        let asked = theme ?? ProcessInfo.processInfo.environment["UTMOST_THEME"].flatMap { $0.isEmpty ? nil : $0 }
        if asked != nil || remembered == nil { return (try ThemeLoader.load(name: theme, noColor: noColor), asked) }
        do {
            return (try ThemeLoader.load(name: remembered, noColor: noColor), remembered)
        } catch {
            Output.error("utmost: the theme used last time, \(remembered!), does not load (\(error)); using the default")
            return (try ThemeLoader.load(name: nil, noColor: noColor), nil)
        }
    }

    private func noTerminal(_ error: TerminalError) -> CommandError {
        CommandError("\(error) — `utmost report` and `utmost campaign list` work without a terminal")
    }

    /// Refuses a theme file that is not a regular file (reading a FIFO would wait
    /// forever): the file `ThemeLoader` reads for this `--theme` or `UTMOST_THEME`,
    /// a path, or a name's file in the themes folder when there is one.
    private func checkThemeFile() throws {
        let environment = ProcessInfo.processInfo.environment
        guard !ThemeLoader.colorDisabled(noColorFlag: noColor, environment: environment) else { return }
        let name = theme ?? environment["UTMOST_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? ThemeLoader.defaultName
        let file = name.contains("/") || name.hasSuffix(".toml")
            ? name : ThemeLoader.configDirectory(environment).appendingPathComponent("\(name).toml").path
        if case .other(let what) = RegularFile.kind(at: file) {
            throw CommandError("theme file \(file): \(RegularFileError.notRegular(path: file, what: what).reason)")
        }
    }
}

/// The demo company: the package's `sample-data/`, copied beside the binary as a
/// resource of this target (SwiftPM's `utmost_utmost.resources`), so it is found
/// whatever the working directory.
enum SampleData {
    /// The resource bundle SwiftPM copies beside the executable.
    static let bundleName = "utmost_utmost.resources"

    /// A new store where the store is, filled with the demo company (the dashboard's and
    /// `serve`'s first run).
    static func createStore(_ store: StoreOptions) throws {
        let location = try store.locationForNewStore()
        let sample = try folder()
        _ = try location.importFolder(sample, now: SystemClock.now(), onLongWait: StoreOptions.sayWaiting, progress: nil)
        Output.error("utmost: created \(location.label) with the demo data of \(sample)")
    }

    /// Looked up beside the executable (its link resolved) rather than through
    /// `Bundle.module`, which stops the program when the bundle is missing (a binary
    /// copied somewhere without it): then the dashboard says so and the rest works.
    static func folder() throws -> String {
        let folders = [Bundle.main.bundleURL, Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()]
        let candidates = folders.compactMap { $0?.appendingPathComponent(bundleName).appendingPathComponent("sample-data") }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("campaigns.csv").path) }) else {
            throw CommandError("the demo data is not beside the program (\(candidates[0].deletingLastPathComponent().path) is missing): "
                               + "copy that folder with the binary, or give the dashboard a store with --db after `utmost import DIR`")
        }
        return found.path
    }
}

/// The wall clock as an Instant.
enum SystemClock {
    @Sendable static func now() -> Instant {
        Instant(microseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)))
    }
}
