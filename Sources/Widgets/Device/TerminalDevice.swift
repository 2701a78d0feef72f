/// What a terminal brings the program, besides keys.
public enum DeviceEvent: Hashable, Sendable {
    case key(Key)
    /// A click or a turn of the wheel (when the device reports the mouse).
    case mouse(MouseEvent)
    /// The terminal has a new size: read `width` and `height`.
    case resize
    /// The user typed the shell's suspend character (Ctrl-Z): give the terminal back and stop, with the job.
    case suspend
    /// A SIGTSTP from outside: stop this process alone.
    case stop
    /// The terminal is gone: its line hung up.
    case hangup
    /// A signal that ends the program (SIGINT, SIGTERM, SIGHUP, SIGQUIT): restore the terminal
    /// and exit with 128 + its number.
    case signal(Int32)
}

/// A screen the dashboard runs on: curses on a real terminal, or memory in tests.
///
/// Every call comes from the main actor, as curses needs.
@MainActor
public protocol TerminalDevice: AnyObject {
    /// The size now, in cells.
    var width: Int { get }
    var height: Int { get }
    /// What the device can draw: box drawing and blocks, or ASCII only.
    var glyphs: Glyphs { get }
    /// Shows a grid, writing only what changed since the last one.
    func draw(_ grid: CellGrid)
    /// Waits up to `timeout` for a key or an event, or until `wake`; nil when nothing came.
    func read(timeout: Duration) async -> DeviceEvent?
    /// Ends a `read` that waits (or the next one), called from any thread: what background
    /// work brings (a finished report, a change noticed) is seen at once, not when the
    /// read's timeout is up.
    nonisolated var waker: @Sendable () -> Void { get }
    /// Gives the terminal back and stops the process (or its whole job); returns once
    /// it is continued, with `width` and `height` as they are then.
    func suspend(wholeGroup: Bool)
    /// Forgets what is on screen, so that the next draw writes every cell.
    func invalidate()
    /// Puts `text` on the clipboard through the terminal (OSC 52, which tmux and
    /// terminals over SSH honour); the terminal never sees the text itself, so
    /// whatever it holds cannot command it.
    func copy(_ text: String)
}
