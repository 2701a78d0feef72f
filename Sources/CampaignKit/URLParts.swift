/// The pieces of a URL that the campaign rules look at, split without any
/// normalisation beyond what R4 and R12 ask for.
public struct URLParts: Hashable, Sendable {
    public var scheme: String?
    /// Userinfo and port removed; case as written.
    public var host: String
    public var port: String?
    /// As written, not percent-decoded; may be empty.
    public var path: String
    /// Without the `?`; nil when there is no `?`.
    public var query: String?
    /// Without the `#`; nil when there is no `#`.
    public var fragment: String?

    /// Splits on the ASCII delimiters byte by byte (a URL has millions of
    /// views but few thousand distinct spellings, each parsed once).
    public init(_ text: String) {
        let bytes = Array(text.trimmed.utf8)
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func starts(_ prefix: StaticString, at i: Int, before end: Int) -> Bool {
            let n = prefix.utf8CodeUnitCount
            guard end - i >= n else { return false }
            return (0..<n).allSatisfy { bytes[i + $0] == prefix.utf8Start[$0] }
        }
        var end = bytes.count
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = string(hash + 1..<end)
            end = hash
        }
        if let q = bytes[..<end].firstIndex(of: UInt8(ascii: "?")) {
            query = string(q + 1..<end)
            end = q
        }
        var start = 0
        if let sep = (0..<end).first(where: { starts("://", at: $0, before: end) }) {
            scheme = string(0..<sep)
            start = sep + 3
        } else if starts("//", at: 0, before: end) {
            start = 2
        } else if starts("/", at: 0, before: end) {
            host = ""; path = string(0..<end); return
        }
        let slash = bytes[start..<end].firstIndex(of: UInt8(ascii: "/")) ?? end
        path = string(slash..<end)
        var authority = start..<slash
        if let at = bytes[authority].lastIndex(of: UInt8(ascii: "@")) { authority = at + 1..<slash }
        if bytes[authority].first == UInt8(ascii: "["), let close = bytes[authority].firstIndex(of: UInt8(ascii: "]")) {
            host = string(authority.lowerBound..<close + 1)
            port = close + 1 < slash && bytes[close + 1] == UInt8(ascii: ":") ? string(close + 2..<slash) : nil
        } else if let colon = bytes[authority].lastIndex(of: UInt8(ascii: ":")) {
            host = string(authority.lowerBound..<colon)
            port = string(colon + 1..<slash)
        } else {
            host = string(authority)
        }
    }

    /// Query items in order, names and values still percent-encoded.
    public var rawQueryItems: [(name: Substring, value: Substring)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { item in
            if let eq = item.firstIndex(of: "=") {
                return (item[..<eq], item[item.index(after: eq)...])
            }
            return (item, Substring(""))
        }
    }
}

/// R12's page key: host lowercased without a leading `www.`, then the path
/// without trailing `/` (the root is `/`). Scheme, port, query and fragment do not count.
public struct PageKey: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var path: String

    public init(host: String, path: String) { self.host = host; self.path = path }

    public init(url: String) { self.init(parts: URLParts(url)) }

    public init(parts: URLParts) {
        var h = parts.host.lowercased()
        if h.hasPrefix("www.") { h.removeFirst(4) }
        var p = Substring(parts.path)
        while p.hasSuffix("/") { p = p.dropLast() }
        host = h
        path = p.isEmpty ? "/" : String(p)
    }

    public var description: String { host + path }
}

extension PageKey {
    /// The page key and the utm parameters of the URL with these UTF-8 bytes: what
    /// `PageKey(parts:)` and `UtmTags(parts:)` give for `URLParts` of the URL, read from the
    /// bytes themselves when the URL is plain ASCII with nothing to trim at either end (as
    /// nearly every URL is): no String for the parts the rules never look at, and none for
    /// the whole URL. Any other URL goes through `URLParts`. The engine reads tens of
    /// thousands of distinct URLs so (#17); `UtmAndURLTests` holds the two ways equal.
    public static func withTags(ofURL bytes: UnsafeRawBufferPointer) -> (page: PageKey, tags: UtmTags) {
        let visible: ClosedRange<UInt8> = 0x21...0x7E
        guard let first = bytes.first, let last = bytes.last, visible.contains(first), visible.contains(last),
              bytes.allSatisfy({ $0 < 0x80 }) else {
            let parts = URLParts(String(decoding: bytes, as: UTF8.self))
            return (PageKey(parts: parts), UtmTags(parts: parts))
        }
        func index(of byte: UInt8, in range: Range<Int>) -> Int? { range.first { bytes[$0] == byte } }
        func starts(_ prefix: StaticString, at i: Int, before end: Int) -> Bool {
            let n = prefix.utf8CodeUnitCount
            return end - i >= n && (0..<n).allSatisfy { bytes[i + $0] == prefix.utf8Start[$0] }
        }
        // As `URLParts.init`: the fragment, then the query, then scheme, authority and path.
        var end = index(of: UInt8(ascii: "#"), in: 0..<bytes.count) ?? bytes.count
        var tags = UtmTags(query: [])
        if let q = index(of: UInt8(ascii: "?"), in: 0..<end) {
            tags = UtmTags(query: Array(bytes[q + 1..<end]))
            end = q
        }
        var start = 0
        if let sep = (0..<end).first(where: { starts("://", at: $0, before: end) }) {
            start = sep + 3
        } else if starts("//", at: 0, before: end) {
            start = 2
        } else if starts("/", at: 0, before: end) {
            return (PageKey(host: "", pathBytes: bytes, 0..<end), tags)
        }
        let slash = index(of: UInt8(ascii: "/"), in: start..<end) ?? end
        var authority = start..<slash
        if let at = authority.last(where: { bytes[$0] == UInt8(ascii: "@") }) { authority = at + 1..<slash }
        var host = authority
        if bytes[authority].first == UInt8(ascii: "["), let close = index(of: UInt8(ascii: "]"), in: authority) {
            host = authority.lowerBound..<close + 1
        } else if let colon = authority.last(where: { bytes[$0] == UInt8(ascii: ":") }) {
            host = authority.lowerBound..<colon
        }
        // R12: the host lowercased (ASCII's), without one leading `www.`.
        var lowered = bytes[host].map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 }
        if lowered.starts(with: Array("www.".utf8)) { lowered.removeFirst(4) }
        return (PageKey(host: String(decoding: lowered, as: UTF8.self), pathBytes: bytes, slash..<end), tags)
    }

    /// A page key of `host` and the path in `range` of `bytes`, without its trailing `/`s (the root is `/`).
    private init(host: String, pathBytes bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        var end = range.upperBound
        while end > range.lowerBound && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        self.init(host: host, path: end == range.lowerBound ? "/" : String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range.lowerBound..<end]), as: UTF8.self))
    }
}
