import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The width tables are fitted to: a terminal's on stdout, nothing on a pipe or a
/// file, where a cut id or name would be lost to the program reading it.
enum TerminalWidth {
    /// `COLUMNS` when it is set (as for other programs, it overrides the terminal), else
    /// the terminal's own width (TIOCGWINSZ), else 80; nil when stdout is not a terminal.
    static var standardOutput: Int? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        let asked = withUnsafeMutablePointer(to: &size) { ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), $0) }
        return asked == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}
