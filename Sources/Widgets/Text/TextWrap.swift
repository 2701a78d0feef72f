import SafeText
import Foundation

/// Word wrapping for popups: lines break at spaces, words longer than the
/// width break anywhere, leading indentation is kept on continuation lines.
/// The text is cleaned for the terminal first, so widths are those shown.
public enum TextWrap {
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let line = TerminalText.line(text)
        if line.displayWidth <= width { return [line] }
        let indent = String(line.prefix { $0 == " " }.prefix(max(0, width / 2)))
        var out: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            let lead = out.isEmpty && current.isEmpty ? String(line.prefix { $0 == " " }) : (current.isEmpty ? indent : "")
            let candidate = current.isEmpty ? lead + word : current + " " + word
            if candidate.displayWidth <= width { current = candidate; continue }
            if !current.isEmpty { out.append(current) }
            current = indent
            while (current + word).displayWidth > width {
                let take = max(1, prefixLength(of: word, columns: width - current.displayWidth))
                out.append(current + word.prefix(take))
                word = word.dropFirst(take)
                current = indent
            }
            current += word
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { out.append(current) }
        return out
    }

    /// How many characters of `word` fit in `columns`.
    private static func prefixLength(of word: Substring, columns: Int) -> Int {
        var used = 0, count = 0
        for character in word {
            used += DisplayWidth.columns(ofCleanCluster: character)
            if used > columns { break }
            count += 1
        }
        return count
    }
}
