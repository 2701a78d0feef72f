import Foundation
import Testing
import TmuxHarness
#if canImport(Glibc)
import Glibc
#endif

/// The real `utmost` binary in a tmux session, and what the terminal looks like after it exits.
///
/// The session runs a small bash script in its folder: it starts utmost (writing utmost's
/// pid to `pid`), and when utmost exits it writes the exit status to `status`, the
/// terminal's modes (`stty -a`) to `stty`, then prints `AFTER-EXIT> ` and reads one line
/// the plain way, echoing it back as `got:[...]`: a terminal left raw or without echo
/// shows up there.
extension TmuxSession {
    static let afterExitPrompt = "AFTER-EXIT> "

    /// Starts `utmost arguments...` in a new `width`×`height` session.
    /// The environment is a clean one for a UTF-8 terminal (`LANG=C.UTF-8`,
    /// `TERM=tmux-256color`, no `NO_COLOR`, no user theme or store), then `environment`
    /// on top; `unset` removes variables (say `LANG`).
    convenience init(utmost arguments: [String], label: String, width: Int = 120, height: Int = 35,
                     environment: [String: String] = [:], unset: [String] = []) throws {
        let binary = try CLI.binary().path
        try self.init(label: label, width: width, height: height, exited: { Self.exitStatus(in: $0).map { String($0) } }) { folder in
            var env: [String: String] = [
                "LANG": "C.UTF-8", "TERM": "tmux-256color",
                "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
                "XDG_DATA_HOME": folder.appendingPathComponent("data").path, "HOME": folder.path,
            ]
            for (key, value) in environment { env[key] = value }
            for key in unset { env[key] = nil }
            let removed = ["LC_ALL", "LC_CTYPE", "LC_MESSAGES", "NO_COLOR", "UTMOST_DB", "UTMOST_THEME", "COLORTERM"] + unset
            let command = ([binary] + arguments).map(Self.quote).joined(separator: " ")
            let script = """
                #!/usr/bin/env bash
                # A signal for utmost must not end this script: its checks run after utmost exits.
                trap ':' INT
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
            return "bash \(Self.quote(scriptURL.path))"
        }
    }

    /// utmost's pid, once it has started.
    var utmostPID: pid_t? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("pid"), encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether utmost is still running (it has not exited, and is not a zombie).
    var isRunning: Bool {
        guard let pid = utmostPID, exitStatus() == nil else { return false }
        return ProcessProbe.isAlive(pid)
    }

    /// Waits until utmost has started and written its pid.
    func waitForStart(timeout: TimeInterval = 15) throws -> pid_t {
        try waitFor("utmost to start", timeout: timeout) { _ in self.utmostPID != nil }
        return utmostPID!
    }

    /// utmost's exit status, once it has exited.
    func exitStatus() -> Int32? { Self.exitStatus(in: folder) }

    private static func exitStatus(in folder: URL) -> Int32? {
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
