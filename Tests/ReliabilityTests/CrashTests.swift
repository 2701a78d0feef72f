import Foundation
import Testing
import TmuxHarness

/// Issue 12 §8: Ctrl-\ and crashes in the dashboard, in tmux. A crash gives the terminal
/// back, writes its report to `$XDG_STATE_HOME/utmost/crash-<UTC time>-<pid>.log` and names
/// it in one line on stderr; nothing is written over the screen and nothing waits for a key.
/// The crashes are real: `UTMOST_TEST_CRASH` (test-only) makes the binary crash on its
/// first key, and `kill` sends the fatal signals.
extension Reliability.HostileTerminal {
    @Test("#12.8 Ctrl-\\ (SIGQUIT) restores the terminal as SIGTERM does: exit 131, no backtrace, no report",
          arguments: ["C-\\", "SIGQUIT"])
    func quit(_ how: String) throws {
        let tmux = try start()
        try tmux.waitForDashboard()
        let pid = try #require(ProcessProbe.pid(from: pidFile))
        if how == "SIGQUIT" { kill(pid, SIGQUIT) } else { try tmux.send(how) }
        #expect(ProcessProbe.waitGone(pid, timeout: 2), "still running 2 s after \(how)")
        let screen = try finished(tmux)
        #expect(screen.contains("EXIT=131"), "\(screen)")
        #expect(screen.contains("icanon echo TTY"), "the terminal was left raw: \(screen)")
        #expect(Self.linesBeforeExit(screen).isEmpty, "something was printed: \(screen)")
        #expect(tmux.crashReports().isEmpty, "\(tmux.crashReports().map(\.path))")
    }

    @Test("#12.8 what is written on stderr while the dashboard runs is kept off the screen, and shown once it closes")
    func stderrWhileRunning() throws {
        let tmux = try start()
        try tmux.waitForDashboard()
        let pid = try #require(ProcessProbe.pid(from: pidFile))
        // As a library's warning would be: on the process's own stderr.
        let stderr = open("/proc/\(pid)/fd/2", O_WRONLY | O_APPEND)
        try #require(stderr >= 0, "cannot open the dashboard's stderr")
        let warning = "warning: written on stderr while the dashboard ran\n"
        #expect(write(stderr, warning, warning.utf8.count) == warning.utf8.count)
        close(stderr)
        try tmux.send("Down")
        let running = try tmux.waitFor("Assets · Google Ads")
        #expect(!running.contains("warning: written"), "drawn over the dashboard: \(running)")
        try tmux.send("q")
        let screen = try finished(tmux)
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(Self.linesBeforeExit(screen) == "warning: written on stderr while the dashboard ran", "\(screen)")
    }

    /// The dashboard as a user runs it: the harness's `SWIFT_BACKTRACE` emptied (an empty one
    /// counts as unset), so that the dashboard sets its own; crashing is the point.
    func crashing(_ environment: [String: String] = [:]) throws -> TmuxSession {
        let tmux = try start(environment.merging(["SWIFT_BACKTRACE": ""]) { $1 })
        tmux.expectsCrash = true
        return tmux
    }

    /// The screen's non-empty lines above the `EXIT=` line, joined (a long line wraps).
    static func linesBeforeExit(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let exit = lines.firstIndex { $0.hasPrefix("EXIT=") } ?? lines.endIndex
        return lines[..<exit].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined()
    }

    /// After the dashboard died of `signal` (at about `time`): the shell has a cooked terminal
    /// and the exit status of the signal; the screen shows one line naming the report, and
    /// nothing else; the report is the only one, private, named with its time and the pid,
    /// and holds a backtrace. Returns the report's text.
    @discardableResult
    func expectReported(_ tmux: TmuxSession, pid: pid_t, signal: Int32, name: String, at time: Date,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        #expect(ProcessProbe.waitGone(pid, timeout: 20), "still running after \(name): waiting at a prompt?",
                sourceLocation: sourceLocation)
        let screen = try finished(tmux)
        #expect(screen.contains("EXIT=\(128 + signal)"), "\(screen)", sourceLocation: sourceLocation)
        #expect(screen.contains("icanon echo TTY"), "the terminal was left raw: \(screen)", sourceLocation: sourceLocation)

        let folder = tmux.folder.appendingPathComponent("state/utmost")
        let reports = tmux.crashReports()
        try #require(reports.count == 1, "\(reports.map(\.path))", sourceLocation: sourceLocation)
        let report = reports[0]
        #expect(URL(fileURLWithPath: report.path).deletingLastPathComponent().path == folder.path, sourceLocation: sourceLocation)
        // Then only the test's shell, which reports the process it ran as killed ("bash: line 1: <pid> Illegal instruction ...").
        let printed = Self.linesBeforeExit(screen)
        let line = "utmost: the dashboard crashed (\(name)); its report is in \(report.path)"
        let shell = printed.dropFirst(line.count)
        #expect(printed.hasPrefix(line) && (shell.isEmpty || (shell.hasPrefix("bash: line 1: ") && shell.contains(" \(pid) "))),
                "expected \(line) alone; printed:\n\(printed.debugDescription)", sourceLocation: sourceLocation)

        let fileName = URL(fileURLWithPath: report.path).lastPathComponent
        let stamp = fileName.wholeMatch(of: /crash-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)Z-(\d+)\.log/)?.output
        #expect(stamp?.7 == Substring(String(pid)), "\(fileName)", sourceLocation: sourceLocation)
        let named = stamp.flatMap { s in
            DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                           year: Int(s.1), month: Int(s.2), day: Int(s.3), hour: Int(s.4), minute: Int(s.5), second: Int(s.6)).date
        }
        #expect(named.map { abs($0.timeIntervalSince(time)) < 30 } == true, "\(fileName) at \(time)", sourceLocation: sourceLocation)
        #expect(Self.mode(report.path) == 0o600, sourceLocation: sourceLocation)
        #expect(Self.mode(folder.path) == 0o700, sourceLocation: sourceLocation)

        let text = report.text
        #expect(text.hasPrefix("utmost: the dashboard crashed (\(name)) at "), "\(text.prefix(300))", sourceLocation: sourceLocation)
        #expect(text.contains("Program crashed") && text.contains(" crashed:") && text.contains("Backtrace took"),
                "no backtrace in the report:\n\(text.prefix(3000))", sourceLocation: sourceLocation)
        #expect(!text.contains("Press space") && !text.contains("\u{1B}["), "interactive or coloured:\n\(text.prefix(3000))",
                sourceLocation: sourceLocation)
        return text
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    /// A Swift runtime trap is an illegal instruction on x86_64, a breakpoint trap on arm64.
    static let trapSignal: (Int32, String) = {
        #if arch(x86_64)
        (SIGILL, "SIGILL")
        #else
        (SIGTRAP, "SIGTRAP")
        #endif
    }()

    @Test("#12.8 a Swift trap or a bad pointer in the dashboard: terminal back, report in $XDG_STATE_HOME/utmost/, one line naming it",
          arguments: ["trap", "segv"])
    func crash(_ kind: String) throws {
        let tmux = try crashing(["UTMOST_TEST_CRASH": kind])
        try tmux.waitForDashboard()
        let pid = try #require(ProcessProbe.pid(from: pidFile))
        let time = Date()
        try tmux.send("j")
        let (signal, name) = kind == "trap" ? Self.trapSignal : (SIGSEGV, "SIGSEGV")
        let text = try expectReported(tmux, pid: pid, signal: signal, name: name, at: time)
        // What the runtime said on stderr before the trap is in the report, not on the screen
        // (an optimized build traps without a message).
        #if DEBUG
        if kind == "trap" { #expect(text.contains("Fatal error: Index out of range"), "\(text.prefix(1500))") }
        #endif
        #expect(text.contains("TestCrash.fire()"), "the crashed thread's frames are missing:\n\(text)")
    }

    @Test("#12.8 a fatal signal from outside: terminal back, report in a file, one line naming it",
          arguments: [(SIGSEGV, "SIGSEGV"), (SIGBUS, "SIGBUS"), (SIGILL, "SIGILL"), (SIGABRT, "SIGABRT"), (SIGFPE, "SIGFPE")])
    func fatalSignal(_ signal: Int32, _ name: String) throws {
        let tmux = try crashing()
        try tmux.waitForDashboard()
        let pid = try #require(ProcessProbe.pid(from: pidFile))
        let time = Date()
        kill(pid, signal)
        try expectReported(tmux, pid: pid, signal: signal, name: name, at: time)
    }

    @Test("#12.8 the harness fails a test whose program crashed: a wait throws at once with the report's first lines")
    func harnessWaitCatchesCrash() throws {
        let tmux = try start(["UTMOST_TEST_CRASH": "trap"])
        try tmux.waitForDashboard()
        try tmux.send("j")
        let started = Date()
        let error = try #require(throws: TmuxSession.Crashed.self) {
            try tmux.waitFor("a screen that never comes", timeout: 60) { _ in false }
        }
        #expect(Date().timeIntervalSince(started) < 30, "the wait ran to its end")
        #expect(error.description.contains("Fatal error: Index out of range"), "\(error)")
        #expect(error.description.contains("Program crashed"), "\(error)")
    }

    @Test("#12.8 the harness fails a test whose program crashed: closing the session records an issue with the report's first lines")
    func harnessCloseCatchesCrash() throws {
        let tmux = try start(["UTMOST_TEST_CRASH": "segv"])
        try tmux.waitForDashboard()
        let pid = try #require(ProcessProbe.pid(from: pidFile))
        try tmux.send("j")
        #expect(ProcessProbe.waitGone(pid, timeout: 20))
        withKnownIssue("the dashboard crashed on purpose") {
            tmux.close()
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("crashed in tmux session") && $0.rawValue.contains("Bad pointer dereference") }
        }
    }
}
