import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Telling a full disk from other write failures, to say so in words a person acts on.
enum DiskSpace {
    /// Below this many free bytes a file system counts as full: SQLite grows its
    /// shared-memory file 32 KiB at a time, and a page of the store is 4 KiB.
    static let nearlyFullBytes: UInt64 = 1 << 20

    /// Whether a failed system call's `errno` means there is no room left.
    static func isFull(_ code: Int32) -> Bool { code == ENOSPC || code == EDQUOT }

    /// Whether the file system that holds `path` (its folder, where SQLite keeps
    /// the `-wal` and `-shm` files too) has less than `nearlyFullBytes` free.
    /// SQLite reports a write that found no room as "database or disk is full" only
    /// for the store and its journals; for the shared-memory file it is a generic
    /// I/O error, which this tells apart.
    static func isNearlyFull(at path: String) -> Bool {
        var info = statvfs()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard statvfs(folder, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < nearlyFullBytes
    }
}
