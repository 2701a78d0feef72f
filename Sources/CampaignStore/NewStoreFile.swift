import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary file a new store is built in, beside its final path:
/// `.NAME.importing-PID`. Publishing it is one atomic link (or rename), so the
/// final path never holds half a store, whatever kills the process.
struct NewStoreFile {
    /// The store's final path.
    let target: String
    /// Where it is built.
    let path: String

    private static let sideFiles = ["", "-journal", "-wal", "-shm"]

    init(for target: String) {
        self.target = target
        let url = URL(fileURLWithPath: target)
        path = url.deletingLastPathComponent().appendingPathComponent(Self.prefix(url.lastPathComponent) + String(getpid())).path
    }

    private static func prefix(_ name: String) -> String { "." + name + ".importing-" }

    /// Puts the built store at the target: a link that fails when another
    /// process created the target meanwhile, or, for an empty target file, a
    /// rename over it. The folder is synced so the new name survives a crash.
    func publish(replacingEmptyFile: Bool) throws {
        if replacingEmptyFile {
            let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? nil
            guard size == nil || size == 0 else { throw createdMeanwhile() }
            guard rename(path, target) == 0 else { throw failure("rename") }
        } else if link(path, target) == 0 {
            unlink(path)
        } else {
            let code = errno
            if code == EEXIST { throw createdMeanwhile() }
            // File systems without hard links: rename, the target was absent a moment ago.
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP else { throw failure("link", code) }
            guard !FileManager.default.fileExists(atPath: target) else { throw createdMeanwhile() }
            guard rename(path, target) == 0 else { throw failure("rename") }
        }
        let folder = open(URL(fileURLWithPath: target).deletingLastPathComponent().path, O_RDONLY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Flushes the built store to disk, so the name `publish` gives it never shows
    /// pages a crash of the machine lost: it was built without syncs.
    func sync() throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("fsync") }
    }

    /// Removes the temporary file and its journal.
    func remove() {
        for suffix in Self.sideFiles { unlink(path + suffix) }
    }

    /// Removes what imports killed earlier left beside the target: temporary
    /// files whose process is gone.
    func removeStale() {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent()
        let prefix = Self.prefix(url.lastPathComponent)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let pid = Int32(rest.prefix(while: \.isNumber)), pid != getpid(),
                  Self.sideFiles.contains(String(rest.drop(while: \.isNumber))) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder.appendingPathComponent(name).path) }
        }
    }

    private func createdMeanwhile() -> StoreError {
        .database(path: target, message: "another process created the store while this import was running; nothing was imported, run the import again")
    }

    /// The refusal of the system call `call`, with the system's reason for `code`.
    func failure(_ call: String, _ code: Int32 = errno) -> StoreError {
        if DiskSpace.isFull(code) { return .diskFull(path: target) }
        return .database(path: target, message: "cannot put the new store in place (\(call): \(String(cString: strerror(code))))")
    }
}
