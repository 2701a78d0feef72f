import Foundation

/// Text from clients (user names, key comments) made safe for the operator's terminal:
/// control and format characters are written as `\u{…}`, and it is cut at 64 characters.
enum LogText {
    static func clean(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(64) {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 64 ? out + "…" : out
    }

    /// A duration as `4.2s`, `30m`, `12m05s` or `1h02m`.
    static func duration(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds)
        if whole < 3600 { return "\(whole / 60)m" + (whole % 60 == 0 ? "" : String(format: "%02ds", whole % 60)) }
        return "\(whole / 3600)h" + String(format: "%02dm", whole / 60 % 60)
    }
}
