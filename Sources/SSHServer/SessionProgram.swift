/// The program every session runs on its terminal, and what it is told of the viewer.
public struct SessionProgram: Sendable {
    /// An absolute path to the executable.
    public var path: String
    /// The arguments after the program's name.
    public var arguments: [String]
    /// The environment every session starts from; the viewer's `TERM` (and a few
    /// variables it may send, `ClientVariables.accepted`) are laid over it.
    public var environment: [String: String]

    public init(path: String, arguments: [String], environment: [String: String]) {
        self.path = path; self.arguments = arguments; self.environment = environment
    }

    /// The server's own environment less what describes the server's terminal, which is
    /// not the viewer's (a `COLUMNS` or `LINES` left there would beat the pty's size).
    public static func inherited(from environment: [String: String]) -> [String: String] {
        let terminalBound: Set<String> = ["TERM", "COLUMNS", "LINES", "TMUX", "TMUX_PANE", "STY", "WINDOW",
                                          "SSH_AUTH_SOCK", "SSH_CLIENT", "SSH_CONNECTION", "SSH_TTY"]
        return environment.filter { !terminalBound.contains($0.key) }
    }

    /// `NAME=value` strings for one session.
    func environment(term: String, client: [String: String]) -> [String] {
        var merged = environment
        merged.merge(client) { _, viewer in viewer }
        merged["TERM"] = term
        return merged.filter { !$0.key.utf8.contains(0) && !$0.value.utf8.contains(0) && !$0.key.contains("=") }
            .map { "\($0.key)=\($0.value)" }.sorted()
    }
}

/// What a viewer's terminal is, from its `pty-req` and `env` requests.
struct ClientTerminal: Equatable {
    var term: String
    var columns: Int
    var rows: Int

    /// A `TERM` the viewer sent that names no terminfo entry safely (empty, odd
    /// characters, very long) is taken as plain xterm.
    static func cleanTerm(_ term: String) -> String {
        let allowed = term.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.+".unicodeScalars.contains($0)) }
        return !term.isEmpty && term.utf8.count <= 64 && allowed ? term : "xterm"
    }

    /// A size of 0 (some clients send it) is taken as 80 x 24; more than 1000 as 1000.
    static func cleanSize(_ value: Int, default fallback: Int) -> Int {
        value <= 0 ? fallback : min(value, 1000)
    }
}

/// The environment variables a viewer may set with its `env` requests (ssh's SendEnv):
/// its language and whether it wants colour. Anything else is refused, as sshd's
/// default AcceptEnv does.
enum ClientVariables {
    static func accepted(_ name: String) -> Bool {
        name == "LANG" || name.hasPrefix("LC_") || name == "NO_COLOR" || name == "COLORTERM"
    }
}
