import Foundation
import Testing

extension Reliability {
    /// Issue 8 §6: what utmost writes out is safe to open and never half-written.
    @Suite struct ExportSafety {
        static let hostile = ["=HYPERLINK(\"http://evil.example/\",\"click\")", "+SUM(1+1)", "-2+3", "@cmd|' /C calc'!A0",
                              "=1,2", "Plain, with \"quotes\""]

        @Test("§6 report --format csv: formula-leading ids, names and utm values are escaped, and the CSV parses back")
        func formulaCells() throws {
            let scratch = Scratch("csv")
            let data = scratch.folder("data")
            var rows = ["id,name,created_at,utm_campaign"]
            for (i, text) in Self.hostile.enumerated() {
                let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let id = i % 2 == 0 ? "=c\(i)" : "c\(i)"
                rows.append("\(id),\(quoted),2024-01-0\(i + 1)T00:00:00Z,\(i % 3 == 0 ? "=utm\(i)" : "")")
            }
            try (rows.joined(separator: "\n") + "\n").write(to: data.appendingPathComponent("campaigns.csv"), atomically: false, encoding: .utf8)
            let db = scratch.file("s.sqlite")
            let imported = try Binary.run(["import", data.path, "--db", db])
            try #require(imported.status == 0, "\(imported.stderr)")
            let created = try Binary.run(["campaign", "create", "@SUM(A1:A9)", "--db", db])
            #expect(created.status == 0, "\(created.stderr)")

            let run = try Binary.run(["report", "--db", db, "--format", "csv"])
            try #require(run.status == 0, "\(run.stderr)")
            #expect(ExportChecks.formulaProblems(csv: run.stdout).isEmpty, "\(ExportChecks.formulaProblems(csv: run.stdout))")
            let table = try #require(CSVTable.parse(Array(run.stdout.utf8)))
            #expect(table.allSatisfy { $0.count == table[0].count }, "rows of different widths:\n\(run.stdout)")
            let names = Set(table.dropFirst().map { $0[1] })
            for text in Self.hostile + ["@SUM(A1:A9)"] {
                let expected = "=+-@".contains(text.first!) ? "'" + text : text
                #expect(names.contains(expected), "\(expected) not in \(names)")
            }
        }

        @Test("§6 a new store appears whole, at once: built under a temporary name, then linked into place")
        func storeAppearsAtomically() throws {
            let scratch = Scratch("atomic")
            let folder = scratch.folder("big")
            for name in DataFolder.names where name != "events.csv" {
                let source = Repo.sampleData.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: source.path) {
                    try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(name))
                }
            }
            try CrashDuringWrite.bigEvents(100_000, into: folder)
            let target = scratch.folder("out").appendingPathComponent("new.sqlite").path
            let process = try Binary.start(["import", folder.path, "--db", target])
            var sawTemporary = false, sawTargetEarly = false
            while process.isRunning {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: scratch.file("out"))) ?? []
                if names.contains(where: { $0.hasPrefix(".new.sqlite.importing-") }) { sawTemporary = true }
                if names.contains("new.sqlite") && process.isRunning {
                    // It may appear only in the last instant, linked whole: then it is already complete.
                    if let counts = try? StoreProbe.counts(target), counts["events"] ?? 0 < 100_000 { sawTargetEarly = true }
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
            #expect(process.terminationStatus == 0)
            #expect(sawTemporary, "the store was not built under a temporary name")
            #expect(!sawTargetEarly, "the store was visible before it was whole")
            // SQLite's own -wal and -shm may be there (the probe above opened the store).
            let left = try FileManager.default.contentsOfDirectory(atPath: scratch.file("out"))
                .filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
            #expect(left == ["new.sqlite"], "left behind: \(left)")
            #expect(try StoreProbe.integrity(target) == "ok")
        }
    }
}
