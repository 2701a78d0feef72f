import Attribution
import CampaignKit
import CampaignStore
import Foundation

/// Imports one folder in-process and checks SPEC §7's promises: success or a
/// located error, and after a refusal the store exactly as it was.
final class ImportHarness {
    enum Target: String { case fresh, sampleStore = "sample store" }

    struct Outcome {
        var refused: DataFileError?
        var problems: [String] = []
        var seconds: Double = 0
    }

    let work = Scratch("fuzz")
    let now = Instant(iso8601: "2025-06-01T00:00:00Z")!
    /// A store holding the sample data, copied before each case that imports on top of it.
    let sampleTemplate: String
    let sampleCounts: [String: Int]

    init() throws {
        sampleTemplate = work.file("sample-template.sqlite")
        try CampaignStore.importFolder(Repo.sampleData.path, intoStoreAt: sampleTemplate,
                                       now: Instant(iso8601: "2024-12-31T00:00:00Z")!)
        sampleCounts = try StoreProbe.counts(sampleTemplate)
    }

    /// Writes `folder` and imports it into `target`; `keep` is where the case's folder stays when the process dies.
    func run(_ folder: DataFolder, into target: Target, keep: URL? = nil) -> Outcome {
        let data = keep ?? work.url.appendingPathComponent("case")
        let store = work.file("case.sqlite")
        try? FileManager.default.removeItem(at: data)
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        var outcome = Outcome()
        do { try folder.write(to: data) } catch {
            outcome.problems.append("could not write the case: \(error)")
            return outcome
        }
        let before: [String: Int]
        var beforeBytes: Data?
        if target == .sampleStore {
            try! FileManager.default.copyItem(atPath: sampleTemplate, toPath: store)
            before = sampleCounts
            beforeBytes = StoreProbe.bytes(store)
        } else {
            before = [:]
        }

        let start = ContinuousClock.now
        var summary: ImportSummary?
        var thrown: Error?
        do {
            if target == .fresh {
                summary = try CampaignStore.importFolder(data.path, intoStoreAt: store, now: now)
            } else {
                let opened = try CampaignStore(path: store)
                defer { try? opened.close() }
                summary = try opened.importFolder(data.path, now: now)
            }
        } catch {
            thrown = error
        }
        outcome.seconds = (ContinuousClock.now - start).seconds

        if let thrown {
            if let problem = Self.locationProblem(thrown, folder: folder) { outcome.problems.append(problem) }
            outcome.refused = thrown as? DataFileError
            switch target {
            case .fresh:
                let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []).filter { $0.contains(".importing-") }
                if !leftovers.isEmpty { outcome.problems.append("a refused import left \(leftovers) behind") }
                for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: store + suffix) {
                    outcome.problems.append("a refused import into a new store left \(URL(fileURLWithPath: store + suffix).lastPathComponent) behind")
                }
            case .sampleStore:
                if StoreProbe.bytes(store) != beforeBytes { outcome.problems.append("a refused import changed the store's bytes") }
                do {
                    let after = try StoreProbe.counts(store)
                    if after != before { outcome.problems.append("a refused import changed row counts: \(Self.delta(before, after))") }
                } catch {
                    outcome.problems.append("the store cannot be read after a refusal: \(error)")
                }
            }
        } else if let summary {
            outcome.problems += checkImported(summary, store: store, before: before)
        }
        return outcome
    }

    /// All of it: the rows the summary announces are there, the file is sound, and a report can be made.
    private func checkImported(_ s: ImportSummary, store: String, before: [String: Int]) -> [String] {
        var problems: [String] = []
        do {
            let after = try StoreProbe.counts(store)
            func added(_ table: String) -> Int { (after[table] ?? 0) - (before[table] ?? 0) }
            let expected = ["campaigns": s.campaigns, "assets": s.assets, "associations": s.associations,
                            "contacts": s.contacts, "deals": s.deals, "deal_contacts": s.dealContacts, "events": s.events,
                            "salesforce_rules": s.salesforceRules, "imports": 1]
            for (table, count) in expected where added(table) != count {
                problems.append("imported \(count) \(table) but the store gained \(added(table))")
            }
            let integrity = try StoreProbe.integrity(store)
            if integrity != "ok" { problems.append("integrity_check: \(integrity)") }
            let opened = try CampaignStore(path: store)
            defer { try? opened.close() }
            let analysis = Analysis(CompiledData(try opened.loadDataset()), asOf: now)
            for window in [ReportWindow(), ReportWindow(from: CalendarDate(year: 2024, month: 1, day: 1),
                                                        to: CalendarDate(year: 2024, month: 12, day: 31),
                                                        zone: TimeZone(identifier: "Europe/Amsterdam")!)] {
                let report = analysis.report(window: window)
                _ = ReportFormatter.json(report)
                _ = ReportFormatter.table(report, models: AttributionModel.builtIn)
                let csv = ReportFormatter.csv(report)
                problems += ExportChecks.formulaProblems(csv: csv)
            }
        } catch {
            problems.append("after a successful import: \(error)")
        }
        return problems
    }

    /// Nil when the error is a `DataFileError` located as `file:line:column`, else what is missing.
    static func locationProblem(_ error: Error, folder: DataFolder) -> String? {
        guard let e = error as? DataFileError else { return "not a located error: \(type(of: error)): \(error)" }
        if e.description.utf8.count > 2_000 {
            return "the message is \(e.description.utf8.count) bytes long: \(e.description.prefix(200))…"
        }
        if let bad = e.description.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) }) {
            return "the message holds the control character U+\(String(bad.value, radix: 16)): \(e.description.debugDescription.prefix(300))"
        }
        if e.message.hasPrefix("the folder holds none of the data files") {
            return folder.files.keys.contains(where: { !folder.directories.contains($0) }) ? "\(e)" : nil
        }
        guard DataFolder.names.contains(e.file) else { return "the error names no data file: \(e)" }
        if e.message.hasPrefix("not a regular file") {
            return folder.directories.contains(e.file) ? nil : "\(e)"
        }
        guard let line = e.line, line >= 1 else { return "no line: \(e)" }
        let unlocatedColumn = ["missing required column", "the file is empty"]
        // A column the header lacks is named rather than numbered.
        if e.column == nil && e.columnName == nil && !unlocatedColumn.contains(where: e.message.hasPrefix) { return "no column: \(e)" }
        if let bytes = folder.files[e.file] {
            let lines = bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) } + bytes.reduce(0) { $0 + ($1 == 13 ? 1 : 0) }
            if line > lines { return "line \(line) is past the end of the file: \(e)" }
        }
        return nil
    }

    static func delta(_ a: [String: Int], _ b: [String: Int]) -> String {
        Set(a.keys).union(b.keys).sorted().compactMap { t in
            a[t] == b[t] ? nil : "\(t) \(a[t] ?? 0) -> \(b[t] ?? 0)"
        }.joined(separator: ", ")
    }

    /// The process's resident memory now, in MB (Linux), for a bound on growth.
    static func residentMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
