import CampaignStore
import Foundation

/// Where a PostgreSQL store is and how to log in, from a URL as libpq takes it:
/// `postgresql://[user[:password]@][host][:port][/database][?sslmode=…]`.
///
/// What the URL leaves out comes from where PostgreSQL users expect it: the user from
/// `PGUSER`, else the login name; the host from `PGHOST`, else localhost; the port from
/// `PGPORT`, else 5432; the database from `PGDATABASE`, else the user's name; the password
/// from `PGPASSWORD`, else the matching line of `~/.pgpass` (or `PGPASSFILE`). A host that
/// is a folder (`/var/run/postgresql`, percent-encoded in the URL's host or given as
/// `?host=`) is the server's Unix socket there.
///
/// The password is never part of `label`, which is what every message prints.
public struct PostgresLocation: Hashable, Sendable {
    /// TLS as libpq's `sslmode` asks for it.
    public enum SSLMode: String, Hashable, Sendable, CaseIterable {
        /// Never.
        case disable
        /// When the server offers it (libpq's `allow` and `prefer`), without checking its certificate.
        case prefer
        /// Always, without checking the server's certificate.
        case require
        /// Always, the certificate checked against the system's trusted roots.
        case verifyCA = "verify-ca"
        /// Always, the certificate checked and its name matched to the host.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    /// A host name or address, or the folder of a Unix socket (it starts with `/`).
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// How long connecting may take, all of it (TCP, TLS, logging in).
    public var connectTimeout: TimeInterval

    /// The longest a connection may take: a command that cannot reach its store says so within ten seconds.
    static let longestConnect: TimeInterval = 8

    /// Whether `text` is a PostgreSQL URL rather than a file's path.
    public static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// The URL without its password, and without what it does not need to say: for messages.
    public var label: String {
        let shownHost = host.contains(":") && !host.hasPrefix("/") ? "[\(host)]" : host
        let hostPart = host.hasPrefix("/") ? Self.encode(host, keeping: Self.unreserved) : shownHost
        return "postgresql://\(Self.encode(user, keeping: Self.unreserved))@\(hostPart):\(port)/\(Self.encode(database, keeping: Self.unreserved))"
    }

    /// Where the server is, for messages: "localhost:5432", or the socket's folder.
    public var server: String {
        host.hasPrefix("/") ? "the Unix socket in \(host) (port \(port))" : "\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// The socket file of a Unix-socket host, as the server names it.
    var socketPath: String? {
        host.hasPrefix("/") ? URL(fileURLWithPath: host).appendingPathComponent(".s.PGSQL.\(port)").path : nil
    }

    /// Parses `url`, filling what it leaves out from `environment` and the password file.
    /// Throws `StoreError.badLocation` naming what is wrong (never the password).
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let schemeEnd = url.range(of: "://"), Self.isURL(url) else {
            throw StoreError.badLocation("\(Self.redacted(url)) is not a postgresql:// URL")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        var parameters: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            parameters = try Self.parameters(rest[rest.index(after: question)...], url: url)
            rest = rest[..<question]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        let (urlHost, urlPort) = try Self.hostAndPort(rest, url: url)

        var urlUser: String?, urlPassword: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                urlUser = try Self.decode(userInfo[..<colon], "user name", url: url)
                urlPassword = try Self.decode(userInfo[userInfo.index(after: colon)...], "password", url: url)
            } else {
                urlUser = try Self.decode(userInfo, "user name", url: url)
            }
        }
        let urlDatabase = try Self.decode(path, "database name", url: url)

        func given(_ values: String?...) -> String? { values.first { $0 != nil && !$0!.isEmpty } ?? nil }
        user = given(parameters["user"], urlUser, environment["PGUSER"]) ?? Self.loginName(environment)
        host = given(parameters["host"], urlHost, environment["PGHOST"]) ?? "localhost"
        let portText = given(parameters["port"], urlPort, environment["PGPORT"]) ?? "5432"
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw StoreError.badLocation("the port \"\(portText)\" of \(Self.redacted(url)) is not a port number (1 to 65535)")
        }
        self.port = port
        database = given(parameters["dbname"], urlDatabase, environment["PGDATABASE"]) ?? user
        let modeText = given(parameters["sslmode"], environment["PGSSLMODE"]) ?? "prefer"
        switch modeText {
        case "allow", "prefer": sslMode = .prefer
        default:
            guard let mode = SSLMode(rawValue: modeText) else {
                throw StoreError.badLocation("sslmode \"\(modeText)\" of \(Self.redacted(url)) is not one of disable, allow, prefer, require, verify-ca, verify-full")
            }
            sslMode = mode
        }
        let timeoutText = given(parameters["connect_timeout"], environment["PGCONNECT_TIMEOUT"]) ?? String(Int(Self.longestConnect))
        guard let timeout = Int(timeoutText), timeout >= 0 else {
            throw StoreError.badLocation("connect_timeout \"\(timeoutText)\" of \(Self.redacted(url)) is not a number of seconds")
        }
        // libpq's 0 means "wait forever"; a server that does not answer is said within seconds instead.
        connectTimeout = timeout == 0 ? Self.longestConnect : min(TimeInterval(timeout), Self.longestConnect)
        password = given(parameters["password"], urlPassword, environment["PGPASSWORD"])
            ?? PasswordFile(environment: environment)?.password(host: host, port: port, database: database, user: user)
    }

    /// The query's parameters; one utmost does not know is refused, as libpq refuses it.
    private static func parameters(_ query: Substring, url: String) throws -> [String: String] {
        let known: Set<String> = ["sslmode", "host", "port", "user", "password", "dbname", "connect_timeout", "application_name"]
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decode(parts[0], "parameter name", url: url)
            guard known.contains(name) else {
                throw StoreError.badLocation("\(redacted(url)) has the parameter \"\(name)\", which utmost does not know (it knows \(known.sorted().joined(separator: ", ")))")
            }
            parameters[name] = parts.count > 1 ? try decode(parts[1], name, url: url) : ""
        }
        return parameters
    }

    private static func hostAndPort(_ text: Substring, url: String) throws -> (host: String?, port: String?) {
        guard !text.isEmpty else { return (nil, nil) }
        if text.contains(",") {
            throw StoreError.badLocation("\(redacted(url)) names several hosts; utmost connects to one")
        }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw StoreError.badLocation("\(redacted(url)) has a \"[\" without its \"]\" around an IPv6 address")
            }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else {
                throw StoreError.badLocation("\(redacted(url)) has something other than a port after its IPv6 address")
            }
            return (host, after.isEmpty ? nil : String(after.dropFirst()))
        }
        if let colon = text.lastIndex(of: ":") {
            return (try decode(text[..<colon], "host", url: url), String(text[text.index(after: colon)...]))
        }
        return (try decode(text, "host", url: url), nil)
    }

    private static func decode(_ text: Substring, _ what: String, url: String) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw StoreError.badLocation("the \(what) in \(redacted(url)) has a malformed percent escape")
        }
        return decoded
    }

    /// The user's login name, libpq's default user.
    private static func loginName(_ environment: [String: String]) -> String {
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        return NSUserName()
    }

    /// `url` with any password replaced by `***`: for a message about a URL that does not parse.
    public static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
        var result = url
        if let at = afterScheme[..<authorityEnd].lastIndex(of: "@"),
           let colon = afterScheme[..<at].firstIndex(of: ":") {
            result.replaceSubrange(afterScheme.index(after: colon)..<at, with: "***")
        }
        if let range = result.range(of: #"([?&])password=[^&]*"#, options: .regularExpression) {
            let separator = result[range].first!
            result.replaceSubrange(range, with: "\(separator)password=***")
        }
        return result
    }

    private static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    private static func encode(_ text: String, keeping allowed: CharacterSet) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
