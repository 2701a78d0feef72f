#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file's bytes in one buffer that stays put, so readers can hand out
/// pointers into it (and bind them to SQLite) without copying.
final class FileBytes: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int

    /// Reads the regular file at `path` (`RegularFile`: a FIFO or a device is refused, never waited on);
    /// the message of a thrown error says what is wrong, without the path.
    init(path: String) throws {
        let fd: Int32
        do { fd = try RegularFile.openForReading(path) } catch { throw FileBytesError(message: error.reason) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileBytesError(message: String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(size, 1))
        var done = 0
        while done < size {
            let n = read(fd, base + done, size - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let message = n == 0 ? "file shrank while being read" : String(cString: strerror(errno))
                base.deallocate()
                throw FileBytesError(message: message)
            }
            done += n
        }
        self.base = base
        count = size
    }

    init(_ bytes: [UInt8]) {
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBufferPointer { buffer in
            if let source = buffer.baseAddress { base.initialize(from: source, count: buffer.count) }
        }
        self.base = base
        count = bytes.count
    }

    deinit { base.deallocate() }
}

struct FileBytesError: Error {
    var message: String
}
