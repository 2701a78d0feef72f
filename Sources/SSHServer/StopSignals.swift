import Foundation
import Synchronization

/// Waits for a signal that asks the server to stop (SIGTERM, SIGINT, SIGHUP). The handler
/// only writes the signal's number to a pipe (async-signal-safe); a thread blocked on
/// the pipe's other end hands it on. Nothing polls.
public enum StopSignals {
    private static let pipeInput = Atomic<Int32>(-1)

    /// Installs the handlers and returns the first of `signals` that arrives.
    public static func wait(for signals: [Int32]) async -> Int32 {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return SIGTERM }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        pipeInput.store(ends[1], ordering: .sequentiallyConsistent)
        for number in signals {
            signal(number) { caught in
                var byte = UInt8(truncatingIfNeeded: caught)
                _ = write(StopSignals.pipeInput.load(ordering: .relaxed), &byte, 1)
            }
        }
        let output = ends[0]
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                var byte: UInt8 = 0
                while read(output, &byte, 1) < 0 && errno == EINTR {}
                continuation.resume(returning: Int32(byte))
            }
            thread.name = "utmost-serve signals"
            thread.start()
        }
    }
}
