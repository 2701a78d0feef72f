import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process seen from outside, by pid, through /proc.
public enum ProcessProbe {
    /// Whether the process runs: it exists and is not a zombie (a zombie runs nothing).
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0, let fields = statFields(pid) else { return false }
        return fields.first != "Z"
    }

    /// Whether the process is stopped by job control (state `T`).
    public static func isStopped(_ pid: pid_t) -> Bool {
        statFields(pid)?.first == "T"
    }

    /// Waits until the process is gone; false when it is still there at the deadline.
    public static func waitGone(_ pid: pid_t, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !isAlive(pid) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return !isAlive(pid)
    }

    /// CPU seconds used so far (user + system).
    public static func cpuSeconds(_ pid: pid_t) -> Double? {
        // After the command: utime and stime are fields 14 and 15 of proc(5), 12th and 13th here.
        guard let fields = statFields(pid), fields.count > 12,
              let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
        return (utime + stime) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The pid a wrapper script wrote to `file`, once it is there.
    public static func pid(from file: String, timeout: TimeInterval = 10) -> pid_t? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
               let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// The processes of session `sid` (a tmux pane's processes are in the session of its first one).
    public static func sessionMembers(_ sid: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { pid in
            // state, ppid, pgrp, session
            guard let fields = statFields(pid), fields.count > 3 else { return false }
            return pid_t(fields[3]) == sid
        }
    }

    /// Whether the process ignores `signal` (the SigIgn mask of /proc/<pid>/status).
    public static func ignores(_ signal: Int32, _ pid: pid_t) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigIgn:") }),
              let mask = UInt64(line.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16) else { return false }
        return mask & (1 << UInt64(signal - 1)) != 0
    }

    /// The process's name (its program's file name, at most 15 bytes), as /proc/<pid>/comm has it.
    public static func name(_ pid: pid_t) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
    }

    /// The fields of /proc/<pid>/stat after the command name, from the state on.
    private static func statFields(_ pid: pid_t) -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }
}
