import Foundation

/// A data folder in memory: each file's bytes by name. A file can also be
/// replaced by a directory of that name, which no reader should choke on.
struct DataFolder {
    var files: [String: [UInt8]] = [:]
    var directories: Set<String> = []

    static let names = ["campaigns.csv", "utm_aliases.csv", "assets.csv", "associations.csv", "contacts.csv",
                        "deals.csv", "deal_contacts.csv", "events.csv", "salesforce_members.csv", "salesforce_rules.csv"]

    /// Reads the data files of `url`; `eventLines` keeps only the header and that many events.
    static func load(_ url: URL, eventLines: Int? = nil) -> DataFolder {
        var folder = DataFolder()
        for name in names {
            guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path) else { continue }
            var bytes = [UInt8](data)
            if name == "events.csv", let keep = eventLines {
                var seen = 0
                if let cut = bytes.firstIndex(where: { b in
                    if b == 10 { seen += 1 }
                    return seen > keep
                }) { bytes = Array(bytes[...cut]) }
            }
            folder.files[name] = bytes
        }
        return folder
    }

    static func text(_ files: [String: String]) -> DataFolder {
        DataFolder(files: files.mapValues { Array($0.utf8) })
    }

    var size: Int { files.values.reduce(0) { $0 + $1.count } }

    /// Writes the folder into `url` (which must not hold other data files).
    func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, bytes) in files where !directories.contains(name) {
            try Data(bytes).write(to: url.appendingPathComponent(name))
        }
        for name in directories {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(name), withIntermediateDirectories: true)
        }
    }
}

/// RFC 4180 for the test's own use: parses the valid base files, renders mutated tables back.
enum CSVTable {
    /// The rows of `bytes`, or nil when they are not clean UTF-8 CSV (after a byte mutation, say).
    static func parse(_ bytes: [UInt8]) -> [[String]]? {
        guard var text = String(validating: bytes, as: UTF8.self) else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var inQuotes = false
        var chars = Array(text.unicodeScalars)[...]
        var atCellStart = true
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { chars.removeFirst(); cell.unicodeScalars.append("\"") } else { inQuotes = false }
                } else {
                    cell.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atCellStart:
                inQuotes = true
                atCellStart = false
            case ",":
                row.append(cell); cell = ""; atCellStart = true
            case "\n", "\r":
                if c == "\r", chars.first == "\n" { chars.removeFirst() }
                row.append(cell); cell = ""; atCellStart = true
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            default:
                cell.unicodeScalars.append(c)
                atCellStart = false
            }
        }
        if inQuotes { return nil }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    static func render(_ rows: [[String]]) -> [UInt8] {
        var out = ""
        for row in rows {
            out += row.map { cell in
                cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ",")
            out += "\n"
        }
        return Array(out.utf8)
    }
}
