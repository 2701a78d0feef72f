import Foundation
import HostileText
import Testing

/// Issue 12 item 1: no output of any command commands the terminal, whatever the data
/// holds. Data folders full of hostile strings (random code points, every byte
/// percent-encoded in URLs, known escape-sequence attacks) go through the real
/// binary's every text surface.
@Suite("#12.1 hostile data through every output path of the binary", .serialized)
struct TerminalSafetyTests {
    static let seeds: [UInt64] = Array(1...8)

    /// Output meant for a terminal: no control byte but LF, nothing invisible.
    func expectTerminalSafe(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let controls = TerminalBytes.controls(in: text, allowed: [0x0A])
        #expect(controls.isEmpty, "\(what): control bytes \(controls.prefix(5).map { String($0.byte, radix: 16) }) in\n\(text)", sourceLocation: sourceLocation)
        let invisible = TerminalBytes.invisible(in: text)
        #expect(invisible.isEmpty, "\(what): invisible characters \(invisible.prefix(5).map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
    }

    /// CSV output: tab, CR and LF only inside quoted cells, rows end in LF, no other control.
    func expectCSVSafe(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(TerminalBytes.controls(in: text, allowed: [0x09, 0x0A, 0x0D]).isEmpty, "\(what): control bytes", sourceLocation: sourceLocation)
        var quoted = false
        for byte in text.utf8 {
            if byte == 0x22 { quoted.toggle(); continue }
            if !quoted && (byte == 0x09 || byte == 0x0D) {
                Issue.record("\(what): a tab or CR outside a quoted cell", sourceLocation: sourceLocation)
                return
            }
        }
    }

    @Test("#12.1 report (table, CSV, JSON), explain, campaign list, import and Salesforce export on hostile data", arguments: seeds)
    func everySurface(seed: UInt64) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let data = try HostileFolder(seed: seed, in: scratch.folder)

        let imported = try scratch.utmost("import", data.folder.path)
        #expect(imported.status == 0, "\(imported)")
        expectTerminalSafe(imported.stdout + imported.stderr, "import")

        for arguments in [["report", "--as-of", "2024-06-01T00:00:00Z"], ["explain", "url", data.pageURL],
                          ["explain", "campaign", "c1"], ["explain", "asset", "a1"], ["explain", "asset", "a2"],
                          ["explain", "contact", "k1"], ["explain", "deal", "d1"], ["campaign", "list"],
                          ["salesforce", "rule", "list"]] {
            let result = try CLI.run(arguments + ["--db", scratch.db])
            #expect(result.status == 0, "\(arguments): \(result)")
            expectTerminalSafe(result.stdout + result.stderr, arguments.joined(separator: " "))
        }

        let csv = try scratch.utmost("report", "--format", "csv")
        expectCSVSafe(csv.stdout, "report --format csv")
        let export = scratch.folder.appendingPathComponent("members.csv")
        let exported = try scratch.utmost("salesforce", "export", export.path, "--all")
        expectTerminalSafe(exported.stdout + exported.stderr, "salesforce export")
        if let file = try? String(contentsOf: export, encoding: .utf8) { expectCSVSafe(file, "the Salesforce export") }

        // JSON keeps exact values, escaped: it parses back to the names the data holds.
        let json = try scratch.utmost("report", "--format", "json")
        #expect(TerminalBytes.controls(in: json.stdout, allowed: [0x0A]).isEmpty)
        #expect(TerminalBytes.invisible(in: json.stdout).isEmpty)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let names = (report?["campaigns"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == data.campaignNames.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        let list = try scratch.utmost("campaign", "list", "--format", "json")
        #expect(TerminalBytes.controls(in: list.stdout, allowed: [0x0A]).isEmpty)
        #expect(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) is [Any])
    }

    @Test("#12.1 errors that echo a value clean it: an unknown id with bidi and zero-width characters")
    func errorsClean() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let result = try scratch.utmost("explain", "asset", "a\u{202E}1\u{200B}")
        #expect(result.status != 0)
        #expect(result.stderr.contains("a<U+202E>1<U+200B>"), "\(result)")
        expectTerminalSafe(result.stderr, "error")
    }

    @Test("#12.1 values typed on the command line cannot hold control characters (owner, notes, utm values, URLs)")
    func typedValues() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let before = try scratch.storeFiles()
        for arguments in [["campaign", "create", "X", "--owner", "\u{1B}]0;t\u{07}"], ["utm", "attach", "a\u{1B}[2J", "c-spring"],
                          ["url", "c-spring", "https://x.com/\u{7}", "--source", "s", "--medium", "m"],
                          ["url", "c-spring", "https://x.com/", "--source", "s\u{9B}", "--medium", "m"],
                          ["salesforce", "rule", "add", "a-form-webinar", "701\u{1B}", "--status", "x"]] {
            let result = try CLI.run(arguments + ["--db", scratch.db])
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("control character"), "\(result)")
            expectTerminalSafe(result.stderr, arguments.joined(separator: " "))
        }
        #expect(try scratch.storeFiles() == before)
        let notes = try scratch.utmost("campaign", "create", "Multi-line notes", "--notes", "first line\nsecond line")
        #expect(notes.status == 0, "\(notes)")
    }
}
