import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a file that must be a regular file, without ever blocking on one
/// that is not.
///
/// Opening a FIFO for reading waits for a writer, forever if none comes, and
/// a device may do anything when opened; a folder, a broken or looping
/// symbolic link are no files either. So what is at a path is looked at
/// first (`kind(at:)`, following symbolic links: a link to a regular file is
/// one), and `openForReading` checks the opened file again (`fstat`), after opening it
/// with `O_NONBLOCK`, so a file swapped for a FIFO in between cannot make it
/// wait.
public enum RegularFile {
    /// What is at a path.
    public enum Kind: Equatable, Sendable {
        /// Nothing at all under that name (not even a broken link).
        case absent
        case regular
        /// Something that is not a regular file, said as "a folder", "a FIFO", ...
        case other(String)
    }

    public static func kind(at path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT || errno == ENOTDIR ? .absent : .other(String(cString: strerror(errno))) }
        guard stat(path, &info) == 0 else {
            return .other(errno == ELOOP ? "a symbolic link that loops" : errno == ENOENT ? "a symbolic link to nothing" : String(cString: strerror(errno)))
        }
        return kind(mode: info.st_mode)
    }

    private static func kind(mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .other("a folder")
        case S_IFIFO: return .other("a FIFO")
        case S_IFCHR, S_IFBLK: return .other("a device")
        case S_IFSOCK: return .other("a socket")
        default: return .other("not a file")
        }
    }

    /// Opens the regular file at `path` for reading; the caller closes the descriptor.
    public static func openForReading(_ path: String) throws(RegularFileError) -> Int32 {
        if case .other(let what) = kind(at: path) { throw .notRegular(path: path, what: what) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if case .other(let what) = kind(at: path) { throw .notRegular(path: path, what: what) }
            throw .system(path: path, message: String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw .system(path: path, message: message)
        }
        if case .other(let what) = kind(mode: info.st_mode) {
            close(fd)
            throw .notRegular(path: path, what: what)
        }
        return fd
    }

    /// The whole file at `path`, which must be a regular file.
    public static func contents(of path: String) throws(RegularFileError) -> Data {
        let fd = try openForReading(path)
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .system(path: path, message: String(cString: strerror(errno))) }
            if n == 0 { return data }
            data.append(contentsOf: buffer[..<n])
        }
    }
}

/// Why `RegularFile` would not read a file.
public enum RegularFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Something other than a regular file is at the path; `what` says what ("a FIFO").
    case notRegular(path: String, what: String)
    /// The system refused; the message is its own.
    case system(path: String, message: String)

    /// What is wrong, without the path: `not a regular file (a FIFO)`.
    public var reason: String {
        switch self {
        case .notRegular(_, let what): return "not a regular file (\(what))"
        case .system(_, let message): return message
        }
    }

    public var description: String {
        switch self {
        case .notRegular(let path, _), .system(let path, _): return "\(path): \(reason)"
        }
    }
}
