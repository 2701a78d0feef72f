import ArgumentParser
import Attribution
import Foundation
import SafeText

/// Where the commands write. Everything meant for a person is cleaned for the
/// terminal here, where it is written (`TerminalText`): a value from the data
/// (a utm value is whatever a visitor typed in a URL) or from an argument never
/// reaches the terminal as a control sequence.
enum Output {
    /// One line or more for a person on stdout: LF kept, every other control
    /// character and invisible character shown as a stand-in.
    static func line(_ text: String) {
        print(TerminalText.lines(text))
    }

    /// Lines for a person on stdout, each cleaned as one line: a newline inside a
    /// line (a deal's name, say) shows as `␊` and cannot forge a line of its own.
    static func lines(_ lines: [String]) {
        for line in lines { print(TerminalText.line(line)) }
    }

    /// Text that already ends in a newline (an aligned table), cleaned as `line` cleans.
    static func text(_ text: String) {
        print(TerminalText.lines(text), terminator: "")
    }

    /// An aligned table, fitted to the terminal's width when stdout is one and whole
    /// otherwise (`TerminalWidth`), cleaned as `line` cleans.
    static func table(_ table: TextTable) {
        text(table.render(maxWidth: TerminalWidth.standardOutput))
    }

    /// A machine format (JSON, CSV) as it is: their encoders escape every control
    /// character themselves (`JSONValue`, `CSVField`), and cleaning would change values.
    static func data(_ text: String) {
        print(text, terminator: "")
    }

    /// A message on stderr, cleaned as one line or more.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.lines(line) + "\n").utf8))
    }
}

/// A refusal by the command line itself (a malformed option value, say).
struct CommandError: Error, CustomStringConvertible {
    var description: String
    /// The exit status: 1, or 64 (EX_USAGE) for a command line that names no command, as argument-parser's own.
    var exitCode: ExitCode
    init(_ description: String, exitCode: ExitCode = .failure) { self.description = description; self.exitCode = exitCode }
}
