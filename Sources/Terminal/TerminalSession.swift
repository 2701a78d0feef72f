import Foundation
import Widgets

/// Takes the terminal for a full-screen program and gives it back on every way out.
///
/// The signals that end the program (SIGINT, SIGTERM, SIGHUP, SIGQUIT) and a SIGTSTP
/// from outside reach the program as events of the device's reads (`SignalTrap`), so
/// the terminal is restored here, by the normal path, when `body` returns; a crash
/// restores it in its handler and writes its report to a file (`CrashReports`).
public enum TerminalSession {
    /// Opens the terminal, runs `body` on it, and restores it, also when opening fails.
    /// Throws `TerminalError` when stdin and stdout are not a usable terminal.
    /// - Parameter mouse: the terminal reports clicks and the wheel (`--no-mouse` turns it off).
    @MainActor
    public static func run<Result>(theme: Theme, ascii: Bool, noColor: Bool, mouse: Bool = true,
                                   environment: [String: String] = ProcessInfo.processInfo.environment,
                                   _ body: (CursesScreen) async -> Result) async throws -> Result {
        SignalTrap.install()
        defer { SignalTrap.uninstall() }
        CrashReports.prepare(environment: environment)
        let screen = try CursesScreen(theme: theme, ascii: ascii, noColor: noColor, mouse: mouse)
        defer { screen.close() }
        return await body(screen)
    }
}
