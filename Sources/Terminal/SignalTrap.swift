import Foundation
import Synchronization

/// Turns SIGINT, SIGTERM and SIGHUP into a flag the run loop checks on its
/// next tick, so that the terminal is restored by the normal exit path
/// (`endwin()` on the main thread) rather than inside a signal handler.
enum SignalTrap {
    /// The last signal caught, 0 for none.
    static let caught = Atomic<Int32>(0)

    static func install() {
        caught.store(0, ordering: .relaxed)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { number in SignalTrap.caught.store(number, ordering: .relaxed) }
        }
    }

    /// Puts the default handlers back (after the terminal is restored).
    static func uninstall() {
        for sig in [SIGINT, SIGTERM, SIGHUP] { signal(sig, SIG_DFL) }
    }

    static var received: Int32? {
        let value = caught.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
