import CampaignKit

/// A per-event column of non-negative `Int32`s that most events lack (-1, none): a bit per
/// event says which have one, and only theirs are kept, in event order. Reading one is a bit
/// test and a population count. #17: the keyword (1 event in 90 at L), the asset (1 in 3)
/// and the two session links (1 in 100) took 80 MB each as plain arrays at L.
struct SparseColumn: Sendable {
    /// How many events the column covers.
    private(set) var count = 0
    /// Bit `i % 64` of word `i / 64`: whether event `i` has a value.
    private var present: [UInt64] = []
    /// Per word of `present`: how many values the words before it hold.
    private var valuesBefore: [Int32] = []
    /// The values, in event order.
    private var values: [Int32] = []

    /// A column of no events.
    init() {}

    /// The column of `dense`, where a negative element is none.
    init(_ dense: some Collection<Int32>) {
        present.reserveRoomToAppend(Self.words(dense.count))
        valuesBefore.reserveRoomToAppend(Self.words(dense.count))
        values.reserveRoomToAppend(dense.lazy.filter { $0 >= 0 }.count)
        for v in dense { append(v) }
    }

    /// The value of event `i`, -1 for none.
    subscript(i: Int) -> Int32 {
        let word = present[i >> 6], bit = UInt64(1) << UInt64(i & 63)
        guard word & bit != 0 else { return -1 }
        return values[Int(valuesBefore[i >> 6]) + (word & (bit &- 1)).nonzeroBitCount]
    }

    /// How many events have a value.
    var valueCount: Int { values.count }

    /// Event `count` with value `v` (none when negative).
    mutating func append(_ v: Int32) {
        if count & 63 == 0 {
            present.append(0)
            valuesBefore.append(Int32(values.count))
        }
        if v >= 0 {
            present[count >> 6] |= UInt64(1) << UInt64(count & 63)
            values.append(v)
        }
        count += 1
    }

    /// Events up to `newCount`, those `links` names (in any order) with its value and the
    /// others with none. Into an empty column, with `RoomToAppend` beyond them.
    /// - Precondition: every event `links` names lies in `count..<newCount`.
    mutating func append(_ links: [(event: Int32, value: Int32)], upTo newCount: Int) {
        if count == 0 {
            present.reserveRoomToAppend(Self.words(newCount))
            valuesBefore.reserveRoomToAppend(Self.words(newCount))
            values.reserveRoomToAppend(links.count)
        }
        for (event, value) in links.sorted(by: { $0.event < $1.event }) {
            precondition(Int(event) >= count && Int(event) < newCount, "a sparse column's links come after its events")
            appendNone(Int(event) - count)
            append(value)
        }
        appendNone(newCount - count)
    }

    /// `k` events with none.
    private mutating func appendNone(_ k: Int) {
        guard k > 0 else { return }
        let words = Self.words(count + k)
        if words > present.count {
            valuesBefore.append(contentsOf: repeatElement(Int32(values.count), count: words - present.count))
            present.append(contentsOf: repeatElement(0, count: words - present.count))
        }
        count += k
    }

    private static func words(_ count: Int) -> Int { (count + 63) >> 6 }
}
