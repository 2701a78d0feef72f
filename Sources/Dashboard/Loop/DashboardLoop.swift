import CampaignKit
import Foundation
import Widgets

/// The dashboard's application loop, over any terminal device: it draws the state,
/// reads keys, clicks and events, hands what `y` copied to the device, performs effects
/// against the backend in background tasks (a newer report cancels the one being
/// computed), polls the store's data version, ticks the clock, and stops on quit, a
/// hang-up or a signal.
///
/// The loop runs on the main actor (curses needs one thread); background work comes
/// back through a mailbox as actions. Tests run it on a device in memory.
public enum DashboardLoop {
    /// What the dashboard starts with and how often it looks at the world.
    public struct Options: Sendable {
        /// The store as the status bar names it, e.g. the file name. (`--db`)
        public var storeLabel: String
        /// The report time zone (`--tz`): calendar days and presets are in it.
        public var zone: TimeZone
        /// The period to start with (`--from`, `--to`: a custom one).
        public var period: Period
        /// How often the store's data version is polled while `changeNotices` tell of
        /// changes (at most one second): the notices bring changes, and the poll only
        /// catches what they miss. Without notices (none given, or they could not start)
        /// the poll runs at most every `unnoticedPollInterval`.
        public var pollInterval: Duration
        /// What tells of a change as it happens (the store's files being written), if anything.
        public var changeNotices: (any ChangeNotices)?
        /// How often the clock ticks (today's date, the status bar's time).
        public var tickInterval: Duration
        /// How long one read of the device waits for a key before the loop looks around again.
        /// What background work posts (a poll's news, a finished report) wakes the read at
        /// once (`TerminalDevice.waker`, #17); signals and the terminal's size are looked at
        /// after each read, so they wait up to this long: 25 ms by default.
        public var readTimeout: Duration
        /// The clock: "now" for today's date and the refresh time (tests fix it).
        public var clock: @Sendable () -> Instant
        /// What was remembered of this store last time (tab, sorts, period), applied at start.
        public var remembered: Remembered?
        /// Told the state as the loop ends, whatever ends it, to remember it for next time.
        public var onExit: (@MainActor (DashboardState) -> Void)?
        /// No edits: browsing, periods and explanations only (`--read-only`, `utmost serve`).
        public var readOnly: Bool

        public init(storeLabel: String = "", zone: TimeZone = TimeZone(identifier: "UTC")!, period: Period = .allTime,
                    pollInterval: Duration = .milliseconds(100), tickInterval: Duration = .seconds(1),
                    readTimeout: Duration = .milliseconds(25),
                    clock: @escaping @Sendable () -> Instant = { Instant(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000)) },
                    remembered: Remembered? = nil, onExit: (@MainActor (DashboardState) -> Void)? = nil, readOnly: Bool = false,
                    changeNotices: (any ChangeNotices)? = nil) {
            self.storeLabel = storeLabel; self.zone = zone; self.period = period
            self.pollInterval = min(pollInterval, .seconds(1)); self.tickInterval = tickInterval
            self.changeNotices = changeNotices
            self.readTimeout = readTimeout; self.clock = clock; self.remembered = remembered; self.onExit = onExit
            self.readOnly = readOnly
        }
    }

    /// A tenth of a second (#17): a poll is one `PRAGMA data_version`, and another
    /// process's new events show that much sooner than at a second.
    static let unnoticedPollInterval: Duration = .milliseconds(100)

    /// The poll's pace: `options.pollInterval` while change notices come, else at most
    /// `unnoticedPollInterval`.
    static func pollInterval(_ options: Options, noticed: Bool) -> Duration {
        noticed ? options.pollInterval : min(options.pollInterval, unnoticedPollInterval)
    }

    /// Why the dashboard stopped.
    public enum ExitReason: Hashable, Sendable {
        /// `q` or Ctrl-C read as a key.
        case quit
        /// SIGINT, SIGTERM, SIGHUP, SIGQUIT or a hung-up terminal (SIGHUP): the caller may
        /// exit with 128 + the signal's number, and should say which edit, if any, was
        /// not saved (its transaction is rolled back: nothing of it is in the store).
        case signal(Int32, unsavedEdit: String?)
    }

    /// How long a signal waits for an edit already on its way, before the loop stops without it.
    static let signalGrace: Duration = .seconds(2)

    /// Runs until the user quits or a signal or hang-up ends it.
    @MainActor
    public static func run(on device: some TerminalDevice, backend: any DashboardBackend, options: Options = Options()) async -> ExitReason {
        let mailbox = Mailbox(wake: device.waker)
        var initial = DashboardState(width: device.width, height: device.height, now: options.clock(), zone: options.zone,
                                     storeLabel: options.storeLabel, glyphs: device.glyphs, period: options.period)
        options.remembered?.apply(to: &initial)
        initial.readOnly = options.readOnly
        var (state, effects) = start(initial)
        defer { options.onExit?(state) }

        let doorbell = Doorbell()
        // The notices start on the poller's side: setting up a watch can take a while (inotify in a
        // folder of thousands of files: 80 ms), and the first report must not wait for it.
        let poller = Task.detached {
            let noticed = options.changeNotices?.start { doorbell.ring() } ?? false
            let pollInterval = Self.pollInterval(options, noticed: noticed)
            while !Task.isCancelled {
                do { mailbox.post(.dataVersion(try await backend.dataVersion())) } catch is CancellationError {
                    return
                } catch {
                    mailbox.post(.storeUnreachable(BackendFailure(error).message))
                }
                await doorbell.wait(upTo: pollInterval)
            }
        }
        defer {
            poller.cancel()
            options.changeNotices?.stop()
        }
        var reportTasks: [Task<Void, Never>] = []
        defer { reportTasks.forEach { $0.cancel() } }
        var lastTick = ContinuousClock.now
        /// Whether an action may have changed the state since the last frame: an idle turn of the loop draws nothing.
        var changed = true

        while true {
            for effect in effects {
                if case .quit = effect { return .quit }
                let task = Task.detached {
                    if let action = await EffectPerformer.perform(effect, backend: backend, progress: mailbox.post) { mailbox.post(action) }
                }
                // A newer report (and its comparison) supersedes the ones being computed.
                switch effect {
                case .loadReport:
                    reportTasks.forEach { $0.cancel() }
                    reportTasks = [task]
                case .loadComparison: reportTasks.append(task)
                default: break
                }
            }
            effects = []
            if state.quitting { return .quit }
            if changed { device.draw(Screen.render(state)) }

            var actions: [Action] = []
            switch await device.read(timeout: options.readTimeout) {
            case .key(let key)?:
                actions.append(.key(key))
            case .mouse(let event)?:
                actions.append(.mouse(event))
            case .resize?:
                device.invalidate()
                actions.append(.resize(width: device.width, height: device.height))
            case .suspend?:
                device.suspend(wholeGroup: true)
                actions.append(.resize(width: device.width, height: device.height))
            case .stop?:
                // A SIGTSTP from outside stops this process alone, as its default action would.
                device.suspend(wholeGroup: false)
                actions.append(.resize(width: device.width, height: device.height))
            case .hangup?:
                return .signal(SIGHUP, unsavedEdit: await settle(&state, mailbox))
            case .signal(let number)?:
                // Ctrl-C while an edit is on its way is a quit like `q`, which waits for the edit or asks.
                guard number == SIGINT, state.editInFlight else { return .signal(number, unsavedEdit: await settle(&state, mailbox)) }
                actions.append(.key(.ctrl("c")))
            case nil:
                break
            }
            actions += mailbox.drain()
            if ContinuousClock.now - lastTick >= options.tickInterval {
                lastTick = ContinuousClock.now
                actions.append(.tick(options.clock()))
            }
            changed = !actions.isEmpty
            for action in actions {
                let (next, more) = update(state, action)
                state = next
                effects += more
                if let text = state.pendingCopy {
                    device.copy(text)
                    state.pendingCopy = nil
                }
            }
            await Task.yield()
        }
    }

    /// Before a signal ends the loop: gives an edit on its way a moment to be saved (it
    /// usually takes milliseconds), unless it waits for another process's write. Returns
    /// the summary of the edit that is still not saved, if any.
    @MainActor
    private static func settle(_ state: inout DashboardState, _ mailbox: Mailbox) async -> String? {
        let deadline = ContinuousClock.now + signalGrace
        while let saving = state.savingEdit, state.waitingEdit == nil, ContinuousClock.now < deadline {
            for action in mailbox.drain() { state = update(state, action).0 }
            if state.savingEdit == saving { try? await Task.sleep(for: .milliseconds(10)) }
        }
        return state.savingEdit?.summary
    }
}
