/// The byte layouts of RFC 4251 §5 that key files use: big-endian `uint32`s and
/// `string`s (a `uint32` length, then that many bytes).
struct SSHWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func uint32(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    mutating func string(_ value: some Collection<UInt8>) {
        uint32(UInt32(value.count))
        bytes += value
    }

    mutating func string(_ value: String) { string(Array(value.utf8)) }

    mutating func raw(_ value: some Collection<UInt8>) { bytes += value }
}

/// Reads what `SSHWireWriter` writes; every read is checked against the end.
struct SSHWireReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    /// The bytes not read yet.
    var rest: ArraySlice<UInt8> { bytes[offset...] }

    mutating func raw(_ count: Int) -> [UInt8]? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func uint32() -> UInt32? {
        raw(4).map { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }

    mutating func string() -> [UInt8]? {
        guard let length = uint32() else { return nil }
        return raw(Int(length))
    }

    mutating func text() -> String? {
        string().map { String(decoding: $0, as: UTF8.self) }
    }
}
