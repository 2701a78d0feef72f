import Foundation
import NIOCore
import Testing
import TmuxHarness
@testable import SSHServer

/// The server in this process, reached by OpenSSH's own client on 127.0.0.1 at a port the
/// system chose, running small shell programs instead of the dashboard. The tests are
/// synchronous, as the server is: an async test waiting its turn in Swift's shared task
/// pool, which the suite's blocking tests fill, was seen to wait ten minutes. The
/// programs sleep ten minutes, longer than any wait here.
@Suite("Server with OpenSSH's client", .serialized, .timeLimit(.minutes(2)))
struct ServerTests {
    final class Running {
        let server: SSHServer
        let folder: TestFolder
        let log: LogCapture
        let key: String

        init(script: String, hangUpGrace: Duration = .seconds(3), idleTimeout: Duration? = nil) throws {
            folder = try TestFolder()
            key = folder.path("id_viewer")
            try OpenSSH.keygen(key)
            let keys = AuthorizedKeys(parsing: try String(contentsOfFile: key + ".pub", encoding: .utf8))
            log = LogCapture()
            let program = SessionProgram(path: "/bin/sh", arguments: ["-c", script],
                                         environment: ["PATH": "/usr/bin:/bin", "DIR": folder.url.path])
            let options = SSHServer.Options(port: 0, hostKey: HostKey(.init()), access: .keys(keys), program: program,
                                            idleTimeout: idleTimeout, hangUpGrace: hangUpGrace)
            server = try SSHServer.start(options, logger: log.logger)
        }

        var clientArguments: [String] {
            OpenSSH.clientOptions(port: server.port, key: key, knownHosts: folder.path("known_hosts")) + ["-tt", "127.0.0.1"]
        }

        /// `ssh -tt` run in the background, its output in files of the folder.
        func startClient(_ name: String) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh")
            process.arguments = clientArguments
            _ = FileManager.default.createFile(atPath: folder.path("\(name).err"), contents: nil)
            process.standardError = try FileHandle(forWritingTo: folder.url.appendingPathComponent("\(name).err"))
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            return process
        }

        /// The pids of the programs the log says were started.
        var programPIDs: [pid_t] {
            log.lines.filter { $0.hasPrefix("info session started") }.compactMap { line in
                line.split(separator: " ").first { $0.hasPrefix("pid=") }.flatMap { pid_t($0.dropFirst(4)) }
            }
        }

        func stop() {
            server.stop()
            folder.remove()
        }
    }

    /// Runs `body` with a server running `script`, and stops the server after, whatever happens.
    static func withServer(script: String, hangUpGrace: Duration = .seconds(3), idleTimeout: Duration? = nil,
                           _ body: (Running) throws -> Void) throws {
        let running = try Running(script: script, hangUpGrace: hangUpGrace, idleTimeout: idleTimeout)
        defer { running.stop() }
        try body(running)
    }

    /// Whether `pid` is gone and reaped: no process, not even a zombie.
    static func reaped(_ pid: pid_t) -> Bool { kill(pid, 0) != 0 && errno == ESRCH }

    static func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    @Test("#15 a session runs the program on a pseudo-terminal of the viewer's size and TERM, and ends with its exit status")
    func exitStatus() throws {
        try Self.withServer(script: #"stty size; printf 'term=%s\n' "$TERM"; exit 7"#) { running in
            let result = try OpenSSH.run("ssh", running.clientArguments, environment: ["TERM": "vt220"])
            #expect(result.status == 7, "\(result.stderr)")
            // A client whose own input is no terminal sends a size of 0: taken as 80x24.
            #expect(result.stdout.contains("24 80"), "\(result.stdout)")
            #expect(result.stdout.contains("term=vt220"), "\(result.stdout)")
            #expect(Self.waitUntil(2) { running.log.lines.contains { $0.hasPrefix("info session ended") && $0.contains("exit=7") } },
                    "\(running.log.lines)")
        }
    }

    @Test("#15 a viewer that vanishes (kill -9) has its program hung up, killed if it ignores SIGHUP, and reaped within 5 s")
    func vanishingViewer() throws {
        try Self.withServer(script: #"trap '' HUP; exec sleep 600"#, hangUpGrace: .seconds(1)) { running in
            let client = try running.startClient("viewer")
            #expect(Self.waitUntil(10) { !running.programPIDs.isEmpty }, "the session started: \(running.log.lines)")
            guard let pid = running.programPIDs.first else { return }
            #expect(!Self.reaped(pid))
            // The viewer vanishes once the program ignores SIGHUP, not while its shell starts.
            #expect(Self.waitUntil(10) { ProcessProbe.ignores(SIGHUP, pid) }, "the program \(pid) set its trap")
            kill(client.processIdentifier, SIGKILL)
            client.waitUntilExit()
            #expect(Self.waitUntil(5) { Self.reaped(pid) }, "the program \(pid) is gone and reaped within 5 s")
            // The reap is seen on the server's own thread and logged on its event loop a moment later
            // (up to a second more while the terminal still gives output): the line is waited for.
            #expect(Self.waitUntil(3) { running.log.lines.contains { $0.hasPrefix("info session ended") && $0.contains("exit=signal KILL") } },
                    "\(running.log.lines)")
            #expect(Self.waitUntil(2) { running.log.lines.contains { $0.hasPrefix("info disconnected") && $0.contains("duration=") } })
        }
    }

    @Test("#15 a session with no key for the idle timeout is hung up, and its viewer told why")
    func idle() throws {
        try Self.withServer(script: "exec sleep 600", idleTimeout: .seconds(1)) { running in
            let started = ContinuousClock.now
            let result = try OpenSSH.run("ssh", running.clientArguments, timeout: 10)
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(result.stderr.contains("utmost: no key pressed for 1.0s; the session is closed"), "\(result.stderr)")
            #expect(running.log.lines.contains { $0.hasPrefix("info session ended") && $0.contains("exit=signal HUP") }, "\(running.log.lines)")
        }
    }

    @Test("#15 stop hangs every viewer up and tells them why")
    func stop() throws {
        let running = try Running(script: "exec sleep 600")
        defer { running.folder.remove() }
        let clients = try (1...2).map { try running.startClient("viewer\($0)") }
        #expect(Self.waitUntil(10) { running.programPIDs.count == 2 }, "\(running.log.lines)")
        running.server.stop()
        for (index, client) in clients.enumerated() {
            #expect(Self.waitUntil(5) { !client.isRunning }, "viewer \(index + 1) is disconnected")
            let said = (try? String(contentsOfFile: running.folder.path("viewer\(index + 1).err"), encoding: .utf8)) ?? ""
            #expect(said.contains("utmost: the server is stopping"), "viewer \(index + 1) was told: \(said)")
        }
        for pid in running.programPIDs { #expect(Self.reaped(pid), "program \(pid) reaped") }
    }
}
