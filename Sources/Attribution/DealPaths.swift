import Foundation

/// The attributed deals of a window as R18 needs them, in flat arrays: per deal its
/// amount, its touches (campaign, age at the close, slot) and its campaigns ("slots",
/// each campaign once, in order of first touch, with its number of touches), and the
/// touches holding the key positions. A model's weights are then summed per slot —
/// one division per campaign and deal — without an array per deal.
struct DealPaths {
    private(set) var amounts: [Decimal] = []
    /// Each amount as a whole number of 10^-`scale` (negative amounts as 0, as in the exact
    /// sums), for the integer sums; no scale when the amounts do not fit integers.
    private(set) var units: [Int128] = []
    let scale: Int?
    private(set) var touchStart: [Int32] = [0]
    private(set) var touchSlot: [Int32] = []
    private(set) var touchDays: [Double] = []
    private(set) var slotStart: [Int32] = [0]
    private(set) var slotCampaign: [Int32] = []
    private(set) var slotTouches: [Int32] = []
    /// Per deal: the touches holding a position (at most four, distinct), with their positions.
    private(set) var holderStart: [Int32] = [0]
    private(set) var holders: [(touch: Int32, positions: PositionSet)] = []

    init(scale: Int?) { self.scale = scale }

    var count: Int { amounts.count }

    func touches(_ d: Int) -> Range<Int> { Int(touchStart[d])..<Int(touchStart[d + 1]) }
    func slots(_ d: Int) -> Range<Int> { Int(slotStart[d])..<Int(slotStart[d + 1]) }
    func holders(_ d: Int) -> ArraySlice<(touch: Int32, positions: PositionSet)> {
        holders[Int(holderStart[d])..<Int(holderStart[d + 1])]
    }

    /// Adds a deal: its amount (and its units when there is a scale), its touches' campaigns
    /// and ages, and the positions they hold.
    mutating func append(amount: Decimal, units: Int128?, campaigns: [Int32], days: [Double], positions: [PositionSet]) {
        amounts.append(amount)
        self.units.append(max(0, units ?? 0))
        let firstSlot = slotCampaign.count
        for (t, c) in campaigns.enumerated() {
            var slot = firstSlot
            while slot < slotCampaign.count && slotCampaign[slot] != c { slot += 1 }
            if slot == slotCampaign.count { slotCampaign.append(c); slotTouches.append(0) }
            slotTouches[slot] += 1
            touchSlot.append(Int32(slot))
            touchDays.append(days[t])
            if !positions[t].isEmpty { holders.append((Int32(touchSlot.count - 1), positions[t])) }
        }
        touchStart.append(Int32(touchSlot.count))
        slotStart.append(Int32(slotCampaign.count))
        holderStart.append(Int32(holders.count))
    }

    /// The amount in units of 10⁻¹² (the time-decay sums); nil when it is too large for them.
    func picoUnits(_ d: Int) -> Int128? {
        if let scale, scale <= 12, amounts[d] >= 0, let up = IntegerCredits.power10(12 - scale) {
            return IntegerCredits.multiply(units[d], up)
        }
        return CreditUnits.units(amounts[d])
    }

    /// R18's collision rule summed per slot, for a positional model or linear: a touch's raw
    /// weight is the sum of the weights of the positions it holds, or, holding none, an equal
    /// part of the others' share. Parts are scaled by the number of others to stay whole.
    /// Writes deal `d`'s slot weights into `weights` (indexed like `slotCampaign`) and returns
    /// their total; nil for time decay. When no touch weighs anything, every touch weighs 1.
    func integerWeights(_ model: AttributionModel, deal d: Int, into weights: inout [Int128]) -> Int128? {
        let touchCount = Int128(touches(d).count)
        func equalWeights() -> Int128 {
            for s in slots(d) { weights[s] = Int128(slotTouches[s]) }
            return touchCount
        }
        switch model.kind {
        case .timeDecay:
            return nil
        case .linear:
            return equalWeights()
        case .positional:
            let counted = model.countedPositions
            let share = model.millionths.others
            var holding: Int128 = 0
            for h in holders(d) where !h.positions.isDisjoint(with: counted) { holding += 1 }
            let others = touchCount - holding
            let scale = Swift.max(others, 1)
            for s in slots(d) { weights[s] = Int128(slotTouches[s]) * share }
            var total = others * share
            for h in holders(d) where !h.positions.isDisjoint(with: counted) {
                let w = model.weight(of: h.positions.intersection(counted)) * scale
                weights[Int(touchSlot[Int(h.touch)])] += w - share
                total += w
            }
            return total > 0 ? total : equalWeights()
        }
    }

    /// Time decay's weights summed per slot in touch order, into `weights`, and their total:
    /// 2^(−days before close / half-life). When every weight underflows to 0, each touch weighs 1.
    func decayWeights(halfLife: Double, deal d: Int, into weights: inout [Double]) -> Double {
        for s in slots(d) { weights[s] = 0 }
        var total = 0.0
        for t in touches(d) {
            let w = pow(2, -touchDays[t] / halfLife)
            weights[Int(touchSlot[t])] += w
            total += w
        }
        guard total == 0 else { return total }
        for s in slots(d) { weights[s] = Double(slotTouches[s]) }
        return Double(touches(d).count)
    }
}
