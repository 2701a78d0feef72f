import Foundation
import Synchronization

/// Waits for a signal that asks the server to stop (SIGTERM, SIGINT, SIGHUP). The handler
/// only writes the signal's number to a pipe (async-signal-safe); the caller is blocked
/// reading the pipe's other end. Nothing polls.
public enum StopSignals {
    private static let pipeInput = Atomic<Int32>(-1)

    /// Installs the handlers and blocks until the first of `signals` arrives; returns it.
    public static func wait(for signals: [Int32]) -> Int32 {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return SIGTERM }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        pipeInput.store(ends[1], ordering: .sequentiallyConsistent)
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals {
            signal(number) { caught in
                var byte = UInt8(truncatingIfNeeded: caught)
                _ = write(StopSignals.pipeInput.load(ordering: .relaxed), &byte, 1)
            }
            sigaddset(&set, number)
        }
        // A parent may have started this process with them blocked (libdispatch's threads
        // block them, and a child inherits the mask): this thread takes them, whatever else does.
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        var byte: UInt8 = 0
        while read(ends[0], &byte, 1) < 0 && errno == EINTR {}
        return Int32(byte)
    }
}
