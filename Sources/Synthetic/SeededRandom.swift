/// SplitMix64: small, fast and the same on every machine, so a seed always yields the same data.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// An item, the first ones far more often than the last: the first tenth of
    /// the items is picked about a third of the time (a few pages and campaigns
    /// draw most of the traffic).
    public mutating func pickSkewed<T>(_ items: [T]) -> T {
        let u = Double(next() >> 11) / Double(1 << 53)
        return items[min(items.count - 1, Int(u * u * Double(items.count)))]
    }
}
