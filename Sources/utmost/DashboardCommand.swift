import ArgumentParser
import Attribution
import CampaignKit
import CampaignStore
import Dashboard
import Foundation
import Terminal

/// `utmost` with no subcommand: the dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the dashboard (the default when no subcommand is given).",
        discussion: """
            Panes for the campaigns, the selected campaign's assets and its metrics; an \
            analytics tab (2), the unlinked utm values (3) and the attribution models (4). Press ? for every key. A store \
            that does not exist yet is created and filled with the demo company of sample-data/, \
            so a first run is never empty.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Colour theme: dark, light, high-contrast, mono, a name in $XDG_CONFIG_HOME/utmost/themes/, or a .toml file. Default: $UTMOST_THEME, else dark.", valueName: "name"))
    var theme: String?

    @Flag(help: "Draw with ASCII only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "No colours (as does the NO_COLOR environment variable).")
    var noColor = false

    @Option(help: ArgumentHelp("IANA time zone for calendar days, such as Europe/Amsterdam.", valueName: "zone"))
    var tz: String = "UTC"

    @Option(name: .customLong("model-file"), help: ArgumentHelp("A TOML file of custom attribution models, shown beside the nine built-in ones (see utmost report --help).", valueName: "file"))
    var modelFile: String?

    @MainActor
    func run() async throws {
        CrashReports.restartWithBacktraceSettings()
        guard let zone = TimeZone(identifier: tz) else {
            throw CommandError("--tz: unknown time zone \"\(tz)\"; expected an IANA name such as Europe/Amsterdam or UTC")
        }
        let path = try store.path()
        if !FileManager.default.fileExists(atPath: path) {
            let sample = try SampleData.folder()
            _ = try CampaignStore.importFolder(sample, intoStoreAt: path, now: SystemClock.now())
            Output.error("utmost: created \(path) with the demo data of \(sample)")
        }
        let models = AttributionModel.builtIn + (try modelFile.map(ModelFile.load) ?? [])
        let backend = try StoreBackend(path: path, clock: SystemClock.now, models: models)
        let theme = try ThemeLoader.load(name: theme, noColor: noColor)
        let options = DashboardLoop.Options(storeLabel: URL(fileURLWithPath: path).lastPathComponent, zone: zone)
        let reason: DashboardLoop.ExitReason
        do {
            reason = try await TerminalSession.run(theme: theme, ascii: ascii, noColor: ThemeLoader.colorDisabled(noColorFlag: noColor, environment: ProcessInfo.processInfo.environment)) { screen in
                await DashboardLoop.run(on: screen, backend: backend, options: options)
            }
        } catch let error as TerminalError {
            throw CommandError("\(error) — `utmost report` and `utmost campaign list` work without a terminal")
        }
        if case .signal(let number) = reason { throw ExitCode(128 + number) }
    }
}

/// The bundled demo data: `$UTMOST_SAMPLE_DATA`, else `sample-data/` of the source
/// tree this binary was built from, else beside the binary.
enum SampleData {
    static func folder() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["UTMOST_SAMPLE_DATA"], !env.isEmpty { candidates.append(env) }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(source.appendingPathComponent("sample-data").path)
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(binary.appendingPathComponent("sample-data").path)
        candidates.append(binary.deletingLastPathComponent().appendingPathComponent("share/utmost/sample-data").path)
        for path in candidates where FileManager.default.fileExists(atPath: path + "/campaigns.csv") { return path }
        throw CommandError("the demo data folder was not found (looked in \(candidates.joined(separator: ", "))); set UTMOST_SAMPLE_DATA or run `utmost import DIR` first")
    }
}

/// The wall clock as an Instant.
enum SystemClock {
    @Sendable static func now() -> Instant {
        Instant(microseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down)))
    }
}
