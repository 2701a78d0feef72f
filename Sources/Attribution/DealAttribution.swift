import Foundation
import CampaignKit

/// One touch on a deal's path (R18): a qualifying interaction of one of its contacts.
public struct Touch: Sendable, Hashable {
    public var event: Int
    public var time: Instant
    public var contactID: String
    public var type: EventType
    public var campaignID: String
    public var positions: Set<TouchPosition>
}

extension Analysis {
    /// R18: a closed-won deal's touches — the qualifying interactions, at or before
    /// the close, of its contacts associated at or before the close — in time order
    /// (ties by data order), with the key positions each holds.
    public func touches(ofDeal deal: Deal) -> [Touch] {
        guard let d = dealIndex[deal.id] else { return [] }
        return touches(ofDealAt: d)
    }

    func touches(ofDealAt d: Int) -> [Touch] {
        let path = touchPath(ofDealAt: d)
        return zip(path.events, path.positions).map { (ei, positions) in
            let i = Int(ei)
            return Touch(event: i, time: Instant(microseconds: data.eventTime[i]),
                         contactID: data.dataset.contacts[Int(data.eventContact[i])].id,
                         type: data.eventType[i], campaignID: data.campaigns[Int(eventCampaign[i])].id,
                         positions: positions.positions)
        }
    }

    /// A deal's touches as event indices in (time, data order), with the key positions each holds.
    func touchPath(ofDealAt d: Int) -> (events: [Int32], positions: [PositionSet]) {
        let deal = data.dataset.deals[d]
        guard deal.stage == .closedWon, let close = deal.closeDate?.microseconds else { return ([], []) }
        var contacts: [Int32] = []
        for link in dealLinks[d] where link.at <= close && !contacts.contains(link.contact) { contacts.append(link.contact) }
        guard !contacts.isEmpty else { return ([], []) }
        let times = data.eventTime
        var events: [Int32] = []
        for k in contacts {
            // A contact's events are in time order: its touches are its qualifying ones up to the close.
            for j in contactEvents.range(ofGroup: Int(k)) {
                let e = contactEvents.items[j]
                if times[Int(e)] > close { break }
                if eventCampaign[Int(e)] >= 0 { events.append(e) }
            }
        }
        guard !events.isEmpty else { return ([], []) }
        if contacts.count > 1 { events.sort { times[Int($0)] != times[Int($1)] ? times[Int($0)] < times[Int($1)] : $0 < $1 } }
        var positions = [PositionSet](repeating: [], count: events.count)
        positions[0].insert(.first)
        positions[events.count - 1].insert(.closedWon)
        let leadCreated = contacts.map { data.contactCreated[Int($0)] }.min()!
        if let j = events.lastIndex(where: { times[Int($0)] <= leadCreated }) { positions[j].insert(.leadCreation) }
        if let j = events.lastIndex(where: { times[Int($0)] <= deal.createdAt.microseconds }) { positions[j].insert(.dealCreation) }
        return (events, positions)
    }

    /// Each touch's share of the deal's amount under `model`: amount × raw weight / total,
    /// multiplying before dividing so the shares add up to the amount to ~38 digits.
    public func credits(of touches: [Touch], deal: Deal, model: AttributionModel) -> [Decimal] {
        guard let close = deal.closeDate else { return [] }
        let held = touches.map { $0.positions.intersection(model.weightedPositions) }
        let days = touches.map { Double(close.microseconds - $0.time.microseconds) / 86_400_000_000 }
        let raw = model.rawWeights(positions: held, daysBeforeClose: days)
        let total = raw.reduce(Decimal(0), +)
        return raw.map { deal.amount * $0 / total }
    }

    /// R18 over the window: per model, each campaign's credit, rounded to cents by the
    /// largest-remainder method so that every model's column adds up to the attributed total.
    public func attribution(window: ReportWindow, models: [AttributionModel] = AttributionModel.builtIn) -> AttributionReport {
        var attributed: [Int] = [], unattributed: [Int] = []
        var paths = DealPaths(scale: dealAmounts?.scale)
        for (d, deal) in data.dataset.deals.enumerated() where deal.stage == .closedWon {
            guard let close = deal.closeDate, window.contains(close) else { continue }
            let path = touchPath(ofDealAt: d)
            if path.events.isEmpty {
                unattributed.append(d)
                continue
            }
            attributed.append(d)
            paths.append(amount: deal.amount, units: dealAmounts?.units[d], campaigns: path.events.map { eventCampaign[Int($0)] },
                         days: path.events.map { Double(close.microseconds - data.eventTime[Int($0)]) / 86_400_000_000 },
                         positions: path.positions)
        }
        let total = Money.cents(totalAmount(ofDeals: attributed))
        let totalCents = CreditUnits.cents(total)
        var result: [String: [String: Decimal]] = [:]
        for model in models {
            var column: [String: Decimal] = [:]
            for (c, cents) in Self.modelCents(model, paths: paths, totalCents: totalCents) {
                column[data.campaigns[Int(c)].id] = CreditUnits.decimalCents(cents)
            }
            result[model.name] = column
        }
        return AttributionReport(attributedRevenue: total, unattributedDeals: unattributed.count,
                                 unattributedRevenue: Money.cents(totalAmount(ofDeals: unattributed)), models: result)
    }

    /// A model's column in cents per campaign that has a touch on an attributed deal.
    /// Positional models and linear sum exactly in integers (`IntegerCredits`); time decay
    /// sums its Double weights in integer units. When a figure overflows, the column is
    /// summed again in exact fractions.
    static func modelCents(_ model: AttributionModel, paths: DealPaths, totalCents: Int128) -> [Int32: Int128] {
        let cents: [Int32: Int128]?
        if case .timeDecay(let halfLife) = model.kind {
            cents = decayCents(halfLife: halfLife, paths: paths, totalCents: totalCents)
        } else {
            cents = IntegerCredits.cents(model, paths: paths, totalCents: totalCents)
        }
        return cents ?? exactCents(model, paths: paths, totalCents: totalCents)
    }

    /// Time decay's column from its Double weights summed in integer units, or nil when a figure overflows.
    static func decayCents(halfLife: Double, paths: DealPaths, totalCents: Int128) -> [Int32: Int128]? {
        var units: [Int32: Int128] = [:]
        var weights = [Double](repeating: 0, count: paths.slotCampaign.count)
        for d in 0..<paths.count {
            guard let amount = paths.picoUnits(d) else { return nil }
            let total = paths.decayWeights(halfLife: halfLife, deal: d, into: &weights)
            let share = Self.double(amount)
            for s in paths.slots(d) {
                let credit = share * (weights[s] / total)
                guard credit.isFinite, credit < 1e36 else { return nil }
                units[paths.slotCampaign[s], default: 0] += Self.truncated(credit)
            }
        }
        return CreditUnits.largestRemainder(units, uncertainty: [:], totalCents: totalCents)
    }

    /// `Double(x)`, through Int64 when it fits: the same value, without the generic conversion's cost.
    static func double(_ x: Int128) -> Double {
        x.magnitude < 1 << 63 ? Double(Int64(x)) : Double(x)
    }

    /// `Int128(x)` for a finite x, through Int64 when it fits: both truncate toward zero.
    static func truncated(_ x: Double) -> Int128 {
        abs(x) < 0x1p63 ? Int128(Int64(x)) : Int128(x)
    }

    /// The column in exact fractions. Time-decay weights are Doubles: each campaign's is
    /// taken exactly as the binary fraction it is.
    static func exactCents(_ model: AttributionModel, paths: DealPaths, totalCents: Int128) -> [Int32: Int128] {
        var sums: [Int32: ExactFraction] = [:]
        var integerWeights = [Int128](repeating: 0, count: paths.slotCampaign.count)
        var doubleWeights = [Double](repeating: 0, count: paths.slotCampaign.count)
        for d in 0..<paths.count {
            let amount = ExactFraction(paths.amounts[d])
            if let total = paths.integerWeights(model, deal: d, into: &integerWeights) {
                for s in paths.slots(d) {
                    sums[paths.slotCampaign[s]] = (sums[paths.slotCampaign[s]] ?? .zero) + amount.scaled(by: integerWeights[s], over: total)
                }
            } else if case .timeDecay(let halfLife) = model.kind {
                _ = paths.decayWeights(halfLife: halfLife, deal: d, into: &doubleWeights)
                // The exact sum of the campaigns' weights, so that the credits add up to the amount exactly.
                let total = paths.slots(d).reduce(ExactFraction.zero) { $0 + ExactFraction(double: doubleWeights[$1]) }
                for s in paths.slots(d) {
                    sums[paths.slotCampaign[s]] = (sums[paths.slotCampaign[s]] ?? .zero) + amount.times(ExactFraction(double: doubleWeights[s])).over(total)
                }
            }
        }
        let campaigns = sums.keys.sorted()
        let split = campaigns.map { sums[$0]!.centsAndRemainder }
        let cents = split.map { Int128(String($0.cents)) ?? Int128.max }
        let order = campaigns.indices.sorted {
            split[$0].remainder == split[$1].remainder ? $0 < $1 : split[$1].remainder < split[$0].remainder
        }
        var out: [Int32: Int128] = [:]
        for (j, c) in campaigns.enumerated() { out[c] = cents[j] }
        return CreditUnits.handOut(totalCents - cents.reduce(0, +), in: order.map { campaigns[$0] }, to: out)
    }
}
