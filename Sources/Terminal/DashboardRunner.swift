import Widgets
import Foundation
import CampaignKit
import Dashboard

/// Runs the dashboard in the terminal until the user quits: what `utmost`
/// (no arguments) calls once it has opened the store.
///
/// All curses calls happen on the main actor; the report, the edits and the
/// data-version poll run in background tasks whose results come back through
/// a mailbox as actions. The terminal is restored on every way out: `q`,
/// Ctrl-C (SIGINT), Ctrl-\ (SIGQUIT), SIGTERM, SIGHUP, a thrown error, and a crash
/// (whose report goes to a file: `CrashReports`). Ctrl-Z (the shell's
/// suspend character) and SIGTSTP give it back, stop the process, and on `fg`
/// take it again and redraw in full.
public enum DashboardRunner {
    /// How the dashboard looks and what it says about where its data lives.
    public struct Options: Sendable {
        /// A theme name (`dark`, `light`, `high-contrast`, `mono`, or one in
        /// `$XDG_CONFIG_HOME/utmost/themes/`) or a path to a `.toml` file;
        /// nil for `UTMOST_THEME`, else `dark`. (`--theme`)
        public var theme: String?
        /// Draw with ASCII only, no box drawing or block characters. Also
        /// automatic when the locale is not UTF-8. (`--ascii`)
        public var ascii: Bool
        /// No colour (the `mono` theme's attributes only); `NO_COLOR` does the same. (`--no-color`)
        public var noColor: Bool
        /// The store as the status bar names it, e.g. the file name. (`--db`)
        public var storeLabel: String
        /// The report time zone (`--tz`): calendar days and presets are in it.
        public var zone: TimeZone
        /// The window preset to start with.
        public var window: WindowPreset
        /// How often the store's data version is polled (at most one second).
        public var pollInterval: Duration
        /// The clock: "now" for today's date and the refresh time (tests fix it).
        public var clock: @Sendable () -> Instant
        /// Where `NO_COLOR`, `UTMOST_THEME`, `XDG_CONFIG_HOME` and `HOME` are read.
        public var environment: [String: String]

        public init(theme: String? = nil, ascii: Bool = false, noColor: Bool = false, storeLabel: String = "",
                    zone: TimeZone = TimeZone(identifier: "UTC")!, window: WindowPreset = .all,
                    pollInterval: Duration = .milliseconds(500),
                    clock: @escaping @Sendable () -> Instant = { Instant(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000)) },
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.theme = theme; self.ascii = ascii; self.noColor = noColor; self.storeLabel = storeLabel
            self.zone = zone; self.window = window; self.pollInterval = min(pollInterval, .seconds(1))
            self.clock = clock; self.environment = environment
        }
    }

    /// Why the dashboard stopped.
    public enum ExitReason: Hashable, Sendable {
        /// `q` or Ctrl-C read as a key.
        case quit
        /// SIGINT, SIGTERM, SIGHUP or SIGQUIT: the caller may exit with 128 + the signal's number.
        case signal(Int32)
    }

    /// Opens the terminal and runs until the user quits or a signal arrives.
    /// Throws for a bad theme or when there is no usable terminal; the
    /// terminal is restored before anything is thrown or returned.
    @MainActor @discardableResult
    public static func run(backend: any DashboardBackend, options: Options = Options()) async throws -> ExitReason {
        let theme = try ThemeLoader.load(name: options.theme, noColor: options.noColor, environment: options.environment)
        let noColor = ThemeLoader.colorDisabled(noColorFlag: options.noColor, environment: options.environment)
        SignalTrap.install()
        defer { SignalTrap.uninstall() }
        CrashReports.prepare(environment: options.environment)
        let screen = try CursesScreen(theme: theme, ascii: options.ascii, noColor: noColor)
        defer { screen.close() }
        let mailbox = Mailbox()
        let testCrash = TestCrash(environment: options.environment)

        let initial = DashboardState(width: screen.width, height: screen.height, now: options.clock(), zone: options.zone,
                                     storeLabel: options.storeLabel, glyphs: screen.glyphs, windowPreset: options.window)
        var (state, effects) = start(initial)

        let poller = Task.detached {
            while !Task.isCancelled {
                if let version = try? await backend.dataVersion() { mailbox.post(.dataVersion(version)) }
                try? await Task.sleep(for: options.pollInterval)
            }
        }
        defer { poller.cancel() }
        var reportTask: Task<Void, Never>?
        defer { reportTask?.cancel() }
        var lastTick = ContinuousClock.now

        while true {
            for effect in effects {
                if case .quit = effect { return .quit }
                let task = Task.detached {
                    if let action = await EffectPerformer.perform(effect, backend: backend, progress: mailbox.post) { mailbox.post(action) }
                }
                // A newer report supersedes the one being computed.
                if case .loadReport = effect { reportTask?.cancel(); reportTask = task }
            }
            effects = []
            if let signal = SignalTrap.received {
                // Ctrl-C while an edit is on its way is a quit like `q`, which waits for the edit or asks.
                guard signal == SIGINT, state.editInFlight else { return .signal(signal) }
                SignalTrap.caught.store(0, ordering: .relaxed)
                (state, effects) = update(state, .key(.ctrl("c")))
                continue
            }
            if state.quitting { return .quit }
            screen.draw(Screen.render(state))

            var actions: [Action] = []
            switch screen.read(milliseconds: 100) {
            case .key(let key)?:
                testCrash?.fire()
                actions.append(.key(key))
            case .suspend?:
                screen.suspend(wholeGroup: true)
                actions.append(.resize(width: screen.width, height: screen.height))
            case .resize?:
                screen.invalidate()
                actions.append(.resize(width: screen.width, height: screen.height))
            case .hangup?:
                return .signal(SIGHUP)
            case nil: break
            }
            // A SIGTSTP from outside stops this process alone, as its default action would.
            if SignalTrap.takeStopRequest() {
                screen.suspend(wholeGroup: false)
                actions.append(.resize(width: screen.width, height: screen.height))
            }
            actions += mailbox.drain()
            if ContinuousClock.now - lastTick >= .seconds(1) {
                lastTick = ContinuousClock.now
                actions.append(.tick(options.clock()))
            }
            for action in actions {
                let (next, more) = update(state, action)
                state = next
                effects += more
            }
            await Task.yield()
        }
    }
}
