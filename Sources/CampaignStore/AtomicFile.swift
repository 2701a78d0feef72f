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
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        func failure(_ what: String = String(cString: strerror(errno))) -> StoreError {
            .cannotWrite(path: path, reason: what)
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
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
        let synced = written && fsync(fd) == 0
        let syncError = written && !synced ? failure() : nil
        close(fd)
        guard written, synced, rename(temporary, path) == 0 else {
            let thrown = error ?? syncError ?? failure()
            unlink(temporary)
            throw thrown
        }
    }
}
