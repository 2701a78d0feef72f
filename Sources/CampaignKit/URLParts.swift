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

    public init(_ text: String) {
        var rest = Substring(text.trimmed)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if let sep = rest.range(of: "://") {
            scheme = String(rest[..<sep.lowerBound])
            rest = rest[sep.upperBound...]
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("/") {
            host = ""; path = String(rest); return
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        path = String(rest[slash...])
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let after = authority[authority.index(after: close)...]
            host = String(authority[...close])
            port = after.hasPrefix(":") ? String(after.dropFirst()) : nil
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = String(authority[authority.index(after: colon)...])
        } else {
            host = String(authority)
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
