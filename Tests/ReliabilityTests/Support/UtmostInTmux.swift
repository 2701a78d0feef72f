import Foundation
import TmuxHarness

extension TmuxSession {
    /// A command line that runs the binary in the pane's environment (its TERM included)
    /// plus a private HOME, a UTF-8 locale and `extra` variables, writes its pid to
    /// `pidFile`, and, when it ends, prints `EXIT=<status>` and whether the terminal is
    /// back in canonical mode with echo, then `TTY`.
    static func utmostCommand(_ arguments: [String], environment extra: [String: String] = [:], pidFile: String,
                              redirect: String = "") -> String {
        var env = ["HOME": NSTemporaryDirectory(), "LC_ALL": "C.UTF-8"]
        for (k, v) in extra { env[k] = v }
        let assignments = env.map { "\($0.key)=\(quote($0.value))" }.sorted().joined(separator: " ")
        let run = "echo $$ > \(quote(pidFile)); exec env -u UTMOST_DB -u XDG_DATA_HOME -u NO_COLOR -u UTMOST_THEME \(assignments) \(quote(Binary.path.path)) \(arguments.map(quote).joined(separator: " ")) \(redirect)"
        return "sh -c \(quote(run)); echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' '; echo TTY; sleep 60"
    }

    /// Waits for the dashboard drawn with its numbers in: the campaigns pane and the status
    /// bar's refresh time, nothing still computing.
    @discardableResult
    func waitForDashboard(timeout: TimeInterval = 20) throws -> String {
        try waitFor("the dashboard with its numbers", timeout: timeout) {
            $0.contains("refreshed") && $0.contains("Campaigns") && !$0.contains("computing")
        }
    }
}
