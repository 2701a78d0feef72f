import Widgets

/// A terminal in memory for tests of whole programs: it plays a script of keys and
/// events, keeps the last grid drawn, and waits, with a deadline, for what a step
/// says the screen must show before going on. A script that runs out, or a wait
/// that times out, ends the program as a hang-up would, and says so in `failures`.
@MainActor
public final class MemoryDevice: TerminalDevice {
    /// One step of the script.
    public enum Step {
        /// A key or an event, read as the terminal would bring it.
        case event(DeviceEvent)
        /// The terminal takes a new size (read as `.resize`).
        case resize(width: Int, height: Int)
        /// Waits until the last grid drawn satisfies the check (described by `what`).
        case wait(String, @MainActor (CellGrid) -> Bool)
        /// Waits until `check` holds of the world outside the screen (a backend's state, say).
        case until(String, @MainActor () -> Bool)
        /// Does something to the world outside (another writer's edit, a clock that moves on).
        case perform(@MainActor () async -> Void)
    }

    public private(set) var width: Int
    public private(set) var height: Int
    public let glyphs: Glyphs
    /// The last grid drawn.
    public private(set) var screen: CellGrid?
    /// How many grids were drawn.
    public private(set) var draws = 0
    /// How often the program gave the terminal back (suspend), with or without its job.
    public private(set) var suspensions: [Bool] = []
    /// What the program put on the clipboard, in order.
    public private(set) var copies: [String] = []
    /// What went wrong with the script: a wait that timed out, or steps left when the program ended.
    public private(set) var failures: [String] = []
    private var steps: [Step]
    private let timeout: Duration
    /// When the step in front began to wait.
    private var waitingSince: ContinuousClock.Instant?

    /// - Parameter timeout: how long one step waits. Generous: in a full test run on a busy
    ///   two-core machine the program's background work (reports, the backend's actor) may
    ///   get one of Swift's pool threads only after the blocking tests beside it let go.
    public init(width: Int = 100, height: Int = 30, glyphs: Glyphs = .unicode, timeout: Duration = .seconds(60), _ steps: [Step]) {
        self.width = width; self.height = height; self.glyphs = glyphs; self.timeout = timeout; self.steps = steps
    }

    /// The screen as text (what view tests compare).
    public var text: String { screen?.text ?? "" }

    /// Steps not played when the program ended.
    public var unplayed: Int { steps.count }

    public func draw(_ grid: CellGrid) {
        screen = grid
        draws += 1
    }

    public func suspend(wholeGroup: Bool) { suspensions.append(wholeGroup) }

    public func invalidate() {}

    public func copy(_ text: String) { copies.append(text) }

    /// Its reads wait for their script's steps, which look at the screen again and again.
    public nonisolated var waker: @Sendable () -> Void { {} }

    public func read(timeout wait: Duration) async -> DeviceEvent? {
        while let step = steps.first {
            switch step {
            case .event(let event):
                next()
                return event
            case .resize(let w, let h):
                next()
                width = w; height = h
                return .resize
            case .wait(let what, let check):
                if let screen, check(screen) { next(); continue }
                return await waited(what: "the screen to show \(what); it shows:\n\(text)")
            case .until(let what, let check):
                if check() { next(); continue }
                return await waited(what: what)
            case .perform(let action):
                next()
                await action()
            }
        }
        return give(up: "the script ran out and the program is still running")
    }

    private func next() {
        steps.removeFirst()
        waitingSince = nil
    }

    /// Nil after a short sleep (the program goes on), or a hang-up once the step has waited too long.
    private func waited(what: String) async -> DeviceEvent? {
        let since = waitingSince ?? ContinuousClock.now
        waitingSince = since
        if ContinuousClock.now - since > timeout { return give(up: "waited \(timeout) for \(what)") }
        try? await Task.sleep(for: .milliseconds(5))
        return nil
    }

    private func give(up why: String) -> DeviceEvent {
        failures.append(why)
        steps = []
        return .hangup
    }
}

extension MemoryDevice.Step {
    /// A key press.
    public static func key(_ key: Key) -> Self { .event(.key(key)) }
    /// A press of the left button over the cell (`x`, `y`).
    public static func click(x: Int, y: Int) -> Self { .event(.mouse(MouseEvent(.press(.left), x: x, y: y))) }
    /// Several keys, typed one after the other.
    public static func keys(_ keys: Key...) -> [Self] { keys.map { .event(.key($0)) } }
    /// Waits until the screen shows `text`.
    public static func shows(_ text: String) -> Self { .wait("\"\(text)\"", { $0.text.contains(text) }) }
}
