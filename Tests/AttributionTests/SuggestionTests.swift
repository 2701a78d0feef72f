import Foundation
import Testing
import PropertyBased
import CampaignKit
import Attribution

/// R5 *Beyond*: the suggested campaign of an unlinked value against a naive search
/// that measures the distance to every campaign value.
@Suite("R5 suggestions on random values")
struct SuggestionTests {
    @Test("R5 an unlinked value is suggested the one campaign whose value is nearest (punctuation aside, then edit distance <= 1, or <= 2 from 8 bytes)")
    func suggestionMatchesNaiveSearch() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix64(seed: UInt64(seed))
            // A small alphabet, so that values are often one or two edits apart.
            let alphabet = Array("ab-1c")
            func randomValue(_ length: ClosedRange<Int>) -> String {
                String((0..<Int.random(in: length, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            var f = Fixture()
            var values: [(campaign: String, key: String)] = []
            for c in 0..<Int.random(in: 2...6, using: &rng) {
                var value = randomValue(3...10)
                while values.contains(where: { $0.key == value }) { value += "1" }
                f.campaign("c\(c)", utm: value)
                values.append(("c\(c)", value))
            }
            var probes: [String] = []
            for v in 0..<12 {
                var chars = Array(values.randomElement(using: &rng)!.key)
                for _ in 0..<Int.random(in: 0...3, using: &rng) {
                    let i = Int.random(in: 0..<max(1, chars.count), using: &rng)
                    switch Int.random(in: 0...3, using: &rng) {
                    case 0 where !chars.isEmpty: chars.remove(at: i)
                    case 1: chars.insert(alphabet.randomElement(using: &rng)!, at: min(i, chars.count))
                    case 2 where !chars.isEmpty: chars[i] = alphabet.randomElement(using: &rng)!
                    case 3 where i + 1 < chars.count: chars.swapAt(i, i + 1)
                    default: break
                    }
                }
                let probe = v % 4 == 0 ? randomValue(1...12) : String(chars)
                guard !probe.isEmpty, !values.contains(where: { $0.key == probe }) else { continue }
                probes.append(probe)
                f.view("03-01 10:00", "https://ex.com/x?utm_campaign=" + probe, visitor: "v\(v)")
            }
            let r = f.report()
            for probe in Set(probes) {
                #expect(r.unlinked(probe)?.suggestedCampaignID == Self.naiveSuggestion(probe, values), "seed \(seed) value \(probe)")
            }
        }
    }

    /// The rule read literally: distance 0 when the values are equal but for punctuation,
    /// else the full edit distance (with swaps of neighbours); the nearest value within the
    /// allowance wins when all values that near belong to one campaign.
    static func naiveSuggestion(_ key: String, _ values: [(campaign: String, key: String)]) -> String? {
        func bare(_ s: String) -> [UInt8] { s.utf8.filter { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 >= 128 } }
        guard bare(key).count >= 3 else { return nil }
        let allowed = key.utf8.count >= 8 ? 2 : 1
        let distances = values.map { bare($0.key) == bare(key) ? 0 : distance(Array(key.utf8), Array($0.key.utf8)) }
        guard let best = distances.min(), best <= allowed else { return nil }
        let nearest = Set(zip(values, distances).filter { $0.1 == best }.map(\.0.campaign))
        return nearest.count == 1 ? nearest.first : nil
    }

    /// Optimal string alignment distance, the whole table.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
