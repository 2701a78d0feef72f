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

    func resize(width: Int, height: Int) throws {
        try Self.tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    func killPane() throws { try Self.tmux(["kill-pane", "-t", name]) }

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

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
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
