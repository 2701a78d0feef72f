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
