import Foundation

/// What a spreadsheet must not run: a cell that begins with = + - @ (or a tab or CR before them).
enum ExportChecks {
    static func formulaProblems(csv: String) -> [String] {
        guard let rows = CSVTable.parse(Array(csv.utf8)) else { return ["the CSV export does not parse"] }
        var problems: [String] = []
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() {
                guard let first = cell.unicodeScalars.first else { continue }
                if "=+-@\t\r".unicodeScalars.contains(first) {
                    problems.append("CSV export row \(r + 1) cell \(c + 1) begins with a formula character: \(cell.prefix(40))")
                }
            }
        }
        return problems
    }
}
