import Foundation

/// OSC 52: the sequence that asks the terminal to put text on the clipboard. The text
/// goes as base64, whose alphabet is letters, digits, `+`, `/` and `=`, so whatever the
/// text holds (an escape, a bell), no byte of it can end the sequence or command the
/// terminal, and the clipboard gets it exactly.
enum Clipboard {
    static func sequence(for text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
