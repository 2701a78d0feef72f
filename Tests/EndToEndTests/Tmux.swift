import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real `utmost` binary in a detached tmux session of a fixed size: send keys,
/// read the screen, resize, and see what the terminal looks like after it exits.
///
/// Each session runs a small bash script in its own folder:
/// it starts utmost (writing utmost's pid to `pid`), and when utmost exits it writes
/// the exit status to `status`, the terminal's modes (`stty -a`) to `stty`, then prints
/// `AFTER-EXIT> ` and reads one line the plain way, echoing it back as `got:[...]`:
/// a terminal left raw or without echo shows up there.
///
/// Sessions live on a private tmux server (`-L`, no config file), so a user's tmux
/// and its settings are never touched. Call `close()` when done (also done on deinit).
final class Tmux: @unchecked Sendable {
    /// The private server of this test process.
    static let socket = "utmost-e2e-\(getpid())"
    static let afterExitPrompt = "AFTER-EXIT> "

    let name: String
    let folder: URL
    private var closed = false

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "tmux is not installed (not found in PATH): the dashboard's end-to-end tests need it. "
                + "Install it (apt-get install tmux; .ci/run does this) and run the tests again."
        }
    }

    /// A wait that ran out, with the screen as it was.
    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var seconds: TimeInterval
        var screen: String
        var description: String { "waited \(seconds) s for \(what); the screen was:\n\(screen)" }
    }

    /// utmost exited while the test was waiting for the dashboard to show something.
    struct Exited: Error, CustomStringConvertible {
        var what: String
        var status: String
        var screen: String
        var description: String { "utmost exited (status \(status)) while waiting for \(what); the screen was:\n\(screen)" }
    }

    /// Where tmux is, or nil: `$UTMOST_E2E_TMUX` when set (a path that does not exist
    /// shows what a machine without tmux gets), else the first `tmux` on PATH.
    static let executable: String? = {
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

    /// Starts `utmost arguments...` in a new `width`×`height` session.
    /// The environment is a clean one for a UTF-8 terminal (`LANG=C.UTF-8`,
    /// `TERM=tmux-256color`, no `NO_COLOR`, no user theme or store), then `environment`
    /// on top; `unset` removes variables (say `LANG`).
    init(utmost arguments: [String], label: String, width: Int = 120, height: Int = 35,
         environment: [String: String] = [:], unset: [String] = []) throws {
        guard Self.executable != nil else { throw Missing() }
        let safeLabel = label.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        name = "utmost-\(String(safeLabel).prefix(24))-\(UUID().uuidString.prefix(8))"
        folder = try CLI.temporaryFolder(prefix: "utmost-tmux")

        var env: [String: String] = [
            "LANG": "C.UTF-8", "TERM": "tmux-256color", "UTMOST_SAMPLE_DATA": CLI.sampleData.path,
            "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
            "XDG_DATA_HOME": folder.appendingPathComponent("data").path, "HOME": folder.path,
        ]
        for (key, value) in environment { env[key] = value }
        for key in unset { env[key] = nil }
        let removed = ["LC_ALL", "LC_CTYPE", "LC_MESSAGES", "NO_COLOR", "UTMOST_DB", "UTMOST_THEME", "COLORTERM"] + unset
        let command = ([try CLI.binary().path] + arguments).map(Self.quote).joined(separator: " ")
        let script = """
            #!/usr/bin/env bash
            # A signal for utmost must not end this script: its checks run after utmost exits.
            trap ':' INT
            cd \(Self.quote(folder.path))
            unset \(removed.joined(separator: " "))
            \(env.sorted { $0.key < $1.key }.map { "export \($0.key)=\(Self.quote($0.value))" }.joined(separator: "\n"))
            bash -c 'echo $$ > pid.tmp && mv pid.tmp pid && exec "$@"' utmost \(command)
            echo $? > status.tmp && mv status.tmp status
            stty -a > stty.tmp 2>&1; mv stty.tmp stty
            printf '%s' \(Self.quote(Self.afterExitPrompt))
            IFS= read -r line
            printf 'got:[%s]\\n' "$line"
            exec sleep 300

            """
        let scriptURL = folder.appendingPathComponent("run.sh")
        try script.write(to: scriptURL, atomically: false, encoding: .utf8)
        try Self.tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                       "bash \(Self.quote(scriptURL.path))"])
        socketPath = try? Self.tmux(["display-message", "-p", "-t", name, "#{socket_path}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The server's socket file: removed with the last session, as tmux leaves it behind.
    private var socketPath: String?

    deinit { close() }

    /// Kills the session (and with it utmost, if it still runs) and removes the folder.
    func close() {
        guard !closed else { return }
        closed = true
        if let pid = utmostPID, isRunning { kill(pid, SIGKILL) }
        _ = try? Self.tmux(["kill-session", "-t", name])
        try? FileManager.default.removeItem(at: folder)
        if let socketPath, !socketPath.isEmpty, (try? Self.tmux(["list-sessions"])) == nil {
            unlink(socketPath)
        }
    }

    // MARK: Keys and screen

    /// Sends keys by tmux name (`Enter`, `Escape`, `C-c`, `Down`, `q`).
    func send(_ keys: String...) throws { try Self.tmux(["send-keys", "-t", name] + keys) }

    /// Sends text literally, without tmux's key-name lookup.
    func type(_ text: String) throws { try Self.tmux(["send-keys", "-t", name, "-l", text]) }

    /// The screen as text; with `escapes`, with the SGR sequences of colours and attributes.
    func screen(escapes: Bool = false) throws -> String {
        try Self.tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    func resize(width: Int, height: Int) throws {
        try Self.tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// The pane's size as tmux sees it.
    func size() throws -> String {
        try Self.tmux(["display-message", "-p", "-t", name, "#{pane_width}x#{pane_height}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Waiting

    /// Polls the screen until `predicate` holds; throws `Timeout` with the last screen at
    /// the deadline, or `Exited` at once when utmost has exited (unless `allowExit`).
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 15, allowExit: Bool = false,
                 _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while true {
            last = try screen()
            if predicate(last) { return last }
            if !allowExit, let status = exitStatus() {
                throw Exited(what: what, status: String(status), screen: try screen())
            }
            if Date() > deadline { throw Timeout(what: what, seconds: timeout, screen: last) }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Waits until every one of `texts` is on the screen.
    @discardableResult
    func waitFor(_ texts: String..., timeout: TimeInterval = 15) throws -> String {
        try waitFor(texts.map { "\"\($0)\"" }.joined(separator: ", "), timeout: timeout) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    // MARK: The process and what it left behind

    /// utmost's pid, once it has started.
    var utmostPID: pid_t? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("pid"), encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether utmost is still running (it has not exited, and is not a zombie).
    var isRunning: Bool {
        guard let pid = utmostPID, exitStatus() == nil else { return false }
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/stat"), encoding: .utf8)) ?? ""
        // "pid (comm) S ...": Z is a zombie.
        if let close = stat.lastIndex(of: ")") {
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
            return state != "Z" && state != "X"
        }
        return true
    }

    /// Waits until utmost has started and written its pid.
    func waitForStart(timeout: TimeInterval = 15) throws -> pid_t {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let pid = utmostPID { return pid }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw Timeout(what: "utmost to start", seconds: timeout, screen: (try? screen()) ?? "")
    }

    /// utmost's exit status, once it has exited.
    func exitStatus() -> Int32? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("status"), encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Waits for utmost to exit and the script to print its prompt; returns the exit status.
    func waitForExit(timeout: TimeInterval = 15) throws -> Int32 {
        try waitFor("utmost to exit and the shell's prompt", timeout: timeout, allowExit: true) { _ in
            FileManager.default.fileExists(atPath: self.folder.appendingPathComponent("stty").path)
        }
        try waitFor("the prompt after exit", timeout: timeout, allowExit: true) { $0.contains(Self.afterExitPrompt.trimmingCharacters(in: .whitespaces)) }
        return exitStatus() ?? -1
    }

    /// The terminal's modes after utmost exited (`stty -a`), as a set of words:
    /// `icanon`, `-icanon`, `echo`, `-echo`, ...
    func modesAfterExit() throws -> Set<String> {
        let text = try String(contentsOf: folder.appendingPathComponent("stty"), encoding: .utf8)
        return Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
    }

    // MARK: tmux itself

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    struct CommandFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var stderr: String
        var description: String { "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(stderr)" }
    }

    /// Runs one tmux command and returns its stdout.
    ///
    /// Not through Foundation's `Process`: it learns that a child exited from a socket the
    /// child inherits, and the server that `new-session` forks inherits it too and keeps it
    /// open, so the client's exit would never be seen. `posix_spawn` and `waitpid` instead,
    /// with the output in files (a pipe would be held open by the server the same way).
    @discardableResult
    static func tmux(_ arguments: [String], timeout: TimeInterval = 30) throws -> String {
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

        let argv = ([executable, "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
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

extension String {
    /// The parameters of every SGR sequence (`ESC [ ... m`) in the text.
    var sgrParameters: [[Int]] {
        var result: [[Int]] = []
        var rest = self[...]
        while let start = rest.range(of: "\u{1B}[") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(where: { !($0.isNumber || $0 == ";" || $0 == ":") }) else { break }
            if after[end] == "m" {
                result.append(after[..<end].split(whereSeparator: { $0 == ";" || $0 == ":" }).compactMap { Int($0) })
            }
            rest = after[end...]
        }
        return result
    }

    /// Whether any SGR sequence sets a foreground or background colour (not the default).
    var hasColour: Bool {
        sgrParameters.contains { params in
            params.contains { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }
        }
    }
}
