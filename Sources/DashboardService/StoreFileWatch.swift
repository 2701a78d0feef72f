import Dashboard
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Change notices for a SQLite store (#17): another process's commit writes the store's
/// write-ahead log (`-wal`), or the file itself, and the kernel says so (inotify) at once,
/// where a poll would see it up to an interval later. Watched is the store's folder, for
/// the two names: the log comes and goes with checkpoints. A burst of writes (an import
/// filling the log) rings once per `quietTime`, not once per write; the version read
/// after a ring tells a commit from the writes that lead to it.
///
/// Where inotify is missing (not Linux) or refuses (no watches left), it tells nothing
/// and the dashboard's poll alone finds changes.
public final class StoreFileWatch: ChangeNotices, @unchecked Sendable {
    private let folder: String
    private let names: Set<String>
    /// The write end of the pipe that stops the watch's thread: set by `start`, cleared by
    /// `stop`; and whether `stop` came, which a later `start` must heed.
    private let lock = NSLock()
    private var stopWriter: Int32 = -1
    private var stopped = false

    /// At most one notice per this long while writes go on.
    static let quietTime: Duration = .milliseconds(5)

    public init(storePath: String) {
        let url = URL(fileURLWithPath: storePath).standardizedFileURL
        folder = url.deletingLastPathComponent().path
        names = [url.lastPathComponent, url.lastPathComponent + "-wal"]
    }

    public func start(_ notice: @escaping @Sendable () -> Void) -> Bool {
        #if canImport(Glibc)
        let watch = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard watch >= 0 else { return false }
        let events = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)
        var ends: [Int32] = [-1, -1]
        guard inotify_add_watch(watch, folder, events) >= 0, pipe(&ends) == 0 else { close(watch); return false }
        let going = lock.withLock { () -> Bool in
            if !stopped { stopWriter = ends[1] }
            return !stopped
        }
        guard going else {
            [watch, ends[0], ends[1]].forEach { close($0) }
            return false
        }
        let names = self.names, stopReader = ends[0]
        let thread = Thread {
            Self.run(watch: watch, stopReader: stopReader, names: names, notice: notice)
            close(watch)
            close(stopReader)
        }
        thread.name = "utmost store watch"
        thread.start()
        return true
        #else
        return false
        #endif
    }

    public func stop() {
        let writer = lock.withLock { () -> Int32 in
            defer { stopWriter = -1; stopped = true }
            return stopWriter
        }
        guard writer >= 0 else { return }
        close(writer)
    }

    #if canImport(Glibc)
    /// Waits for the watch's events or the stop pipe's end; rings `notice` when one of
    /// `names` was written, then lets `quietTime` pass before looking again.
    private static func run(watch: Int32, stopReader: Int32, names: Set<String>, notice: @Sendable () -> Void) {
        var fds = [pollfd(fd: watch, events: Int16(POLLIN), revents: 0), pollfd(fd: stopReader, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0, fds[1].revents == 0 else { return }
            var touched = false
            while true {
                let count = buffer.withUnsafeMutableBytes { read(watch, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                touched = touched || buffer.withUnsafeBytes { !names.isDisjoint(with: Self.names(in: $0.prefix(count))) }
            }
            if touched {
                notice()
                let (seconds, attoseconds) = quietTime.components
                var pause = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
                nanosleep(&pause, nil)
            }
        }
    }

    /// The file names of the inotify events in `bytes` (each a fixed header, then its
    /// name padded with NULs to the length the header gives).
    static func names(in bytes: UnsafeRawBufferPointer.SubSequence) -> [String] {
        let header = MemoryLayout<inotify_event>.size
        var names: [String] = []
        var offset = bytes.startIndex
        while bytes.endIndex - offset >= header {
            let length = Int(bytes.base.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let name = bytes.base[(offset + header)..<min(offset + header + length, bytes.endIndex)]
            names.append(String(decoding: name.prefix { $0 != 0 }, as: UTF8.self))
            offset += header + length
        }
        return names
    }
    #endif
}
