import Testing
import PropertyBased
@testable import Attribution

/// #17: the per-event columns that most events lack a value of (keywords, assets, the session
/// links) are kept sparse; each reads back as the plain array it stands for, however it was
/// made and grown.
@Suite("#17 sparse columns")
struct SparseColumnTests {
    /// A dense column of `count` events, about one in `every` with a value.
    static func dense(count: Int, every: Int, seed: Int) -> [Int32] {
        var random = Xorshift(seed: UInt64(seed))
        return (0..<count).map { _ in random.next() % UInt64(every) == 0 ? Int32(random.next() % 1000) : -1 }
    }

    static func expectSame(_ column: SparseColumn, _ dense: [Int32], _ tag: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(column.count == dense.count, "\(tag)", sourceLocation: sourceLocation)
        #expect(column.valueCount == dense.filter { $0 >= 0 }.count, "\(tag)", sourceLocation: sourceLocation)
        let wrong = dense.indices.filter { column[$0] != dense[$0] }
        #expect(wrong.isEmpty, "\(tag): events \(wrong.prefix(5)) read \(wrong.prefix(5).map { column[$0] }), not \(wrong.prefix(5).map { dense[$0] })",
                sourceLocation: sourceLocation)
    }

    @Test("#17 R10 R12 a sparse column reads each event's value, or -1, as the array it was made from; at the words' edges too")
    func readsAsTheArray() {
        for count in [0, 1, 63, 64, 65, 127, 128, 129, 1_000, 10_000] {
            for every in [1, 2, 7, 100, 1_000_000] {
                let dense = Self.dense(count: count, every: every, seed: count * 31 + every)
                Self.expectSame(SparseColumn(dense), dense, "\(count) events, 1 in \(every)")
            }
        }
    }

    @Test("#17 R10 a sparse column made from links in any order, then grown by events and by links, reads as the array grown the same way")
    func growsAsTheArray() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...5), Gen.int(in: 1...300)) { seed, steps, every in
            var random = Xorshift(seed: UInt64(seed))
            var dense = Self.dense(count: Int(random.next() % 200), every: every, seed: seed)
            let links = dense.indices.filter { dense[$0] >= 0 }.map { (event: Int32($0), value: dense[$0]) }
            var column = SparseColumn()
            column.append(links.shuffled(using: &random), upTo: dense.count)
            Self.expectSame(column, dense, "seed \(seed) made from links")
            for step in 0..<steps {
                let more = Self.dense(count: Int(random.next() % 150), every: every, seed: seed &+ step)
                if random.next() % 2 == 0 {
                    for v in more { column.append(v) }
                } else {
                    let moreLinks = more.indices.filter { more[$0] >= 0 }.map { (event: Int32(dense.count + $0), value: more[$0]) }
                    column.append(moreLinks.shuffled(using: &random), upTo: dense.count + more.count)
                }
                dense += more
                Self.expectSame(column, dense, "seed \(seed) after step \(step)")
            }
        }
    }
}

/// A small seeded generator, so that a failing case names its seed.
private struct Xorshift: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
