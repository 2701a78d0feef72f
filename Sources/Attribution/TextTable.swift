import Foundation
import CampaignKit
import SafeText

/// Aligned plain-text columns. Given a width, the text columns narrow to fit it,
/// the widest first, each cut with an ellipsis; numbers and ids are never cut.
public struct TextTable {
    public struct Column {
        public var title: String
        /// Right-aligned: a number, never cut.
        public var right: Bool
        /// Never cut: an id, which a cut makes useless.
        public var whole: Bool
        public init(_ title: String, right: Bool = false, whole: Bool = false) {
            self.title = title; self.right = right; self.whole = whole
        }
    }
    public var columns: [Column]
    public private(set) var rows: [[String]] = []

    /// Text columns narrow down to this many columns first (no further than their widest
    /// cell), then, when the table still does not fit, down to a lone ellipsis.
    static let floors = [8, 1]

    public init(columns: [Column]) { self.columns = columns }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// The table as lines of text, columns aligned by display width (a wide
    /// character takes two columns, an accent none). Every cell is cleaned for the
    /// terminal (`TerminalText.line`): a value never commands the terminal, nor
    /// breaks its row with a newline.
    /// - Parameter maxWidth: the width to fit, cutting text where the table is wider (a
    ///   terminal's); nil cuts nothing (a pipe or a file, where a cut id is a lost one).
    public func render(maxWidth: Int?) -> String {
        let titles = columns.map { TerminalText.line($0.title) }
        let cleanRows = rows.map { $0.map { TerminalText.line($0) } }
        // Each cell measured once: a report has tens of thousands.
        let titleWidths = titles.map { DisplayWidth.columns(ofClean: $0) }
        let rowWidths = cleanRows.map { $0.map { DisplayWidth.columns(ofClean: $0) } }
        var widths = titleWidths
        for row in rowWidths {
            for (i, width) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width) }
        }
        if let maxWidth { widths = fitted(widths, into: maxWidth) }
        var out = ""
        func line(_ cells: [String], _ cellWidths: [Int]) {
            var s = ""
            for (i, cell) in cells.enumerated() where i < widths.count {
                if i > 0 { s += "  " }
                var text = cell, width = cellWidths[i]
                if width > widths[i] {
                    text = Self.truncated(cell, to: widths[i])
                    width = DisplayWidth.columns(ofClean: text)
                }
                let padding = String(repeating: " ", count: max(0, widths[i] - width))
                s += columns[i].right ? padding + text : text + padding
            }
            while s.hasSuffix(" ") { s.removeLast() }
            out += s
            out += "\n"
        }
        line(titles, titleWidths)
        for (cells, cellWidths) in zip(cleanRows, rowWidths) { line(cells, cellWidths) }
        return out
    }

    /// The widths narrowed, a column at a time and the widest text column first, until
    /// the lines fit `width` or no text column can give more.
    private func fitted(_ natural: [Int], into width: Int) -> [Int] {
        var widths = natural
        var excess = widths.reduce(0, +) + 2 * max(0, widths.count - 1) - width
        for floor in Self.floors {
            while excess > 0 {
                let narrowable = widths.indices.filter { !columns[$0].right && !columns[$0].whole && widths[$0] > floor }
                guard let widest = narrowable.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                excess -= 1
            }
        }
        return widths
    }

    /// Clean text cut to `width` columns, its last column an ellipsis when cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard DisplayWidth.columns(ofClean: text) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.columns(ofCleanCluster: character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `15,250.00`: two decimals with thousands grouping, for people.
    public static func amount(_ value: Decimal) -> String {
        let plain = Money.format(value)
        let negative = plain.hasPrefix("-")
        let digits = negative ? String(plain.dropFirst()) : plain
        let parts = digits.split(separator: ".")
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return (negative ? "-" : "") + whole + grouped + "." + parts[1]
    }
}
