/// The utm parameters a URL carries (R4): names matched ignoring case, values
/// percent-decoded (`+` is a space) and trimmed. When a parameter appears twice
/// the first counts, even when it is empty.
public struct UtmTags: Hashable, Sendable {
    /// Parameter name lowercased (`utm_campaign`) → decoded, trimmed value.
    public private(set) var values: [String: String]

    public init(url: String) { self.init(parts: URLParts(url)) }

    public init(parts: URLParts) { self.init(query: Array((parts.query ?? "").utf8)) }

    /// The tags of a query's bytes (without the `?`).
    init(query: [UInt8]) {
        var values: [String: String] = [:]
        var start = 0
        while start < query.count {
            let end = query[start...].firstIndex(of: UInt8(ascii: "&")) ?? query.count
            let item = query[start..<end]
            let eq = item.firstIndex(of: UInt8(ascii: "="))
            let rawName = item[..<(eq ?? end)]
            // Most names are plain ASCII, where decoding changes nothing and lowercasing is
            // ASCII's: those are told from a utm parameter by their bytes, without a String.
            let plain = rawName.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "%") && $0 != UInt8(ascii: "+") }
            if plain && !Self.startsWithUtm(rawName) {
                start = end + 1
                continue
            }
            let name = plain ? String(decoding: rawName.map(Self.asciiLowercased), as: UTF8.self)
                             : Self.percentDecode(bytes: rawName).lowercased()
            if name.hasPrefix("utm_"), values[name] == nil {
                values[name] = Self.percentDecode(bytes: eq.map { item[($0 + 1)...] } ?? [])
                    .trimmed
            }
            start = end + 1
        }
        self.values = values
    }

    /// Whether ASCII bytes begin with `utm_`, ignoring case.
    private static func startsWithUtm(_ name: ArraySlice<UInt8>) -> Bool {
        guard name.count >= 4 else { return false }
        let i = name.startIndex
        return asciiLowercased(name[i]) == UInt8(ascii: "u") && asciiLowercased(name[i + 1]) == UInt8(ascii: "t")
            && asciiLowercased(name[i + 2]) == UInt8(ascii: "m") && name[i + 3] == UInt8(ascii: "_")
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// The raw (decoded, trimmed) utm_campaign value; nil when absent or empty (no tag).
    public var campaign: String? {
        guard let v = values["utm_campaign"], !v.isEmpty else { return nil }
        return v
    }

    /// R4's match key for a value: lowercased. Ids (`utm_id`) are never passed through here.
    public static func matchKey(_ value: String) -> String {
        // Most values are lowercase ASCII already: the same string, not a new one.
        var copy = value
        let lowercaseASCII = copy.withUTF8 { bytes in !bytes.contains { $0 >= 0x80 || (0x41...0x5A).contains($0) } }
        return lowercaseASCII ? copy : value.lowercased()
    }

    /// Decodes `%XX` sequences and `+`; malformed escapes stay as written,
    /// and byte sequences that are not UTF-8 become U+FFFD.
    public static func percentDecode<S: StringProtocol>(_ text: S) -> String {
        percentDecode(bytes: Array(text.utf8)[...])
    }

    static func percentDecode(bytes: ArraySlice<UInt8>) -> String {
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 65...70: return c - 55
            case 97...102: return c - 87
            default: return nil
            }
        }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if c == 43 { out.append(32); i += 1 }
            else if c == 37, bytes.endIndex - i > 2, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else { out.append(c); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes a query value: everything but unreserved characters (RFC 3986).
    public static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 48...57, 65...90, 97...122, 45, 46, 95, 126: out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                out += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
            }
        }
        return out
    }
}
