import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A detached tmux session of a fixed size running one shell command: send keys, read
/// the screen, resize, and wait for what the screen shows. The end-to-end and the
/// reliability tests drive the real `utmost` through it.
///
/// Sessions live on a tmux server private to this test process (`-L`, no config file),
/// so a user's tmux and its settings are never seen or touched; the first session
/// starts the server and it ends with the last one. Each session has a scratch folder,
/// the pane's working directory, for the files its command writes (a pid, an exit
/// status). `close()` (also on deinit) kills what still runs in the pane, then the
/// session, and removes the folder.
public final class TmuxSession: @unchecked Sendable { // one test uses a session at a time
    /// The private server of this test process.
    public static let socket = "utmost-tests-\(getpid())"

    public let name: String
    public let folder: URL
    /// How the command under test ended (its exit status, say), once it has; nil while it runs.
    private let exited: (@Sendable (URL) -> String?)?
    /// The pane's first process: what runs in the pane is in its session.
    private let panePID: pid_t?
    /// The server's socket file, removed once the server is gone (tmux leaves it behind).
    private let socketPath: String?
    private var closed = false

    /// Starts a `width`×`height` session running the shell command that `command` returns;
    /// `command` is given the session's folder, to put files in first (a script, say).
    /// - Parameter exited: reads, from the folder, how the command under test ended;
    ///   waits give up as soon as it says so.
    public init(label: String = "session", width: Int = 100, height: Int = 30,
                exited: (@Sendable (URL) -> String?)? = nil, command: (URL) throws -> String) throws {
        guard Self.executable != nil else { throw Missing() }
        let safeLabel = label.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let name = "utmost-\(String(safeLabel).prefix(24))-\(UUID().uuidString.prefix(8))"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            try Self.run(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), "-c", folder.path,
                          try command(folder)])
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        self.name = name
        self.folder = folder
        self.exited = exited
        // A command that has already ended took its session along: nothing to look up then.
        let facts = (try? Self.run(["display-message", "-p", "-t", name, "#{pane_pid} #{socket_path}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 1) ?? []
        panePID = facts.first.flatMap { pid_t($0) }
        socketPath = facts.count == 2 ? String(facts[1]) : nil
    }

    /// Starts a `width`×`height` session running `command` (by the pane's shell).
    public convenience init(_ command: String, label: String = "session", width: Int = 100, height: Int = 30) throws {
        try self.init(label: label, width: width, height: height) { _ in command }
    }

    deinit { close() }

    /// Kills every process still in the pane's session (a dashboard that hangs or is
    /// stopped would outlive the hangup that killing the session sends), then the session;
    /// removes the folder, and the socket file once the server has no session left.
    public func close() {
        guard !closed else { return }
        closed = true
        if let panePID {
            for pid in ProcessProbe.sessionMembers(panePID) { kill(pid, SIGKILL) }
        }
        _ = try? Self.run(["kill-session", "-t", name])
        try? FileManager.default.removeItem(at: folder)
        if let socketPath, !socketPath.isEmpty, (try? Self.run(["list-sessions"])) == nil {
            unlink(socketPath)
        }
    }

    // MARK: Keys and screen

    /// Sends keys by tmux name (`Enter`, `Escape`, `C-c`, `C-z`, `Down`, `q`).
    public func send(_ keys: String...) throws { try Self.run(["send-keys", "-t", name] + keys) }

    /// Sends text literally, without tmux's key-name lookup.
    public func type(_ text: String) throws { try Self.run(["send-keys", "-t", name, "-l", text]) }

    /// The screen as text; with `escapes`, with the SGR sequences of colours and attributes.
    public func screen(escapes: Bool = false) throws -> String {
        try Self.run(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    /// The screen and up to `lines` lines scrolled off above it.
    public func history(lines: Int) throws -> String {
        try Self.run(["capture-pane", "-p", "-t", name, "-S", String(-lines)])
    }

    public func resize(width: Int, height: Int) throws {
        try Self.run(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// The pane's size as tmux sees it: `80x24`.
    public func size() throws -> String {
        try Self.run(["display-message", "-p", "-t", name, "#{pane_width}x#{pane_height}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Closes the pane as a user closing the window would: its processes get SIGHUP.
    public func killPane() throws { try Self.run(["kill-pane", "-t", name]) }

    // MARK: Waiting

    /// Polls the screen until `predicate` holds; throws `Timeout` with the last screen at
    /// the deadline, or `Exited` at once when the command under test has ended (unless `allowExit`).
    @discardableResult
    public func waitFor(_ what: String, timeout: TimeInterval = 15, allowExit: Bool = false,
                        _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let last = try screen()
            if predicate(last) { return last }
            if !allowExit, let status = exited?(folder) {
                throw Exited(what: what, status: status, screen: last)
            }
            if Date() > deadline { throw Timeout(what: what, seconds: timeout, screen: last) }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Waits until every one of `texts` is on the screen.
    @discardableResult
    public func waitFor(_ texts: String..., timeout: TimeInterval = 15) throws -> String {
        try waitFor(texts.map { "\"\($0)\"" }.joined(separator: ", "), timeout: timeout) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    // MARK: Errors

    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "tmux is not installed (not found in PATH): the dashboard's tests in a terminal need it. "
                + "Install it (apt-get install tmux; .ci/run does this) and run the tests again."
        }
    }

    /// A wait that ran out, with the screen as it was.
    public struct Timeout: Error, CustomStringConvertible {
        public var what: String
        public var seconds: TimeInterval
        public var screen: String
        public var description: String { "waited \(seconds) s for \(what); the screen was:\n\(screen)" }
    }

    /// The command under test ended while a wait was on.
    public struct Exited: Error, CustomStringConvertible {
        public var what: String
        public var status: String
        public var screen: String
        public var description: String { "utmost exited (status \(status)) while waiting for \(what); the screen was:\n\(screen)" }
    }

    public struct CommandFailed: Error, CustomStringConvertible {
        public var arguments: [String]
        public var status: Int32
        public var stderr: String
        public var description: String { "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(stderr)" }
    }

    // MARK: tmux itself

    /// Single-quotes `text` for a shell command line.
    public static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Where tmux is, or nil: `$UTMOST_E2E_TMUX` when set (a path that does not exist
    /// shows what a machine without tmux gets), else the first `tmux` on PATH.
    public static let executable: String? = {
        if let forced = ProcessInfo.processInfo.environment["UTMOST_E2E_TMUX"], !forced.isEmpty {
            return FileManager.default.isExecutableFile(atPath: forced) ? forced : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin", "/bin"] {
            let candidate = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Runs one tmux command on the private server and returns its stdout; throws when it fails.
    ///
    /// Not through Foundation's `Process`: it learns that a child exited from a descriptor the
    /// child inherits, and the server that `new-session` forks inherits it too and keeps it open,
    /// so the first session of a run would wait for the server to end. `posix_spawn` and
    /// `waitpid` instead, with the output in files (a pipe would be held open the same way).
    @discardableResult
    public static func run(_ arguments: [String], timeout: TimeInterval = 30) throws -> String {
        guard let executable else { throw Missing() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("utmost-tmux-io-\(UUID().uuidString)")
        let outPath = scratch.path + ".out", errPath = scratch.path + ".err"
        defer { unlink(outPath); unlink(errPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The server and the panes it forks must start with no signal blocked or ignored: a
        // test thread's mask (a dispatch thread blocks nearly all) would otherwise reach the
        // dashboard in the pane and keep SIGHUP, SIGTSTP and the like from it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable, "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw CommandFailed(arguments: arguments, status: -1, stderr: "posix_spawn failed: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw CommandFailed(arguments: arguments, status: -1, stderr: "no answer within \(Int(timeout)) s")
            }
            usleep(2_000)
        }
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard code == 0 else {
            let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw CommandFailed(arguments: arguments, status: code, stderr: errors)
        }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }
}
