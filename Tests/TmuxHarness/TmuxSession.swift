import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A detached tmux session of a fixed size running one shell command: send keys, read
/// the screen, resize, and wait for what the screen shows. The end-to-end and the
/// reliability tests drive the real `utmost` through it.
///
/// Sessions live on a tmux server private to this test process (`-L`, no config file),
/// so a user's tmux and its settings are never seen or touched; the first session
/// starts the server, which lives as long as the test process. Each session has a scratch folder,
/// the pane's working directory, for the files its command writes (a pid, an exit
/// status). `close()` (also on deinit) kills what still runs in the pane, then the
/// session, and removes the folder.
///
/// A crash fails the test. The pane's environment sends crash reports to the folder:
/// `SWIFT_BACKTRACE=enable=yes,interactive=no,output-to=<folder>/backtraces` for any Swift
/// program (so none waits at "Press space to interact"), and `XDG_STATE_HOME=<folder>/state`
/// for utmost's own `crash-*.log`; `XDG_CACHE_HOME=<folder>/cache` keeps the dashboard's
/// remembered reports there too. A wait throws `Crashed` as soon as a report is there, and
/// `close()` records an issue for any report no wait has thrown, with its first lines;
/// a test that crashes the program on purpose sets `expectsCrash` and reads `crashReports()`.
public final class TmuxSession: @unchecked Sendable { // one test uses a session at a time
    /// The private server of this test process.
    public static let socket = "utmost-tests-\(getpid())"

    public let name: String
    public let folder: URL
    /// How the command under test ended (its exit status, say), once it has; nil while it runs.
    private let exited: (@Sendable (URL) -> String?)?
    /// The pane's first process: what runs in the pane is in its session.
    private let panePID: pid_t?
    private var closed = false
    /// Where the session was started: an issue about its crash points there.
    private let sourceLocation: SourceLocation
    /// Crash reports already thrown as `Crashed`.
    private var reported: Set<String> = []
    /// Set by a test that crashes the program on purpose: crash reports are then its to check.
    public var expectsCrash = false

    /// Starts a `width`×`height` session running the shell command that `command` returns;
    /// `command` is given the session's folder, to put files in first (a script, say).
    /// - Parameter exited: reads, from the folder, how the command under test ended;
    ///   waits give up as soon as it says so.
    public init(label: String = "session", width: Int = 100, height: Int = 30,
                exited: (@Sendable (URL) -> String?)? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                command: (URL) throws -> String) throws {
        guard Self.executable != nil else { throw Missing() }
        try Self.keepServer()
        let safeLabel = label.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let name = "utmost-\(String(safeLabel).prefix(24))-\(UUID().uuidString.prefix(8))"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        // The backtracer names its own file in a folder that exists, else writes to that path.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(Self.backtraces), withIntermediateDirectories: true)
        let environment = [
            "SWIFT_BACKTRACE=enable=yes,interactive=no,output-to=\(folder.appendingPathComponent(Self.backtraces).path)",
            "XDG_STATE_HOME=\(folder.appendingPathComponent(Self.state).path)",
            "XDG_CACHE_HOME=\(folder.appendingPathComponent(Self.cache).path)",
        ]
        do {
            try Self.run(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), "-c", folder.path]
                         + environment.flatMap { ["-e", $0] } + [try command(folder)])
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        self.name = name
        self.folder = folder
        self.exited = exited
        self.sourceLocation = sourceLocation
        // A command that has already ended took its session along: nothing to look up then.
        panePID = (try? Self.run(["display-message", "-p", "-t", name, "#{pane_pid}"]))
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Starts the server with a session of its own that lasts as long as this test process,
    /// so the server never exits between two tests. (When the last session closed, the
    /// server exited, and a test starting its first session just then could lose its new
    /// server's socket to the closing test's clean-up.) At exit the server is killed and
    /// its socket file removed.
    private static func keepServer() throws {
        try keeper.withLock { started in
            guard !started else { return }
            try run(["new-session", "-d", "-s", "keeper", "-x", "20", "-y", "5",
                     "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done"])
            atexit {
                let path = TmuxSession.socketPath
                _ = try? TmuxSession.run(["kill-server"])
                if let path, !path.isEmpty { unlink(path) }
            }
            started = true
        }
    }

    private static let keeper = Mutex(false)

    /// The server's socket file (tmux leaves it behind when the server exits).
    private static var socketPath: String? {
        (try? run(["display-message", "-p", "-t", "keeper", "#{socket_path}"]))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts a `width`×`height` session running `command` (by the pane's shell).
    public convenience init(_ command: String, label: String = "session", width: Int = 100, height: Int = 30,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        try self.init(label: label, width: width, height: height, sourceLocation: sourceLocation) { _ in command }
    }

    deinit { close() }

    /// Kills every process still in the pane's session (a dashboard that hangs or is
    /// stopped would outlive the hangup that killing the session sends), then the session;
    /// records an issue for a crash report no wait has thrown (unless `expectsCrash`);
    /// and removes the folder.
    public func close() {
        guard !closed else { return }
        closed = true
        if let panePID {
            for pid in ProcessProbe.sessionMembers(panePID) { kill(pid, SIGKILL) }
        }
        _ = try? Self.run(["kill-session", "-t", name])
        let unreported = crashReports().filter { !reported.contains($0.path) }
        if !expectsCrash, !unreported.isEmpty {
            Issue.record(Comment(rawValue: Crashed(session: name, reports: unreported).description), sourceLocation: sourceLocation)
        }
        try? FileManager.default.removeItem(at: folder)
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
    /// the deadline, `Crashed` at once when a crash report appears (unless `expectsCrash`),
    /// or `Exited` at once when the command under test has ended (unless `allowExit`).
    @discardableResult
    public func waitFor(_ what: String, timeout: TimeInterval = 15, allowExit: Bool = false,
                        _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if !expectsCrash, !crashReports().isEmpty {
                let reports = settledCrashReports()
                reported.formUnion(reports.map(\.path))
                throw Crashed(session: name, reports: reports)
            }
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

    /// Waits until every one of `texts` is on the screen and the screen stays the same
    /// over one more poll: a frame that tmux holds only half of (the old tab's rows below
    /// the new tab's first ones) is not taken for the new one.
    @discardableResult
    public func waitForSettled(_ texts: String..., timeout: TimeInterval = 15) throws -> String {
        try waitForSettled(texts.map { "\"\($0)\"" }.joined(separator: ", "), timeout: timeout) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Waits until `predicate` holds on a screen that stays the same over one more poll.
    @discardableResult
    public func waitForSettled(_ what: String, timeout: TimeInterval = 15, _ predicate: (String) -> Bool) throws -> String {
        var previous: String?
        return try waitFor(what + ", settled", timeout: timeout) { screen in
            defer { previous = screen }
            return screen == previous && predicate(screen)
        }
    }

    // MARK: Crashes

    /// Where the pane's `SWIFT_BACKTRACE` sends backtraces, and its `XDG_STATE_HOME` and `XDG_CACHE_HOME`, in the folder.
    static let backtraces = "backtraces", state = "state", cache = "cache"

    /// A crash report in the session's folder.
    public struct CrashReport: Sendable {
        public var path: String
        public var text: String
    }

    /// The crash reports there are now: every file in `backtraces/`, and every `crash-*.log`
    /// under `state/`.
    public func crashReports() -> [CrashReport] {
        let manager = FileManager.default
        let backtraces = folder.appendingPathComponent(Self.backtraces)
        let state = folder.appendingPathComponent(Self.state)
        var paths = ((try? manager.contentsOfDirectory(atPath: backtraces.path)) ?? []).map { backtraces.appendingPathComponent($0).path }
        paths += (manager.subpaths(atPath: state.path) ?? [])
            .filter { ($0 as NSString).lastPathComponent.hasPrefix("crash-") && $0.hasSuffix(".log") }
            .map { state.appendingPathComponent($0).path }
        return paths.sorted().map { CrashReport(path: $0, text: (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "") }
    }

    /// The crash reports once written: no `swift-backtrace` runs in the pane (it takes a
    /// second or two to write a backtrace) and they stopped growing; or as they are after `timeout`.
    public func settledCrashReports(timeout: TimeInterval = 20) -> [CrashReport] {
        let deadline = Date().addingTimeInterval(timeout)
        var last = crashReports()
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.3)
            let now = crashReports()
            let backtracing = panePID.map { ProcessProbe.sessionMembers($0).contains { ProcessProbe.name($0) == "swift-backtrace" } } ?? false
            if !backtracing, now.map(\.text) == last.map(\.text) { return now }
            last = now
        }
        return last
    }

    /// A crash report appeared in a session whose test did not expect one.
    public struct Crashed: Error, CustomStringConvertible {
        public var session: String
        public var reports: [CrashReport]
        /// Lines of each report shown.
        static let lines = 30
        public var description: String {
            "a program crashed in tmux session \(session); "
                + reports.map { report in
                    let head = report.text.split(separator: "\n", omittingEmptySubsequences: false).prefix(Self.lines)
                    return "\(report.path), first lines:\n" + head.joined(separator: "\n")
                }.joined(separator: "\n")
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
