import Foundation

/// libpq's password file, `~/.pgpass` or `PGPASSFILE`: lines of
/// `hostname:port:database:username:password`, where `*` matches anything and `\`
/// escapes `:` and `\`; the first line that matches gives the password. As libpq does,
/// a file that others can read is not used, and `localhost` also matches a Unix socket.
struct PasswordFile {
    let path: String

    /// The file the environment names, or `~/.pgpass`; nil when there is none to read.
    init?(environment: [String: String]) {
        let path = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.pgpass" }
            ?? NSHomeDirectory() + "/.pgpass"
        var facts = stat()
        guard stat(path, &facts) == 0, facts.st_mode & S_IFMT == S_IFREG, facts.st_mode & 0o077 == 0 else { return nil }
        self.path = path
    }

    func password(host: String, port: Int, database: String, user: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let hostToMatch = host.hasPrefix("/") ? "localhost" : host
        let wanted = [hostToMatch, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(line)
            guard fields.count == 5 else { continue }
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A line's fields, split at the colons that are not escaped, escapes removed.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
