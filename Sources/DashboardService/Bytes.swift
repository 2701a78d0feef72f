import Foundation

/// Bytes written field after field: integers as zigzag LEB128 varints, strings as their
/// UTF-8 length and bytes. What `ByteReader` reads back, in the same order.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int64) {
        var rest = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func int(_ value: Int) { int(Int64(value)) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        let utf8 = value.utf8
        int(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    /// A flag, then the value when there is one.
    mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    /// The count, then each element.
    mutating func array<T>(_ values: [T], _ write: (inout ByteWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}

/// Reads what `ByteWriter` wrote; throws `ByteReader.Malformed` where the bytes end early
/// or hold what the writer never writes, so that a damaged file is an error, not a crash.
struct ByteReader {
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var what: String
        var description: String { "\(what) at byte \(offset)" }
    }

    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int() throws -> Int64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw Malformed(offset: offset, what: "the bytes end inside a number") }
            guard shift < 64 else { throw Malformed(offset: offset, what: "a number longer than 64 bits") }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    /// An integer that must be a count or an index: 0 up to what the remaining bytes could hold.
    mutating func count() throws -> Int {
        let start = offset
        let value: Int64 = try int()
        guard value >= 0, value <= Int64(bytes.count - offset) else { throw Malformed(offset: start, what: "a count of \(value)") }
        return Int(value)
    }

    mutating func int() throws -> Int { Int(try int() as Int64) }

    mutating func bool() throws -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Malformed(offset: offset, what: "not a flag") }
        offset += 1
        return bytes[offset - 1] == 1
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    mutating func optional<T>(_ read: (inout ByteReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout ByteReader) throws -> T) throws -> [T] {
        let count = try count()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }
}
