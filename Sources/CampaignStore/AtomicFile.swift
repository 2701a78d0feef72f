#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif
import Foundation

/// Writes a file whole or not at all: to a temporary file in the same folder,
/// flushed to disk, then renamed over the target (an atomic step on POSIX).
///
/// A file that is replaced keeps its permissions; a new one is readable and
/// writable by its owner only (0600, whatever the umask): what the store
/// exports holds contacts' emails. A target that is a symbolic link is written
/// through (the file it names is replaced, the link stays); one that is not a
/// regular file (a folder, a FIFO) is refused.
enum AtomicFile {
    static let newFileMode: mode_t = 0o600

    static func write(_ data: Data, to requested: String) throws {
        func failure(_ code: Int32 = errno) -> StoreError {
            DiskSpace.isFull(code) ? .cannotWrite(path: requested, reason: "the disk is full")
                : .cannotWrite(path: requested, reason: String(cString: strerror(code)))
        }
        var mode = newFileMode
        var path = requested
        switch RegularFile.kind(at: requested) {
        case .absent: break
        case .other(let what):
            throw StoreError.cannotWrite(path: requested, reason: RegularFileError.notRegular(path: requested, what: what).reason)
        case .regular:
            var info = stat()
            guard stat(requested, &info) == 0 else { throw failure() }
            mode = info.st_mode & 0o7777
            path = URL(fileURLWithPath: requested).resolvingSymlinksInPath().path
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, newFileMode)
        guard fd >= 0 else { throw failure() }
        var done = 0
        let written: Bool = data.withUnsafeBytes { buffer in
            while done < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        let error = written ? nil : failure()
        // The umask may have taken bits away from a new file's mode; a replaced file's is restored whole.
        let moded = written && fchmod(fd, mode) == 0
        let synced = moded && fsync(fd) == 0
        let syncError = written && !synced ? failure() : nil
        close(fd)
        guard written, synced, rename(temporary, path) == 0 else {
            let thrown = error ?? syncError ?? failure()
            unlink(temporary)
            throw thrown
        }
    }
}
