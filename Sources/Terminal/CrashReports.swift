import Foundation
import CNcursesw

/// Where a crash of the dashboard leaves its report, and how Swift's backtracer is set
/// up to write it there instead of over the screen.
///
/// The crash handler (shim.h) gives the terminal back, then has the backtracer write into
/// `crash-<UTC time>-<pid>.log` of the state folder and names that file in one line on
/// stderr. The backtracer reads `SWIFT_BACKTRACE` once, as the process starts, and by
/// default on a terminal it colours its report, writes it on stdout and waits 30 s at
/// "Press space to interact": too late to change from inside, so the dashboard runs
/// itself again with `settings` first (`restartWithBacktraceSettings`).
public enum CrashReports {
    /// What the dashboard runs with when `SWIFT_BACKTRACE` is unset or empty: no colour,
    /// no waiting for a key, the report on stderr (which the crash handler makes the file).
    public static let settings = "enable=yes,interactive=no,color=no,output-to=stderr"

    /// `$XDG_STATE_HOME/utmost` (an absolute path), else `~/.local/state/utmost`.
    public static func folder(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("utmost").path
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }.map(URL.init(fileURLWithPath:))
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/state/utmost").path
    }

    /// Tells the crash handler where reports go; the folder is made only for a report.
    static func prepare(environment: [String: String]) {
        cn_crash_report_folder(folder(environment: environment))
    }

    /// When `SWIFT_BACKTRACE` is unset or empty and stdin and stdout are a terminal (the
    /// dashboard's case), replaces this process with the same program, arguments and pid,
    /// `SWIFT_BACKTRACE=settings` added. Call before anything else happens. Returns when
    /// there is nothing to do (a set `SWIFT_BACKTRACE` is the user's choice, kept) or the
    /// program cannot be run again (the backtracer then keeps its defaults).
    public static func restartWithBacktraceSettings(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard environment["SWIFT_BACKTRACE"]?.isEmpty ?? true, cn_isatty_stdio() != 0 else { return }
        // The program's own path, not /proc/self/exe: the process's name is the file's name.
        guard let program = Bundle.main.executablePath else { return }
        setenv("SWIFT_BACKTRACE", settings, 1)
        execv(program, CommandLine.unsafeArgv)
        unsetenv("SWIFT_BACKTRACE")
    }
}
