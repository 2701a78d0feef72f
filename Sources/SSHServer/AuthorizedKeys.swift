import Foundation
import NIOSSH

/// The public keys an OpenSSH `authorized_keys` file lets in: ed25519 and ECDSA keys.
/// Lines it cannot honour are skipped and said, never half-honoured: another key type,
/// a damaged key, or an option that would restrict the key in a way this server does
/// not enforce (`from=`, `command=`, `no-pty`, …) — such a key is not let in at all.
public struct AuthorizedKeys: Sendable {
    /// A key that is let in, with the comment and line number it has in the file.
    public struct Entry: Sendable {
        public var key: NIOSSHPublicKey
        public var comment: String
        public var line: Int
    }

    /// A line that lets no key in, and why.
    public struct Skipped: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public private(set) var entries: [Entry] = []
    public private(set) var skipped: [Skipped] = []

    /// The key types let in, as the file names them.
    static let acceptedTypes: Set<String> = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"]

    /// Options that only take away what this server never gives (forwarding, `~/.ssh/rc`),
    /// or give back what it gives anyway: a key carrying them is let in as it is.
    static let harmlessOptions: Set<String> = [
        "no-agent-forwarding", "no-port-forwarding", "no-x11-forwarding", "no-user-rc",
        "agent-forwarding", "port-forwarding", "x11-forwarding", "user-rc", "pty",
    ]

    public init(parsing text: String) {
        // Split on LF alone, as sshd does (a CR before it is trimmed): "\r\n" is one Character in Swift.
        for (index, rawLine) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(String.UnicodeScalarView(rawLine)).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            switch Self.parse(line) {
            case .success(let (key, comment)): entries.append(Entry(key: key, comment: comment, line: index + 1))
            case .failure(let problem): skipped.append(Skipped(line: index + 1, reason: problem.reason))
            }
        }
    }

    /// The file's entry for this key, if the file lets it in.
    public func entry(for key: NIOSSHPublicKey) -> Entry? {
        entries.first { $0.key == key }
    }

    /// Reads and parses the file. A file that is missing, not a regular file, or lets no
    /// key in is an error: the server does not start on it.
    public static func load(from path: String) throws -> AuthorizedKeys {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw AuthorizedKeysError(path: path, reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        // A FIFO would be waited on forever; a folder is a mistake.
        guard status.st_mode & S_IFMT == S_IFREG else { throw AuthorizedKeysError(path: path, reason: "not a regular file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuthorizedKeysError(path: path, reason: "cannot be read")
        }
        let keys = AuthorizedKeys(parsing: String(decoding: data, as: UTF8.self))
        guard !keys.entries.isEmpty else {
            let why = keys.skipped.isEmpty ? "" : " (" + keys.skipped.map(\.description).joined(separator: "; ") + ")"
            throw AuthorizedKeysError(path: path, reason: "no ed25519 or ECDSA key to let in\(why)")
        }
        return keys
    }

    private struct Problem: Error { var reason: String }

    /// One line: `[options] type base64 [comment]`. As sshd does, a first word that is
    /// not a key type is the options.
    private static func parse(_ line: String) -> Result<(NIOSSHPublicKey, String), Problem> {
        var rest = Substring(line)
        var first = word(&rest)
        if !looksLikeKeyType(first) {
            if let refusal = refusal(ofOptions: first) { return .failure(Problem(reason: refusal)) }
            first = word(&rest)
        }
        let type = first
        let base64 = word(&rest)
        let comment = rest.trimmingCharacters(in: .whitespaces)
        guard acceptedTypes.contains(type) else {
            let what = type.isEmpty ? "no key" : type.hasSuffix("@openssh.com") ? "a \(type) key (certificates and security keys are not taken)"
                : looksLikeKeyType(type) ? "a \(type) key" : "not a key"
            return .failure(Problem(reason: "\(what); ed25519 and ECDSA keys are let in"))
        }
        do {
            return .success((try NIOSSHPublicKey(openSSHPublicKey: "\(type) \(base64)"), comment))
        } catch {
            return .failure(Problem(reason: "a damaged \(type) key"))
        }
    }

    private static func looksLikeKeyType(_ word: String) -> Bool {
        word.hasPrefix("ssh-") || word.hasPrefix("ecdsa-") || word.hasPrefix("sk-")
    }

    /// Why a key with these options is not let in, or nil when they are all harmless.
    static func refusal(ofOptions options: String) -> String? {
        let names = splitOptions(options).map { option in
            String(option.prefix { $0 != "=" }).lowercased()
        }
        if names.contains("restrict"), !names.contains("pty") {
            return "option restrict takes the terminal away (add pty to let the key in)"
        }
        if let other = names.first(where: { $0 != "restrict" && !harmlessOptions.contains($0) }) {
            return "option \(other) is not enforced by utmost serve, so the key is not let in"
        }
        return nil
    }

    /// Options are separated by commas outside double quotes (`from="a,b",no-pty`).
    static func splitOptions(_ options: String) -> [Substring] {
        var parts: [Substring] = []
        var start = options.startIndex
        var quoted = false
        var index = options.startIndex
        while index < options.endIndex {
            let character = options[index]
            if character == "\\", quoted, options.index(after: index) < options.endIndex {
                index = options.index(after: index)
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ",", !quoted {
                parts.append(options[start..<index])
                start = options.index(after: index)
            }
            index = options.index(after: index)
        }
        parts.append(options[start...])
        return parts.filter { !$0.isEmpty }
    }

    /// The next word: up to whitespace outside double quotes.
    private static func word(_ rest: inout Substring) -> String {
        rest = rest.drop { $0 == " " || $0 == "\t" }
        var quoted = false
        var end = rest.startIndex
        while end < rest.endIndex {
            let character = rest[end]
            if character == "\\", quoted, rest.index(after: end) < rest.endIndex {
                end = rest.index(after: end)
            } else if character == "\"" {
                quoted.toggle()
            } else if !quoted, character == " " || character == "\t" {
                break
            }
            end = rest.index(after: end)
        }
        defer { rest = rest[end...] }
        return String(rest[..<end])
    }
}

/// An `authorized_keys` file the server cannot start on, and why.
public struct AuthorizedKeysError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "authorized keys \(path): \(reason)" }
}
