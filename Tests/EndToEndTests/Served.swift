import Foundation
import Testing
import TmuxHarness
#if canImport(Glibc)
import Glibc
#endif

/// `utmost serve` for one test (#15): keys made by `ssh-keygen` in the test's folder (the
/// ones in `authorized` let in, the others not), the server as a process on 127.0.0.1 at
/// a port the system chose (`--port 0`, read from its log), and viewers: OpenSSH's
/// `ssh -tt` in tmux sessions. `close()` kills what is left.
final class Served {
    let folder: URL
    let store: Scratch
    private(set) var process: Process?
    private(set) var port = 0
    private var starts = 0

    init(store: Scratch, authorized: [String] = ["ada", "bo"], strangers: [String] = ["eve"]) throws {
        folder = try CLI.temporaryFolder(prefix: "utmost-serve")
        self.store = store
        for name in authorized + strangers {
            let made = try Self.tool("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "\(name)@test", "-f", key(name)])
            guard made.status == 0 else { throw Failure("ssh-keygen: \(made)") }
        }
        let lines = try authorized.map { try String(contentsOfFile: key($0) + ".pub", encoding: .utf8) }
        try lines.joined().write(toFile: authorizedKeys, atomically: true, encoding: .utf8)
    }

    func key(_ name: String) -> String { folder.appendingPathComponent("id_\(name)").path }
    var authorizedKeys: String { folder.appendingPathComponent("authorized_keys").path }
    var hostKey: String { folder.appendingPathComponent("host_key").path }
    var knownHosts: String { folder.appendingPathComponent("known_hosts").path }
    private var logFile: String { folder.appendingPathComponent("serve-\(starts).log").path }

    /// What the server has logged (stderr) since it last started.
    var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    /// The server's pid while it runs.
    var pid: pid_t? { process.map(\.processIdentifier) }

    /// Starts `utmost serve` with `arguments` (and `--authorized-keys` naming the test's
    /// file unless `withKeys` is false), and waits for its "listening" line.
    func start(_ arguments: [String] = [], withKeys: Bool = true) throws {
        starts += 1
        let process = Process()
        process.executableURL = try CLI.binary()
        process.arguments = ["serve", "--db", store.db, "--port", "0", "--host-key", hostKey] + arguments
            + (withKeys ? ["--authorized-keys", authorizedKeys] : [])
        var environment = ProcessInfo.processInfo.environment
        for name in ["UTMOST_DB", "UTMOST_THEME", "NO_COLOR", "TMUX", "LC_ALL"] { environment[name] = nil }
        environment["LANG"] = "C.UTF-8"
        environment["HOME"] = folder.path
        environment["XDG_STATE_HOME"] = folder.appendingPathComponent("state").path
        process.environment = environment
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            if let match = log.firstMatch(of: /address=127\.0\.0\.1:(\d+) .*listening/), let port = Int(match.1) {
                self.port = port
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure("utmost serve did not start listening:\n\(log)")
    }

    /// Sends the server a signal and waits up to `timeout` seconds for it to exit; returns its exit status.
    func stop(_ signal: Int32 = SIGTERM, timeout: TimeInterval = 5) throws -> Int32 {
        guard let process else { throw Failure("the server is not running") }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else { throw Failure("utmost serve still runs \(Int(timeout)) s after signal \(signal):\n\(log)") }
        self.process = nil
        return process.terminationStatus
    }

    /// The options of every connection: this key only, no agent, no prompt, a known_hosts of the test's.
    func sshOptions(_ name: String) -> [String] {
        ["-p", "\(port)", "-i", key(name), "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
         "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=\(knownHosts)", "-o", "LogLevel=ERROR", "-F", "/dev/null"]
    }

    /// `ssh -tt` as `name` in a tmux session of its own, waiting for the dashboard (`ready`).
    func viewer(_ name: String, width: Int = 120, height: Int = 35, ready: [String] = ["Campaigns 8"]) throws -> TmuxSession {
        let command = (["ssh", "-tt"] + sshOptions(name) + ["127.0.0.1"]).map(TmuxSession.quote).joined(separator: " ")
        let tmux = try TmuxSession(label: "ssh-\(name)", width: width, height: height,
                                   exited: { Self.clientStatus(in: $0).map { "ssh exited with \($0)" } }) { folder in
            let script = """
                #!/usr/bin/env bash
                export TERM=tmux-256color LANG=C.UTF-8
                bash -c 'echo $$ > pid.tmp && mv pid.tmp pid && exec "$@"' ssh \(command)
                echo $? > status.tmp && mv status.tmp status
                exec sleep 300

                """
            try script.write(to: folder.appendingPathComponent("run.sh"), atomically: false, encoding: .utf8)
            return "bash \(TmuxSession.quote(folder.appendingPathComponent("run.sh").path))"
        }
        do {
            try tmux.waitFor("the dashboard over ssh (\(ready))", timeout: 30) { screen in ready.allSatisfy { screen.contains($0) } }
        } catch {
            tmux.close()
            throw Failure("\(error)\n--- server log\n\(log)")
        }
        return tmux
    }

    /// An ssh command run to its end (no tmux): `ssh OPTIONS 127.0.0.1 extra...`.
    func ssh(_ name: String, _ extra: [String], timeout: TimeInterval = 20) throws -> CLI.Result {
        try Self.tool("ssh", sshOptions(name) + extra, timeout: timeout)
    }

    /// The pids of the dashboards the server started, from its log.
    var sessionPIDs: [pid_t] {
        log.split(separator: "\n").filter { $0.contains("session started") }.compactMap { line in
            line.firstMatch(of: /pid=(\d+)/).flatMap { pid_t($0.1) }
        }
    }

    /// The viewer's ssh exit status, once it has exited.
    static func clientStatus(in folder: URL) -> Int32? {
        (try? String(contentsOf: folder.appendingPathComponent("status"), encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The viewer's ssh pid.
    static func clientPID(_ tmux: TmuxSession) -> pid_t? { ProcessProbe.pid(from: tmux.folder.appendingPathComponent("pid").path) }

    /// Whether `pid` is gone and reaped: no process, not even a zombie.
    static func reaped(_ pid: pid_t) -> Bool { kill(pid, 0) != 0 && errno == ESRCH }

    static func waitUntil(_ seconds: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    /// Runs an OpenSSH tool (ssh, ssh-keygen, ssh-keyscan) to its end.
    static func tool(_ name: String, _ arguments: [String], timeout: TimeInterval = 20) throws -> CLI.Result {
        guard let path = ["/usr/bin/\(name)", "/bin/\(name)", "/usr/local/bin/\(name)"].first(where: FileManager.default.isExecutableFile) else {
            throw Failure("\(name) is not installed (apt-get install openssh-client; .ci/run does)")
        }
        return try CLI.run(arguments, unset: ["SSH_AUTH_SOCK"], timeout: timeout, executable: URL(fileURLWithPath: path))
    }

    func close() {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        for pid in sessionPIDs where !Self.reaped(pid) && ProcessProbe.name(pid) == "utmost" { kill(pid, SIGKILL) }
        process = nil
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { close() }
}
