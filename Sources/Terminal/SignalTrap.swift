import Foundation
import Synchronization

/// Turns SIGINT, SIGTERM, SIGHUP and SIGQUIT (Ctrl-\) into a flag the terminal device
/// hands the run loop as an event on its next read, so that the terminal is restored by the normal exit path
/// (`endwin()` on the main actor) rather than inside a signal handler. SIGQUIT would
/// otherwise run the Swift runtime's backtracer over the screen, as for a crash: a
/// user who quits that way asked to quit, and gets no core or backtrace.
/// SIGTSTP likewise becomes a request to stop, which the run loop carries out
/// after giving the terminal back.
enum SignalTrap {
    /// The last signal caught, 0 for none.
    static let caught = Atomic<Int32>(0)
    /// Whether a SIGTSTP came (`kill -TSTP`, say) that the run loop has not acted on yet.
    static let stopRequested = Atomic<Bool>(false)

    /// Call before curses opens the terminal: ncurses installs its own SIGTSTP handler
    /// when SIGTSTP still has its default action then, and that handler must not run
    /// (the job-control notes in shim.h say why).
    static func install() {
        caught.store(0, ordering: .relaxed)
        stopRequested.store(false, ordering: .relaxed)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { number in SignalTrap.caught.store(number, ordering: .relaxed) }
        }
        signal(SIGTSTP) { _ in SignalTrap.stopRequested.store(true, ordering: .relaxed) }
    }

    /// Puts the default handlers back (after the terminal is restored).
    static func uninstall() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP] { signal(sig, SIG_DFL) }
    }

    /// The signal caught since the last call, if any.
    static func take() -> Int32? {
        let value = caught.exchange(0, ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Whether a stop was requested since the last call.
    static func takeStopRequest() -> Bool {
        stopRequested.exchange(false, ordering: .relaxed)
    }
}
