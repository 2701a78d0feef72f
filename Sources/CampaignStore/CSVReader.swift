import Foundation

/// One cell of the current record: a byte range of the file, already trimmed.
public struct CSVCell: Sendable {
    /// Byte offsets of the trimmed content (quotes excluded).
    var start: Int
    var end: Int
    /// Raw extent in the file, quotes included, for locating bad bytes.
    var rawStart: Int
    var rawEnd: Int
    /// 1-based line on which the cell starts.
    public var line: Int
    /// True when the content holds doubled quotes (`""`) still to be undone.
    var escaped: Bool
}

/// A strict, fast RFC 4180 reader over a file's bytes.
///
/// It skips a UTF-8 byte order mark, accepts CRLF, LF and lone CR line ends,
/// quoted cells with embedded line breaks and doubled quotes, and trims every
/// cell. Blank lines are skipped. It knows the line and column of every cell,
/// and refuses invalid UTF-8, control characters (NUL, ESC, ... but tab and
/// line ends; see `UTF8Check`), an unterminated quote, text after a closing
/// quote and a `"` inside an unquoted cell with a located `DataFileError`.
/// An error in a quoted cell that spans several lines names the line on which
/// the cell starts (SPEC §7). It never hangs: every step consumes input.
public final class CSVReader {
    public let fileName: String
    let bytes: FileBytes
    private let p: UnsafeMutablePointer<UInt8>
    private let end: Int
    private var pos: Int
    private var nextLine = 1
    /// Offset of the first byte that is not valid UTF-8, or a NUL; nil when the file is clean.
    private let firstBadByte: Int?
    private var unescapeBuffer: [UInt8] = []

    /// The cells of the record last read by `nextRecord()`. Unchecked for exclusive access
    /// (nothing reads them while `nextRecord()` replaces them, and a reader is one thread's):
    /// the run-time check on every read of a cell cost a pass over an events file a tenth of its time.
    @exclusivity(unchecked) public private(set) var cells: [CSVCell] = []
    /// The 1-based line the current record starts on.
    public private(set) var line = 0

    /// How much of the file the records read so far take, 0...1.
    public var fractionRead: Double { end == 0 ? 1 : Double(pos) / Double(end) }

    /// The line feeds left to read: at least the records left, at most a few more (a quoted
    /// cell may hold line feeds), for sizing what they fill. A pass of `memchr`, a millisecond
    /// for a file of 100k contacts.
    var lineFeedsLeft: Int {
        var count = 0, at = pos
        while at < end, let found = memchr(p + at, 0x0A, end - at) {
            count += 1
            at = p.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }

    public convenience init(path: String, fileName: String) throws {
        let bytes: FileBytes
        do { bytes = try FileBytes(path: path) } catch let error as FileBytesError {
            throw DataFileError(file: fileName, message: "cannot read the file: \(error.message)")
        }
        self.init(bytes: bytes, fileName: fileName)
    }

    public convenience init(data: [UInt8], fileName: String) {
        self.init(bytes: FileBytes(data), fileName: fileName)
    }

    convenience init(bytes: FileBytes, fileName: String) {
        let hasBOM = bytes.count >= 3 && bytes.base[0] == 0xEF && bytes.base[1] == 0xBB && bytes.base[2] == 0xBF
        let start = hasBOM ? 3 : 0
        self.init(bytes: bytes, fileName: fileName, start: start,
                  firstBadByte: UTF8Check.firstInvalidOffset(bytes.base, from: start, to: bytes.count))
    }

    private init(bytes: FileBytes, fileName: String, start: Int, firstBadByte: Int?) {
        self.bytes = bytes
        self.fileName = fileName
        p = bytes.base
        end = bytes.count
        pos = start
        self.firstBadByte = firstBadByte
        cells.reserveCapacity(16)
    }

    /// A reader of the same bytes from their first record, without checking their UTF-8 again.
    func rewound() -> CSVReader {
        let hasBOM = end >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF
        return CSVReader(bytes: bytes, fileName: fileName, start: hasBOM ? 3 : 0, firstBadByte: firstBadByte)
    }

    /// Reads the next record into `cells`; false at the end of the file.
    ///
    /// The scan works on local copies of the position and line, written back
    /// at the end: class properties would pay an exclusivity check per byte.
    public func nextRecord() throws -> Bool {
        let p = self.p, end = self.end
        var pos = self.pos, line = nextLine
        var cells = self.cells
        self.cells = []
        cells.removeAll(keepingCapacity: true)
        defer {
            self.pos = pos
            nextLine = line
            self.cells = cells
        }
        func consumeLineEnd() {
            if p[pos] == 13, pos + 1 < end, p[pos + 1] == 10 { pos += 2 } else { pos += 1 }
            line += 1
        }
        while pos < end, p[pos] == 10 || p[pos] == 13 { consumeLineEnd() }
        guard pos < end else { return false }
        let recordStart = pos
        self.line = line
        var column = 1
        while true {
            let cellLine = line
            let rawStart = pos
            while pos < end, p[pos] == 32 || p[pos] == 9 { pos += 1 }
            if pos < end, p[pos] == 34 {
                pos += 1
                var s = pos
                var escaped = false
                while true {
                    guard pos < end else {
                        throw DataFileError(file: fileName, line: cellLine, column: column,
                                            message: "unterminated quoted cell: the closing \" is missing")
                    }
                    let c = p[pos]
                    if c == 34 {
                        if pos + 1 < end, p[pos + 1] == 34 { escaped = true; pos += 2; continue }
                        break
                    }
                    if c == 10 || (c == 13 && !(pos + 1 < end && p[pos + 1] == 10)) { line += 1 }
                    pos += 1
                }
                var e = pos
                pos += 1
                while pos < end, p[pos] == 32 || p[pos] == 9 { pos += 1 }
                if pos < end, p[pos] != 44, p[pos] != 10, p[pos] != 13 {
                    throw DataFileError(file: fileName, line: cellLine, column: column,
                                        message: "unexpected text after a closing quote; a quote inside a quoted cell is written \"\"")
                }
                while s < e, Self.isSpace(p[s]) { s += 1 }
                while e > s, Self.isSpace(p[e - 1]) { e -= 1 }
                cells.append(CSVCell(start: s, end: e, rawStart: rawStart, rawEnd: pos, line: cellLine, escaped: escaped))
            } else {
                let s = pos
                while pos + 8 <= end, !Self.holdsCellEnd(UnsafeRawPointer(p + pos).loadUnaligned(as: UInt64.self)) { pos += 8 }
                while pos < end {
                    let c = p[pos]
                    if c == 44 || c == 10 || c == 13 { break }
                    if c == 34 {
                        throw DataFileError(file: fileName, line: cellLine, column: column,
                                            message: "a \" inside an unquoted cell; quote the whole cell and write the quote as \"\" (RFC 4180)")
                    }
                    pos += 1
                }
                var e = pos
                while e > s, p[e - 1] == 32 || p[e - 1] == 9 { e -= 1 }
                cells.append(CSVCell(start: s, end: e, rawStart: rawStart, rawEnd: pos, line: cellLine, escaped: false))
            }
            if pos < end, p[pos] == 44 {
                pos += 1
                column += 1
                continue
            }
            if pos < end { consumeLineEnd() }
            break
        }
        if let bad = firstBadByte, bad >= recordStart, bad < pos {
            throw badByteError(at: bad, in: cells)
        }
        return true
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }

    /// Whether any of these 8 bytes is one an unquoted cell stops at (`,`, a line end) or
    /// refuses (`"`): the scan skips 8 bytes at a time until one is, then goes byte by byte.
    /// A byte of `word ^ repeated(b)` is 0 where the byte is `b`, which the classic test for
    /// a zero byte finds without false answers. A pass over an events file takes a seventh less time.
    @inline(__always)
    private static func holdsCellEnd(_ word: UInt64) -> Bool {
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
        return zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
            | zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D) | zeroBytes(word ^ 0x2222_2222_2222_2222) != 0
    }

    /// The bad byte's cell, located by the line on which that cell starts.
    private func badByteError(at offset: Int, in cells: [CSVCell]) -> DataFileError {
        let column = (cells.firstIndex { offset >= $0.rawStart && offset < $0.rawEnd } ?? cells.count - 1) + 1
        let b = p[offset]
        let what: String
        if b == 0 {
            what = "a NUL byte"
        } else if b < 0x20 || b == 0x7F {
            what = "the control character U+00\(b < 0x10 ? "0" : "")\(String(b, radix: 16, uppercase: true))"
        } else if b == 0xC2, offset + 1 < end, (0x80...0x9F).contains(p[offset + 1]) {
            what = "the control character U+00\(String(p[offset + 1], radix: 16, uppercase: true))"
        } else {
            what = "bytes that are not valid UTF-8"
        }
        return DataFileError(file: fileName, line: cells[column - 1].line, column: column,
                             message: "the file holds \(what); data files must be UTF-8 text without control characters")
    }

    // MARK: Cell access

    /// The cell's text; nil when the record has no such cell or it is empty.
    public func string(_ index: Int) -> String? {
        guard index < cells.count else { return nil }
        let cell = cells[index]
        guard cell.start < cell.end else { return nil }
        return withBytes(cell) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the record has this cell and it is not empty.
    @inline(__always)
    public func isPresent(_ index: Int) -> Bool {
        index < cells.count && cells[index].start < cells[index].end
    }

    /// Calls `body` with the cell's bytes (quotes undone); nil when missing or empty.
    public func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard index < cells.count else { return nil }
        let cell = cells[index]
        guard cell.start < cell.end else { return nil }
        return try withBytes(cell, body)
    }

    private func withBytes<R>(_ cell: CSVCell, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if !cell.escaped { return try body(UnsafeBufferPointer(start: p + cell.start, count: cell.end - cell.start)) }
        unescapeBuffer.removeAll(keepingCapacity: true)
        var i = cell.start
        while i < cell.end {
            unescapeBuffer.append(p[i])
            i += p[i] == 34 ? 2 : 1
        }
        return try unescapeBuffer.withUnsafeBufferPointer(body)
    }
}
