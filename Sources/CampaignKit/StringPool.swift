#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct strings, each stored once as UTF-8 bytes and numbered in the order
/// first seen (0, 1, 2, …). A column of millions of cells then holds small
/// integers, and equal cells compare as equal numbers.
///
/// Interning works on raw bytes (a CSV cell, an SQLite column) so that no
/// `String` is made for a value already in the pool. The hash index is built
/// only when something is interned: a pool loaded to be read never hashes.
public struct StringPool: Sendable {
    /// Every string's bytes, back to back.
    public private(set) var utf8: [UInt8] = []
    /// End offset in `utf8` of each string; string `i` starts where `i - 1` ends.
    public private(set) var ends: [Int] = []
    /// Open-addressed hash index: a string number, or -1 for an empty slot. Empty until first needed.
    private var slots: [Int32] = []
    /// The number `intern` returned last: a column often repeats its previous cell (one visitor's events).
    private var lastInterned: Int32 = -1

    public init() {}

    /// A pool holding `strings`, numbered in order. Duplicates are kept as given (they are never interned twice).
    public init<S: Sequence>(_ strings: S) where S.Element == String {
        for var s in strings { s.withUTF8 { append(UnsafeRawBufferPointer($0)) } }
    }

    public subscript(number: Int32) -> String {
        withBytes(of: number) { String(decoding: $0, as: UTF8.self) }
    }

    /// Where string `number` starts in `utf8`; `count` gives the end of the last.
    public func byteOffset(of number: Int) -> Int { number == 0 ? 0 : ends[number - 1] }

    /// Calls `body` with the string's bytes, without making a `String`.
    public func withBytes<R>(of number: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let i = Int(number)
        return try utf8.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[byteOffset(of: i)..<ends[i]])) }
    }

    /// The number of `bytes`, added when new.
    public mutating func intern(bytes: UnsafeRawBufferPointer) -> Int32 {
        if lastInterned >= 0, withBytes(of: lastInterned, { Self.equal($0, bytes) }) { return lastInterned }
        lastInterned = find(bytes)
        return lastInterned
    }

    private mutating func find(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        if slots.count < 2 * (count + 1) { rebuildIndex(capacity: 4 * (count + 1)) }
        let (existing, slot) = probe(bytes)
        if existing >= 0 { return existing }
        append(bytes)
        slots[slot] = Int32(count - 1)
        return Int32(count - 1)
    }

    /// The number of `bytes` when the pool holds them, without adding them.
    public mutating func number(ofBytes bytes: UnsafeRawBufferPointer) -> Int32? {
        prepareIndex()
        let existing = probe(bytes).number
        return existing >= 0 ? existing : nil
    }

    /// Builds the hash index now when it is missing, so that copies made from here on for
    /// lookups (`number(ofBytes:)` on a copy, which never adds) share it instead of each
    /// building and dropping its own.
    public mutating func prepareIndex() {
        if slots.isEmpty || slots.count < 2 * count { rebuildIndex(capacity: 4 * (count + 1)) }
    }

    /// The number of `bytes` (-1 when absent) and the slot that holds it or would.
    private func probe(_ bytes: UnsafeRawBufferPointer) -> (number: Int32, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        while true {
            let existing = slots[slot]
            if existing < 0 || withBytes(of: existing, { Self.equal($0, bytes) }) { return (existing, slot) }
            slot = (slot + 1) & mask
        }
    }

    public mutating func intern(_ string: String) -> Int32 {
        var s = string
        return s.withUTF8 { intern(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Adds `other`'s strings after this pool's, numbered on. They must not be in this pool already.
    public mutating func append(contentsOf other: StringPool) {
        let base = utf8.count
        utf8.append(contentsOf: other.utf8)
        ends.append(contentsOf: other.ends.lazy.map { $0 + base })
        slots = []
        lastInterned = -1
    }

    /// A pool from its raw parts, as `utf8` and `ends` give them. Nil when they do not fit together.
    public init?(utf8: [UInt8], ends: [Int]) {
        var previous = 0
        for end in ends {
            guard end >= previous, end <= utf8.count else { return nil }
            previous = end
        }
        guard previous == utf8.count else { return nil }
        self.utf8 = utf8
        self.ends = ends
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        utf8.append(contentsOf: bytes)
        ends.append(utf8.count)
    }

    private mutating func rebuildIndex(capacity: Int) {
        var size = 16
        while size < capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for n in 0..<count {
            var slot = Int(truncatingIfNeeded: withBytes(of: Int32(n), Self.hash)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(n)
        }
    }

    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// A fast non-cryptographic hash, eight bytes at a time; the index only needs a good spread.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }
}

extension StringPool: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }
    public subscript(i: Int) -> String { self[Int32(i)] }
}

extension StringPool: Equatable {
    public static func == (a: StringPool, b: StringPool) -> Bool { a.utf8 == b.utf8 && a.ends == b.ends }
}
