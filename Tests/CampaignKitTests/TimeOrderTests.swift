import Testing
@testable import CampaignKit

/// R10, R15 and R16 read events in (time, data order): the engine's radix sort must give exactly that order.
struct TimeOrderTests {
    static func expected(_ times: [Int64]) -> [Int32] {
        (0..<Int32(times.count)).sorted { (times[Int($0)], $0) < (times[Int($1)], $1) }
    }

    @Test("R10 events sort by time, ties in data order, across the whole range of instants, with and without microseconds")
    func matchesAStableSort() {
        var rng = SystemRandomNumberGenerator()
        let spans: [ClosedRange<Int64>] = [0...3, -1_000...1_000, 1_500_000_000_000_000...1_800_000_000_000_000, Int64.min...Int64.max]
        for span in spans {
            for n in [0, 1, 2, 17, 2_000] {
                let times = (0..<n).map { _ in Int64.random(in: span, using: &rng) }
                let sorted = EventOrder.sortedByTime(times)
                #expect(sorted.order == Self.expected(times), "span \(span), \(n) events")
                let earliest = times.min() ?? 0
                #expect(sorted.offsets == sorted.order.map { UInt64(bitPattern: times[Int($0)] &- earliest) })
            }
        }
        let extremes: [Int64] = [Int64.max, 0, Int64.min, -1, Int64.max, Int64.min, 1]
        #expect(EventOrder.sortedByTime(extremes).order == Self.expected(extremes))
        #expect(EventOrder.sortedByTime([4, 4, 4]).order == [0, 1, 2])
        // Whole seconds (sorted as seconds), ties among them, and offsets given back in microseconds.
        let seconds = (0..<2_000).map { _ in Int64.random(in: -5_000...5_000, using: &rng) * 1_000_000 }
        let sortedSeconds = EventOrder.sortedByTime(seconds)
        #expect(sortedSeconds.order == Self.expected(seconds))
        #expect(sortedSeconds.offsets == sortedSeconds.order.map { UInt64(bitPattern: seconds[Int($0)] &- seconds.min()!) })
        // Two years of events, some with microseconds: sorted as seconds, then the events that
        // share a second put in order by their microseconds, ties kept in data order.
        let twoYears: Int64 = 2 * 365 * 86_400
        for fractionEvery in [1, 7, 1_000_000] {
            let mixed = (0..<5_000).map { i -> Int64 in
                let second = 1_700_000_000 + Int64.random(in: 0..<(i % 3 == 0 ? 40 : twoYears), using: &rng)
                return second * 1_000_000 + (i % fractionEvery == 0 ? Int64.random(in: 0..<3, using: &rng) * 400_000 : 0)
            }
            let sortedMixed = EventOrder.sortedByTime(mixed)
            #expect(sortedMixed.order == Self.expected(mixed), "a fraction every \(fractionEvery) events")
            #expect(sortedMixed.offsets == sortedMixed.order.map { UInt64(bitPattern: mixed[Int($0)] &- mixed.min()!) })
        }
        // Two clusters far apart: digits that every key shares in the middle of the span.
        let gapped = (0..<500).map { _ in Int64.random(in: 0..<2_048, using: &rng) + (Bool.random(using: &rng) ? 1 << 22 : 0) }
        #expect(EventOrder.sortedByTime(gapped).order == Self.expected(gapped))
    }
}
