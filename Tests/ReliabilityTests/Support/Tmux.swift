import Foundation

/// A detached tmux session of a fixed size running one shell command: send
/// keys, read the screen, resize, find the process. Killed on deinit.
final class Tmux {
    let name: String

    /// - Parameter command: run by `sh -c` in the pane.
    init(_ command: String, width: Int = 100, height: Int = 30) throws {
        name = "utmost-rel-\(UUID().uuidString.prefix(8))"
        try Self.tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command])
    }

    deinit { try? Self.tmux(["kill-session", "-t", name]) }

    /// A command line that runs the binary in the pane's environment (its TERM
    /// included) plus a private HOME, a UTF-8 locale and `extra` variables, writes its pid to `pidFile`, and, when it ends, prints
    /// `EXIT=<status>` and whether the terminal is back in canonical mode with echo.
    static func utmostCommand(_ arguments: [String], environment extra: [String: String] = [:], pidFile: String,
                              redirect: String = "") -> String {
        var env = ["HOME": NSTemporaryDirectory(), "UTMOST_SAMPLE_DATA": Repo.sampleData.path, "LC_ALL": "C.UTF-8"]
        for (k, v) in extra { env[k] = v }
        let assignments = env.map { "\($0.key)=\(quote($0.value))" }.sorted().joined(separator: " ")
        let run = "echo $$ > \(quote(pidFile)); exec env -u UTMOST_DB -u XDG_DATA_HOME -u NO_COLOR -u UTMOST_THEME \(assignments) \(quote(Binary.path.path)) \(arguments.map(quote).joined(separator: " ")) \(redirect)"
        return "sh -c \(quote(run)); echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' '; echo TTY; sleep 60"
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    func send(_ keys: String...) throws { try Self.tmux(["send-keys", "-t", name] + keys) }

    /// Sends text literally, without tmux's key-name lookup.
    func type(_ text: String) throws { try Self.tmux(["send-keys", "-t", name, "-l", text]) }

    func screen() throws -> String { try Self.tmux(["capture-pane", "-p", "-t", name]) }

    func killPane() throws { try Self.tmux(["kill-pane", "-t", name]) }

    func resize(width: Int, height: Int) throws {
        try Self.tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }


    /// Polls the screen until `predicate` holds or the deadline passes; returns the last screen.
    @discardableResult
    func waitFor(timeout: TimeInterval = 15, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return last
    }

    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }

    /// The dashboard drawn and its numbers in: the campaigns pane and the status bar's refresh time.
    @discardableResult
    func waitForDashboard(timeout: TimeInterval = 20) throws -> String {
        try waitFor(timeout: timeout) { $0.contains("refreshed") && $0.contains("Campaigns") && !$0.contains("computing") }
    }

    /// The private server these tests use (`-L`), so they neither see nor disturb another tmux.
    static let socket = "utmost-reliability-\(getpid())"

    /// Runs one tmux command on the private server and returns its stdout (empty when it failed).
    ///
    /// Not through Foundation's `Process`: it learns that a child exited from a descriptor the
    /// child inherits, and the server that `new-session` forks inherits it too and keeps it open,
    /// so the first session of a run would wait for the server to end. `posix_spawn` and
    /// `waitpid` instead, with the output in a file (a pipe would be held open the same way).
    @discardableResult
    static func tmux(_ arguments: [String], timeout: TimeInterval = 30) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("utmost-rel-tmux-\(UUID().uuidString)").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["/usr/bin/env", "tmux", "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        // The server and the panes it forks must start with no signal blocked or ignored:
        // a test thread's mask would otherwise keep SIGHUP from the dashboard in the pane.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TmuxFailure(message: "posix_spawn: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw TmuxFailure(message: "tmux \(arguments.first ?? "") gave no answer within \(Int(timeout)) s")
            }
            usleep(2_000)
        }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    struct TmuxFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// A process seen from outside, by pid.
enum ProcessProbe {
    static func isAlive(_ pid: Int32) -> Bool {
        // A zombie is gone for our purposes: it runs nothing.
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
    }

    /// Waits until the process is gone; false when it is still there at the deadline.
    static func waitGone(_ pid: Int32, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !isAlive(pid) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return !isAlive(pid)
    }

    /// CPU seconds used so far (user + system), from /proc.
    static func cpuSeconds(_ pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let tail = stat.split(separator: ")").last else { return nil }
        let fields = tail.split(separator: " ")
        // After the command: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
        guard fields.count > 13, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
        return (utime + stime) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The pid a wrapper script wrote, once it is there.
    static func pid(from file: String, timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
               let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }
}
