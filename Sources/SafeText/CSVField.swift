/// Spreadsheet-safe CSV cells (RFC 4180), for every CSV utmost writes.
///
/// - A cell whose first character, after leading white space, is `=`, `+`, `-` or
///   `@` gets a leading `'`, so a spreadsheet never runs it as a formula; so does a
///   cell that starts with a tab or CR. The test is on the first *code point*: `=`
///   followed by a combining accent is one character in Swift but still a formula.
/// - Control characters other than tab, CR and LF are replaced by their stand-ins
///   (`␛`, `<U+009B>`; see `TerminalText`), so a CSV file printed on a terminal
///   cannot command it; tab, CR and LF are kept, inside a quoted cell.
public enum CSVField {
    public static func escape(_ cell: String) -> String {
        var text = ""
        text.reserveCapacity(cell.utf8.count)
        var needsQuotes = false
        for scalar in cell.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D:
                needsQuotes = true
                text.unicodeScalars.append(scalar)
            case 0x22:
                needsQuotes = true
                text += "\"\""
            case 0x2C:
                needsQuotes = true
                text.unicodeScalars.append(scalar)
            case 0..<0x20, 0x7F..<0xA0:
                text += TerminalText.standIn(for: scalar)
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        if startsLikeFormula(cell) { text = "'" + text }
        guard needsQuotes else { return text }
        return "\"" + text + "\""
    }

    /// Whether a spreadsheet could read the cell as a formula.
    static func startsLikeFormula(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first else { return false }
        if first == "\t" || first == "\r" { return true }
        guard let visible = cell.unicodeScalars.first(where: { !$0.properties.isWhitespace }) else { return false }
        return "=+-@".unicodeScalars.contains(visible)
    }
}
