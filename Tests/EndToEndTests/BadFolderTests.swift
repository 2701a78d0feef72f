import Foundation
import Testing

/// SPEC §7 through the binary: a copy of `sample-data/` with one defect, imported into
/// a store that already holds a campaign. The import must fail with a non-zero exit and
/// one line `utmost: FILE:LINE:COLUMN ...`, and leave the store's files byte for byte
/// as they were.
@Suite("Bad folders (§7)")
struct BadFolderTests {
    /// One defect: where it is made and what the error must point at.
    struct Defect: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        /// Makes the defect in the file's rows (header first); returns the 1-based line
        /// the error must name.
        var edit: @Sendable (inout [[String]]) throws -> Int
        /// Words the message must contain (the bad value, say).
        var mentions: [String] = []
        /// A missing column has no position to point at: its name is the column.
        var columnNumber = true

        var testDescription: String { name }
    }

    static let defects: [Defect] = [
        Defect(name: "malformed instant", file: "events.csv", edit: { rows in
            try set(&rows, line: 5, "time", "2023-13-45T11:51:30Z")
        }, mentions: ["2023-13-45T11:51:30Z"]),
        Defect(name: "unknown asset type", file: "assets.csv", edit: { rows in
            try set(&rows, line: 3, "type", "podcast")
        }, mentions: ["podcast"]),
        Defect(name: "event naming an unknown asset", file: "events.csv", edit: { rows in
            let line = try first(rows, "type", "email_open")
            return try set(&rows, line: line, "asset_id", "a-no-such-email")
        }, mentions: ["a-no-such-email"]),
        Defect(name: "event naming an unknown contact", file: "events.csv", edit: { rows in
            let line = try first(rows, "type", "email_open")
            return try set(&rows, line: line, "contact_id", "k9999")
        }, mentions: ["k9999"]),
        Defect(name: "event whose asset has the wrong type", file: "events.csv", edit: { rows in
            let line = try first(rows, "type", "email_open")
            return try set(&rows, line: line, "asset_id", "a-form-demo")
        }, mentions: ["a-form-demo"]),
        Defect(name: "negative amount", file: "deals.csv", edit: { rows in
            try set(&rows, line: 4, "amount", "-250.00")
        }, mentions: ["-250.00"]),
        Defect(name: "malformed amount", file: "deals.csv", edit: { rows in
            try set(&rows, line: 4, "amount", "12.5.0")
        }, mentions: ["12.5.0"]),
        Defect(name: "closed deal without close date", file: "deals.csv", edit: { rows in
            let line = try first(rows, "stage", "closed_won")
            return try set(&rows, line: line, "close_date", "")
        }),
        Defect(name: "dissociated_at not after associated_at", file: "associations.csv", edit: { rows in
            let line = try first(rows, "asset_id", "a-lp-templates")
            let start = try cell(rows, line: line, "associated_at")
            return try set(&rows, line: line, "dissociated_at", start)
        }),
        Defect(name: "overlapping associations of one asset", file: "associations.csv", edit: { rows in
            // The templates page moved on 2024-02-01; let its second interval start earlier.
            let line = try first(rows, "asset_id", "a-lp-templates") + 1
            return try set(&rows, line: line, "associated_at", "2024-01-15T00:00:00Z")
        }, mentions: ["a-lp-templates"]),
        Defect(name: "one utm key given to two campaigns", file: "campaigns.csv", edit: { rows in
            let line = try first(rows, "id", "c-ads")
            return try set(&rows, line: line, "utm_campaign", "Spring-Launch")
        }),
        Defect(name: "a visitor id claimed by two contacts", file: "contacts.csv", edit: { rows in
            let visitor = try cell(rows, line: 2, "visitor_ids")
            return try set(&rows, line: 3, "visitor_ids", visitor)
        }, mentions: ["k0001", "k0002"]),
        Defect(name: "duplicate id", file: "assets.csv", edit: { rows in
            let id = try cell(rows, line: 2, "id")
            return try set(&rows, line: 3, "id", id)
        }),
        Defect(name: "malformed colour", file: "campaigns.csv", edit: { rows in
            try set(&rows, line: 3, "color", "#12345g")
        }, mentions: ["#12345g"]),
        Defect(name: "missing required column", file: "contacts.csv", edit: { rows in
            let index = try column(rows, "created_at")
            for i in rows.indices { rows[i].remove(at: index) }
            return 1
        }, mentions: ["created_at"], columnNumber: false),
    ]

    @Test("§7 a bad folder: non-zero exit, file:line:column, the store's bytes unchanged", arguments: defects)
    func badFolder(_ defect: Defect) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let created = try scratch.utmost("campaign", "create", "Existing", "--now", "2024-01-01T00:00:00Z")
        #expect(created.status == 0, "\(created)")

        let folder = scratch.folder.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: CLI.sampleData.path) where file.hasSuffix(".csv") {
            try FileManager.default.copyItem(at: CLI.sampleData.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let url = folder.appendingPathComponent(defect.file)
        var rows = CSVText.parse(try String(contentsOf: url, encoding: .utf8))
        let line = try defect.edit(&rows)
        try CSVText.write(rows).write(to: url, atomically: false, encoding: .utf8)

        let before = try scratch.storeFiles()
        let run = try scratch.utmost("import", folder.path)
        #expect(run.status != 0, "refused")
        #expect(run.errorLines.count == 1, "one line: \(run.stderr)")
        let prefix = "utmost: \(defect.file):\(line):"
        #expect(run.stderr.hasPrefix(prefix), "names \(prefix)<column>: \(run.stderr)")
        let column = run.stderr.dropFirst(prefix.count).prefix { $0.isNumber }
        if defect.columnNumber { #expect(!column.isEmpty, "a column number after the line: \(run.stderr)") }
        for word in defect.mentions { #expect(run.stderr.contains(word), "mentions \(word): \(run.stderr)") }
        #expect(try scratch.storeFiles() == before, "the store's files, byte for byte")
        #expect(try scratch.campaigns().count == 1, "nothing imported")
    }

    // MARK: - Editing rows

    struct NoSuch: Error, CustomStringConvertible { var description: String }

    static func column(_ rows: [[String]], _ name: String) throws -> Int {
        guard let index = rows.first?.firstIndex(of: name) else { throw NoSuch(description: "no column \(name)") }
        return index
    }

    static func cell(_ rows: [[String]], line: Int, _ name: String) throws -> String {
        rows[line - 1][try column(rows, name)]
    }

    /// Sets a cell; returns the line.
    @discardableResult
    static func set(_ rows: inout [[String]], line: Int, _ name: String, _ value: String) throws -> Int {
        let index = try column(rows, name)
        rows[line - 1][index] = value
        return line
    }

    /// The first data line whose cell in `name` is `value`.
    static func first(_ rows: [[String]], _ name: String, _ value: String) throws -> Int {
        let index = try column(rows, name)
        guard let row = rows.indices.dropFirst().first(where: { rows[$0][index] == value }) else {
            throw NoSuch(description: "no row with \(name) = \(value)")
        }
        return row + 1
    }
}

extension CSVText {
    /// Rows back to CSV text, quoting where RFC 4180 needs it.
    static func write(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { cell in
                cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}
