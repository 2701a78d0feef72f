import CampaignStore
import Foundation
import Testing

extension Reliability {
    /// Issue 8 §1: hostile data folders, imported in-process.
    @Suite struct FuzzImport {
        /// Where the case being run is written, so a crash leaves it behind for the corpus
        /// (named with the process id: two test runs at once must not write each other's cases).
        static let lastCase = FileManager.default.temporaryDirectory.appendingPathComponent("utmost-fuzz-last-case-\(getpid())")

        @Test("§7 fuzzed import: every case is imported whole or refused at file:line:column, store untouched",
              .timeLimit(.minutes(20)))
        func fuzzedImport() throws {
            let harness = try ImportHarness()
            let sampleSmall = DataFolder.load(Repo.sampleData, eventLines: 300)
            let sampleFull = DataFolder.load(Repo.sampleData)
            let moreEvents = DataFolder.load(Repo.sampleData.appendingPathComponent("more-events"))
            let cases = Budget.fuzzCases, seed = Budget.fuzzSeed
            let startRSS = ImportHarness.residentMB()
            var imported = 0, refused = 0, slowest = 0.0, peakRSS = startRSS
            var failures: [String] = []
            var messages: [String: Int] = [:]
            for index in 0..<cases {
                var rng = SplitMix64(seed: seed, case: index)
                let target: ImportHarness.Target = rng.chance(0.45) ? .fresh : .sampleStore
                var folder: DataFolder
                switch (target, rng.int(0..<10)) {
                case (.fresh, 0): folder = sampleFull
                case (.fresh, 1...5): folder = sampleSmall
                case (.fresh, _): folder = BaseFolders.tiny
                case (.sampleStore, 0...1): folder = moreEvents
                case (.sampleStore, 2): folder = BaseFolders.tiny
                case (.sampleStore, _): folder = BaseFolders.increment
                }
                var mutator = Mutator(rng: rng, idPool: BaseFolders.idPool, namePool: BaseFolders.namePool)
                mutator.mutate(&folder)
                let label = "seed \(seed) case \(index) (\(target.rawValue)): " + mutator.log.joined(separator: "; ")
                try? Data(label.utf8).write(to: Self.lastCase.appendingPathExtension("txt"))
                let outcome = harness.run(folder, into: target, keep: Self.lastCase)
                slowest = max(slowest, outcome.seconds)
                peakRSS = max(peakRSS, ImportHarness.residentMB())
                if let refusal = outcome.refused {
                    refused += 1
                    messages[String(refusal.message.prefix(28)), default: 0] += 1
                } else if outcome.problems.isEmpty {
                    imported += 1
                }
                if outcome.seconds > 20 { failures.append("\(label): took \(outcome.seconds) s") }
                for problem in outcome.problems { failures.append("\(label): \(problem)") }
            }
            try? FileManager.default.removeItem(at: Self.lastCase)
            try? FileManager.default.removeItem(at: Self.lastCase.appendingPathExtension("txt"))
            let summary = "fuzzed \(cases) cases (seed \(seed)): \(imported) imported, \(refused) refused at a location; slowest \(String(format: "%.2f", slowest)) s; resident memory \(startRSS) -> \(peakRSS) MB"
            print(summary)
            for (message, n) in messages.sorted(by: { $0.value > $1.value }).prefix(12) { print("  \(n)× \(message)…") }
            for failure in failures { Issue.record(Comment(rawValue: failure)) }
            #expect(peakRSS - startRSS < 1_500, "memory grew by \(peakRSS - startRSS) MB")
            #expect(imported + refused == cases)
        }
    }
}
