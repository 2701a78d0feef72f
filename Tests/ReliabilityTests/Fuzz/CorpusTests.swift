import CampaignStore
import Foundation
import Testing

extension Reliability {
    /// Issue 8 §1: the inputs that once found a bug, replayed on every run.
    ///
    /// Each folder of `Corpus/` is a data folder plus `expect.txt`:
    /// `target: fresh|sample` (default fresh: a new store; sample: on top of the
    /// sample store), `outcome: imported|refused` and, for a refusal,
    /// `location: file:line:column`.
    @Suite struct Corpus {
        static var cases: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: Repo.corpus.path)) ?? []).sorted()
        }

        @Test("§7 corpus: inputs that found bugs end in a clean import or a located refusal", arguments: cases)
        func replay(_ name: String) throws {
            let dir = Repo.corpus.appendingPathComponent(name)
            let expect = try String(contentsOf: dir.appendingPathComponent("expect.txt"), encoding: .utf8)
            var fields: [String: String] = [:]
            for line in expect.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
            let folder = DataFolder.load(dir)
            let harness = try ImportHarness()
            let outcome = harness.run(folder, into: fields["target"] == "sample" ? .sampleStore : .fresh)
            #expect(outcome.problems.isEmpty, "\(outcome.problems)")
            if fields["outcome"] == "refused" {
                let refusal = try #require(outcome.refused, "expected a refusal")
                if let location = fields["location"] {
                    #expect("\(refusal.file):\(refusal.line ?? 0):\(refusal.column ?? 0)" == location, "\(refusal)")
                }
            } else {
                #expect(outcome.refused == nil, "\(String(describing: outcome.refused))")
            }
        }
    }
}
