import Foundation

/// Word wrapping for popups: lines break at spaces, words longer than the
/// width break anywhere, leading indentation is kept on continuation lines.
enum TextWrap {
    static func wrap(_ line: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        if line.terminalWidth <= width { return [line] }
        let indent = String(line.prefix { $0 == " " }.prefix(max(0, width / 2)))
        var out: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            let lead = out.isEmpty && current.isEmpty ? String(line.prefix { $0 == " " }) : (current.isEmpty ? indent : "")
            let candidate = current.isEmpty ? lead + word : current + " " + word
            if candidate.terminalWidth <= width { current = candidate; continue }
            if !current.isEmpty { out.append(current) }
            current = indent
            while (current + word).terminalWidth > width {
                let take = max(1, width - current.terminalWidth)
                out.append(current + word.prefix(take))
                word = word.dropFirst(take)
                current = indent
            }
            current += word
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { out.append(current) }
        return out
    }
}
