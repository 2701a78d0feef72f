import CampaignKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one CSV file (RFC 4180) fast: cells are formatted straight into a
/// byte buffer, which goes to the file in large chunks. No String is made per
/// cell; instants are formatted from their integer parts.
public final class CSVFileWriter {
    public let path: String
    private let fd: Int32
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var atRowStart = true
    /// Bytes handed to the file so far, the buffer's content included.
    public var bytesWritten: Int { flushed + count }
    private var flushed = 0
    private var closed = false

    /// Creates (or truncates) the file at `path` and writes the header row.
    public init(path: String, header: [String], bufferSize: Int = 1 << 20) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, message: String(cString: strerror(errno))) }
        capacity = max(bufferSize, 4096)
        buffer = .allocate(capacity: capacity)
        for name in header { cell(name) }
        endRow()
    }

    deinit {
        if !closed { _ = try? close() }
        buffer.deallocate()
    }

    /// Writes what is buffered and closes the file.
    public func close() throws {
        guard !closed else { return }
        closed = true
        defer { _ = Glibc.close(fd) }
        try flush()
    }

    private func flush() throws {
        var offset = 0
        while offset < count {
            let n = write(fd, buffer + offset, count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, message: String(cString: strerror(errno)))
            }
            offset += n
        }
        flushed += count
        count = 0
    }

    /// Room for `n` more bytes, flushing when the buffer is full.
    @inline(__always)
    private func reserve(_ n: Int) {
        if count + n > capacity {
            // A write error here is reported by close(), which flushes again.
            do { try flush() } catch { count = 0 }
        }
    }

    @inline(__always)
    private func separator() {
        if atRowStart { atRowStart = false; return }
        reserve(1)
        buffer[count] = 44
        count += 1
    }

    /// Ends the current row.
    public func endRow() {
        reserve(1)
        buffer[count] = 10
        count += 1
        atRowStart = true
    }

    /// An empty cell.
    public func empty() { separator() }

    /// A text cell, quoted when it holds a comma, a quote or a line break; nil is an empty cell.
    public func cell(_ text: String?) {
        separator()
        guard var text else { return }
        if text.utf8.withContiguousStorageIfAvailable({ put($0) }) == nil {
            text.makeContiguousUTF8()
            text.utf8.withContiguousStorageIfAvailable { put($0) }
        }
    }

    /// A text cell from a substring.
    public func cell(_ text: Substring) { cell(String(text)) }

    private func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for b in bytes where b == 44 || b == 34 || b == 10 || b == 13 { needsQuotes = true; break }
        if !needsQuotes {
            if bytes.count > capacity / 2 { putLarge(bytes); return }
            reserve(bytes.count)
            (buffer + count).update(from: bytes.baseAddress!, count: bytes.count)
            count += bytes.count
            return
        }
        putByte(34)
        for b in bytes {
            if b == 34 { putByte(34) }
            putByte(b)
        }
        putByte(34)
    }

    private func putLarge(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes { putByte(b) }
    }

    @inline(__always)
    private func putByte(_ b: UInt8) {
        reserve(1)
        buffer[count] = b
        count += 1
    }

    /// A list cell: items separated by `;` (SPEC §8).
    public func list(_ items: [String]) {
        cell(items.isEmpty ? nil : items.joined(separator: ";"))
    }

    public func cell(_ value: Int) {
        separator()
        putInt(value, minDigits: 1)
    }

    public func cell(_ value: Decimal?) {
        cell(value.map { "\($0)" })
    }

    public func cell(_ date: CalendarDate?) {
        separator()
        guard let date else { return }
        putDate(year: date.year, month: date.month, day: date.day)
    }

    /// `2024-03-05T14:30:00Z`, with a fraction of a second only when there is one
    /// (the same text as `Instant.iso8601`).
    public func cell(_ instant: Instant?) {
        separator()
        guard let instant else { return }
        let micros = instant.microseconds
        var secs = micros / 1_000_000
        var frac = micros - secs * 1_000_000
        if frac < 0 { secs -= 1; frac += 1_000_000 }
        var day = secs / 86_400
        var secOfDay = secs - day * 86_400
        if secOfDay < 0 { day -= 1; secOfDay += 86_400 }
        let date = CalendarDate(dayNumber: day)
        putDate(year: date.year, month: date.month, day: date.day)
        reserve(9)
        let s = Int(secOfDay)
        buffer[count] = 84
        put2(s / 3600, at: count + 1)
        buffer[count + 3] = 58
        put2(s / 60 % 60, at: count + 4)
        buffer[count + 6] = 58
        put2(s % 60, at: count + 7)
        count += 9
        if frac != 0 {
            var digits = 6
            var f = Int(frac)
            while f % 10 == 0 { f /= 10; digits -= 1 }
            putByte(46)
            putInt(f, minDigits: digits)
        }
        putByte(90)
    }

    @inline(__always)
    private func put2(_ v: Int, at i: Int) {
        buffer[i] = UInt8(48 + v / 10)
        buffer[i + 1] = UInt8(48 + v % 10)
    }

    private func putDate(year: Int, month: Int, day: Int) {
        if year < 0 || year > 9999 {
            let text = CalendarDate(year: year, month: month, day: day).description
            for b in text.utf8 { putByte(b) }
            return
        }
        reserve(10)
        buffer[count] = UInt8(48 + year / 1000)
        buffer[count + 1] = UInt8(48 + year / 100 % 10)
        put2(year % 100, at: count + 2)
        buffer[count + 4] = 45
        put2(month, at: count + 5)
        buffer[count + 7] = 45
        put2(day, at: count + 8)
        count += 10
    }

    private func putInt(_ value: Int, minDigits: Int) {
        var v = value.magnitude
        var n = 0
        var probe = v
        repeat { n += 1; probe /= 10 } while probe > 0
        n = max(n, minDigits)
        reserve(n + 1)
        if value < 0 { buffer[count] = 45; count += 1 }
        var j = count + n - 1
        while j >= count {
            buffer[j] = UInt8(48 + v % 10)
            v /= 10
            j -= 1
        }
        count += n
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "cannot write \(path): \(message)" }
    }
}
