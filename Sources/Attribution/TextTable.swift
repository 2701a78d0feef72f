import Foundation
import CampaignKit

/// Aligned plain-text columns; the first column shrinks (with an ellipsis) to fit a width.
public struct TextTable {
    public struct Column {
        public var title: String
        public var right: Bool
        public init(_ title: String, right: Bool = false) { self.title = title; self.right = right }
    }
    public var columns: [Column]
    public private(set) var rows: [[String]] = []

    public init(columns: [Column]) { self.columns = columns }

    public mutating func add(_ row: [String]) { rows.append(row) }

    public func render(maxWidth: Int) -> String {
        var widths = columns.map { $0.title.count }
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        let total = widths.reduce(0, +) + 2 * (widths.count - 1)
        if total > maxWidth { widths[0] = max(8, widths[0] - (total - maxWidth)) }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                var text = cell
                if text.count > widths[i] { text = String(text.prefix(widths[i] - 1)) + "…" }
                let padding = String(repeating: " ", count: widths[i] - text.count)
                parts.append(columns[i].right ? padding + text : text + padding)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        return ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n") + "\n"
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
