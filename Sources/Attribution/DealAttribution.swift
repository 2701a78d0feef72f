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
        let deal = data.dataset.deals[d]
        guard deal.stage == .closedWon, let close = deal.closeDate?.microseconds else { return [] }
        let contacts = Set(dealLinks[d].filter { $0.at <= close }.map(\.contact))
        guard !contacts.isEmpty else { return [] }
        var events: [Int32] = []
        for k in contacts {
            for ei in qualifyingByContact[Int(k)] {
                if data.eventTime[Int(ei)] > close { break }
                events.append(ei)
            }
        }
        guard !events.isEmpty else { return [] }
        let times = data.eventTime
        events.sort { times[Int($0)] != times[Int($1)] ? times[Int($0)] < times[Int($1)] : $0 < $1 }
        var positions = [Set<TouchPosition>](repeating: [], count: events.count)
        positions[0].insert(.first)
        positions[events.count - 1].insert(.closedWon)
        let leadCreated = contacts.map { data.contactCreated[Int($0)] }.min()!
        if let j = events.lastIndex(where: { data.eventTime[Int($0)] <= leadCreated }) { positions[j].insert(.leadCreation) }
        if let j = events.lastIndex(where: { data.eventTime[Int($0)] <= deal.createdAt.microseconds }) { positions[j].insert(.dealCreation) }
        return events.enumerated().map { (j, ei) in
            let i = Int(ei)
            return Touch(event: i, time: Instant(microseconds: data.eventTime[i]),
                         contactID: data.dataset.contacts[Int(data.eventContact[i])].id,
                         type: data.eventType[i], campaignID: data.campaigns[Int(eventCampaign[i])].id,
                         positions: positions[j])
        }
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
        var exact = [[String: Decimal]](repeating: [:], count: models.count)
        for (d, deal) in data.dataset.deals.enumerated() where deal.stage == .closedWon {
            guard let close = deal.closeDate, window.contains(close) else { continue }
            let path = touches(ofDealAt: d)
            if path.isEmpty {
                unattributedDeals += 1
                unattributed += deal.amount
                continue
            }
            attributed += deal.amount
            let days = path.map { Double(close.microseconds - $0.time.microseconds) / 86_400_000_000 }
            for (m, model) in models.enumerated() {
                // Sum the raw weights per campaign first: one exact division per campaign, not per touch.
                let raw = model.rawWeights(positions: path.map { $0.positions.intersection(model.weightedPositions) }, daysBeforeClose: days)
                var perCampaign: [String: Decimal] = [:]
                var total = Decimal(0)
                for (touch, w) in zip(path, raw) { perCampaign[touch.campaignID, default: 0] += w; total += w }
                for (campaign, w) in perCampaign { exact[m][campaign, default: 0] += deal.amount * w / total }
            }
        }
        let total = Money.cents(attributed)
        var result: [String: [String: Decimal]] = [:]
        for (m, model) in models.enumerated() {
            result[model.name] = Self.largestRemainder(exact[m], total: total)
        }
        return AttributionReport(attributedRevenue: total, unattributedDeals: unattributedDeals,
                                 unattributedRevenue: Money.cents(unattributed), models: result)
    }

    /// Rounds each credit down to cents, then hands the cents still missing from
    /// `total` to the largest remainders (ties to the smaller campaign id).
    static func largestRemainder(_ credits: [String: Decimal], total: Decimal) -> [String: Decimal] {
        let ids = credits.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var floors: [Decimal] = []
        var remainders: [Decimal] = []
        for id in ids {
            var hundredfold = credits[id]! * 100
            var whole = Decimal()
            NSDecimalRound(&whole, &hundredfold, 0, .down)
            floors.append(whole)
            remainders.append(credits[id]! * 100 - whole)
        }
        var missing = NSDecimalNumber(decimal: total * 100 - floors.reduce(0, +)).intValue
        let order = ids.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        var k = 0
        while missing > 0 && !order.isEmpty {
            floors[order[k % order.count]] += 1
            missing -= 1
            k += 1
        }
        var out: [String: Decimal] = [:]
        for (j, id) in ids.enumerated() { out[id] = floors[j] / 100 }
        return out
    }
}
