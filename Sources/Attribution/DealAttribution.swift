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
            for j in contactEvents.range(Int(k)) {
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
        var attributed = Decimal(0), unattributed = Decimal(0)
        var unattributedDeals = 0
        var paths: [DealPath] = []
        for (d, deal) in data.dataset.deals.enumerated() where deal.stage == .closedWon {
            guard let close = deal.closeDate, window.contains(close) else { continue }
            let path = touchPath(ofDealAt: d)
            if path.events.isEmpty {
                unattributedDeals += 1
                unattributed += deal.amount
                continue
            }
            attributed += deal.amount
            paths.append(DealPath(amount: deal.amount, campaigns: path.events.map { eventCampaign[Int($0)] }, positions: path.positions,
                                  days: path.events.map { Double(close.microseconds - data.eventTime[Int($0)]) / 86_400_000_000 }))
        }
        let total = Money.cents(attributed)
        let totalCents = CreditUnits.cents(total)
        var result: [String: [String: Decimal]] = [:]
        for model in models {
            var column: [String: Decimal] = [:]
            for (c, cents) in Self.modelCents(model, paths: paths, totalCents: totalCents) {
                column[data.campaigns[Int(c)].id] = CreditUnits.decimalCents(cents)
            }
            result[model.name] = column
        }
        return AttributionReport(attributedRevenue: total, unattributedDeals: unattributedDeals,
                                 unattributedRevenue: Money.cents(unattributed), models: result)
    }

    /// One attributed deal as R18 needs it: its amount, and per touch the campaign, positions and age.
    struct DealPath {
        var amount: Decimal
        var campaigns: [Int32]
        var positions: [PositionSet]
        var days: [Double]
        /// The amount as a whole number of 10^-scale, for the integer sums.
        let scaledAmount: (value: Int128, scale: Int)?

        init(amount: Decimal, campaigns: [Int32], positions: [PositionSet], days: [Double]) {
            self.amount = amount
            self.campaigns = campaigns
            self.positions = positions
            self.days = days
            scaledAmount = IntegerCredits.scaled(amount)
        }

        /// The amount in units of 10⁻¹² (the time-decay sums); nil when it is too large for them.
        var units: Int128? {
            if let a = scaledAmount, a.scale <= 12, let up = IntegerCredits.power10(12 - a.scale) { return IntegerCredits.multiply(a.value, up) }
            return CreditUnits.units(amount)
        }

        /// Each campaign on the path once, in order of first touch, with the sum of its touches' weights.
        func perCampaign<W: AdditiveArithmetic>(_ weights: [W]) -> [(campaign: Int32, weight: W)] {
            var out: [(campaign: Int32, weight: W)] = []
            for (c, w) in zip(campaigns, weights) {
                if let j = out.firstIndex(where: { $0.campaign == c }) { out[j].weight += w } else { out.append((c, w)) }
            }
            return out
        }
    }

    /// A model's column in cents per campaign that has a touch on an attributed deal.
    /// Positional models and linear sum exactly in integers (`IntegerCredits`); time decay
    /// sums its Double weights in integer units. When a figure overflows (or a time-decay
    /// truncation could change a cent), the column is summed again in exact fractions.
    static func modelCents(_ model: AttributionModel, paths: [DealPath], totalCents: Int128) -> [Int32: Int128] {
        if model.isTimeDecay {
            if let cents = decayCents(model, paths: paths, totalCents: totalCents) { return cents }
        } else if let cents = IntegerCredits.cents(model, paths: paths, totalCents: totalCents) {
            return cents
        }
        return exactCents(model, paths: paths, totalCents: totalCents)
    }

    /// Time decay's column from its Double weights summed in integer units, or nil when a figure overflows.
    static func decayCents(_ model: AttributionModel, paths: [DealPath], totalCents: Int128) -> [Int32: Int128]? {
        var units: [Int32: Int128] = [:]
        for path in paths {
            guard let amount = path.units else { return nil }
            let raw = model.doubleWeights(daysBeforeClose: path.days)
            let total = raw.reduce(0, +)
            for (c, w) in path.perCampaign(raw) {
                let credit = Double(amount) * (w / total)
                guard credit.isFinite, credit < 1e36 else { return nil }
                units[c, default: 0] += Int128(credit)
            }
        }
        return CreditUnits.largestRemainder(units, uncertainty: [:], totalCents: totalCents)
    }

    /// The column in exact fractions. Time-decay weights are Doubles: each is taken
    /// exactly as the binary fraction it is.
    static func exactCents(_ model: AttributionModel, paths: [DealPath], totalCents: Int128) -> [Int32: Int128] {
        var sums: [Int32: ExactFraction] = [:]
        for path in paths {
            let amount = ExactFraction(path.amount)
            if let raw = model.integerWeights(positions: path.positions) {
                let total = raw.reduce(0, +)
                for (c, w) in path.perCampaign(raw) { sums[c] = (sums[c] ?? .zero) + amount.scaled(by: w, over: total) }
            } else {
                let raw = model.doubleWeights(daysBeforeClose: path.days)
                let total = ExactFraction(double: raw.reduce(0, +))
                for (c, w) in path.perCampaign(raw) { sums[c] = (sums[c] ?? .zero) + amount.times(ExactFraction(double: w)).over(total) }
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
