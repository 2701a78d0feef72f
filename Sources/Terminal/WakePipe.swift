import Foundation

/// A pipe that ends a wait for the terminal's input from any thread: the wait polls the
/// terminal and the pipe's read end, and a ring writes a byte to it. Rings while nobody
/// waits are kept (the bytes stay in the pipe) and end the next wait at once.
final class WakePipe: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK); _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        (readEnd, writeEnd) = (ends[0], ends[1])
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Safe from any thread and from a full pipe (the byte is then not needed).
    func ring() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Waits up to `milliseconds` for the terminal's input; false when the time was up or
    /// a ring (or a signal) ended the wait first. Rings are used up.
    func waitForInput(milliseconds: Int32) -> Bool {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, readEnd >= 0 ? 2 : 1, milliseconds) > 0 else { return false }
        if fds[1].revents != 0 {
            var drained = [UInt8](repeating: 0, count: 64)
            while read(readEnd, &drained, drained.count) > 0 {}
        }
        return fds[0].revents != 0
    }
}
