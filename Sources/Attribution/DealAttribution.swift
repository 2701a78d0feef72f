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
        guard let d = data.dataset.deals.firstIndex(where: { $0.id == deal.id }) else { return [] }
        return touches(ofDealAt: d)
    }

    func touches(ofDealAt d: Int) -> [Touch] {
        let path = touchPath(ofDealAt: d)
        return zip(path.events, path.positions).map { (ei, positions) in
            let i = Int(ei)
            return Touch(event: i, time: Instant(microseconds: data.eventTime[i]),
                         contactID: data.dataset.contacts[Int(data.eventContact[i])].id,
                         type: data.eventType[i], campaignID: data.campaigns[Int(eventCampaign[i])].id,
                         positions: positions)
        }
    }

    /// A deal's touches as event indices in (time, data order), with the key positions each holds.
    func touchPath(ofDealAt d: Int) -> (events: [Int32], positions: [Set<TouchPosition>]) {
        let deal = data.dataset.deals[d]
        guard deal.stage == .closedWon, let close = deal.closeDate?.microseconds else { return ([], []) }
        let contacts = Set(dealLinks[d].filter { $0.at <= close }.map(\.contact))
        guard !contacts.isEmpty else { return ([], []) }
        var events: [Int32] = []
        for k in contacts {
            for ei in qualifyingByContact[Int(k)] {
                if data.eventTime[Int(ei)] > close { break }
                events.append(ei)
            }
        }
        guard !events.isEmpty else { return ([], []) }
        let times = data.eventTime
        events.sort { times[Int($0)] != times[Int($1)] ? times[Int($0)] < times[Int($1)] : $0 < $1 }
        var positions = [Set<TouchPosition>](repeating: [], count: events.count)
        positions[0].insert(.first)
        positions[events.count - 1].insert(.closedWon)
        let leadCreated = contacts.map { data.contactCreated[Int($0)] }.min()!
        if let j = events.lastIndex(where: { data.eventTime[Int($0)] <= leadCreated }) { positions[j].insert(.leadCreation) }
        if let j = events.lastIndex(where: { data.eventTime[Int($0)] <= deal.createdAt.microseconds }) { positions[j].insert(.dealCreation) }
        return (events, positions)
    }

    /// Each touch's exact share of the deal's amount under `model`.
    public func credits(of touches: [Touch], deal: Deal, model: AttributionModel) -> [Decimal] {
        guard let close = deal.closeDate else { return [] }
        let held = touches.map { $0.positions.intersection(model.weightedPositions) }
        let days = touches.map { Double(close.microseconds - $0.time.microseconds) / 86_400_000_000 }
        return model.shares(positions: held, daysBeforeClose: days).map { $0 * deal.amount }
    }

    /// R18 over the window: per model, each campaign's credit, rounded to cents by the
    /// largest-remainder method so that every model's column adds up to the attributed total.
    public func attribution(window: ReportWindow, models: [AttributionModel] = AttributionModel.builtIn) -> AttributionReport {
        var attributed = Decimal(0), unattributed = Decimal(0)
        var unattributedDeals = 0
        var credits = [[Int32: Int128]](repeating: [:], count: models.count)
        for (d, deal) in data.dataset.deals.enumerated() where deal.stage == .closedWon {
            guard let close = deal.closeDate, window.contains(close) else { continue }
            let path = touchPath(ofDealAt: d)
            if path.events.isEmpty {
                unattributedDeals += 1
                unattributed += deal.amount
                continue
            }
            attributed += deal.amount
            let amount = CreditUnits.units(deal.amount)
            let campaigns = path.events.map { eventCampaign[Int($0)] }
            for (m, model) in models.enumerated() {
                let held = path.positions.map { $0.intersection(model.weightedPositions) }
                // Sum the raw weights per campaign first: one division per campaign, not per touch.
                if let raw = model.integerWeights(positions: held) {
                    var perCampaign: [Int32: Int128] = [:]
                    for (c, w) in zip(campaigns, raw) { perCampaign[c, default: 0] += w }
                    let total = raw.reduce(0, +)
                    for (c, w) in perCampaign { credits[m][c, default: 0] += amount * w / total }
                } else {
                    let days = path.events.map { Double(close.microseconds - data.eventTime[Int($0)]) / 86_400_000_000 }
                    let raw = model.rawWeights(positions: held, daysBeforeClose: days).map { NSDecimalNumber(decimal: $0).doubleValue }
                    var perCampaign: [Int32: Double] = [:]
                    for (c, w) in zip(campaigns, raw) { perCampaign[c, default: 0] += w }
                    let total = raw.reduce(0, +)
                    for (c, w) in perCampaign { credits[m][c, default: 0] += Int128(Double(amount) * (w / total)) }
                }
            }
        }
        let total = Money.cents(attributed)
        let totalCents = CreditUnits.units(total) / CreditUnits.perCent
        var result: [String: [String: Decimal]] = [:]
        for (m, model) in models.enumerated() {
            var column: [String: Decimal] = [:]
            for (c, cents) in CreditUnits.largestRemainder(credits[m], totalCents: totalCents) {
                column[data.campaigns[Int(c)].id] = CreditUnits.decimalCents(cents)
            }
            result[model.name] = column
        }
        return AttributionReport(attributedRevenue: total, unattributedDeals: unattributedDeals,
                                 unattributedRevenue: Money.cents(unattributed), models: result)
    }
}
