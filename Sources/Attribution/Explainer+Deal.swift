import Foundation
import CampaignKit

extension Explainer {
    /// R19 for a deal: for each campaign (or the one asked for), counted or not and
    /// the first condition of R14 that fails; then R18's touches and shares.
    public func deal(_ id: String, campaign campaignID: String? = nil,
                     models: [AttributionModel] = AttributionModel.builtIn) throws -> [String] {
        guard let d = data.dataset.deals.firstIndex(where: { $0.id == id }) else { throw Failure.unknown(kind: "deal", id: id) }
        let deal = data.dataset.deals[d]
        var campaigns = Array(0..<Int32(data.campaigns.count))
        if let campaignID {
            guard let c = data.campaignIndex[campaignID] else { throw Failure.unknown(kind: "campaign", id: campaignID) }
            campaigns = [c]
        }
        var lines = ["Deal \(deal.id)\(deal.name.map { " \"\($0)\"" } ?? ""): \(TextTable.amount(deal.amount)), \(deal.stage.rawValue), created \(deal.createdAt.iso8601)\(deal.closeDate.map { ", closed \($0.iso8601)" } ?? "")."]
        let links = data.dataset.dealContacts.filter { $0.dealID == deal.id }
        for link in links {
            lines.append("Contact \(link.contactID) associated at \(link.associatedAt.iso8601).")
        }
        for c in campaigns {
            lines.append(verdict(deal: deal, dealIndex: d, campaign: c, links: links))
        }
        lines += attributionLines(deal: deal, models: models)
        return lines
    }

    func verdict(deal: Deal, dealIndex: Int, campaign c: Int32, links: [DealContact]) -> String {
        let label = campaignLabel(c)
        guard deal.stage == .closedWon else { return "Not counted for \(label): the deal is \(deal.stage.rawValue), not closed won (R14)." }
        guard let close = deal.closeDate else { return "Not counted for \(label): the deal has no close date (R14)." }
        guard window.contains(close) else { return "Not counted for \(label): it closed on \(CalendarDate(close, in: window.zone)), outside the window \(ReportFormatter.describe(window)) (R14)." }
        guard !links.isEmpty else { return "Not counted for \(label): no contact is associated with the deal (R14)." }
        let before = links.filter { $0.associatedAt <= close }
        guard !before.isEmpty else { return "Not counted for \(label): every contact was associated after the close (R14 (a))." }
        if analysis.dealCampaigns[dealIndex].contains(c) {
            let contacts = before.compactMap { link -> String? in
                guard let k = data.contact(id: link.contactID),
                      let f = analysis.firstInfluence(contact: k, campaign: c),
                      analysis.time(of: f) <= close.microseconds else { return nil }
                return "\(link.contactID) (first influenced by \(describe(event: Int(f.event))))"
            }
            return "Counted for \(label): contact \(contacts.joined(separator: ", ")) was associated and influenced at or before the close (R14)."
        }
        return "Not counted for \(label): no contact associated before the close had a qualifying interaction with it at or before the close (R14 (b))."
    }

    func attributionLines(deal: Deal, models: [AttributionModel]) -> [String] {
        guard deal.stage == .closedWon, deal.closeDate != nil else { return [] }
        let touches = analysis.touches(ofDeal: deal)
        guard !touches.isEmpty else { return ["Attribution (R18): no touch before the close, so the deal is unattributed."] }
        var lines = ["Attribution (R18): \(touches.count) touch\(touches.count == 1 ? "" : "es") at or before the close:"]
        for t in touches {
            let held = TouchPosition.allCases.filter(t.positions.contains).map(\.rawValue)
            lines.append("  \(t.time.iso8601)  \(t.type.rawValue) by \(t.contactID) → \(t.campaignID)\(held.isEmpty ? "" : "  [" + held.joined(separator: ", ") + "]")")
        }
        for model in models {
            var perCampaign: [String: Decimal] = [:]
            for (t, credit) in zip(touches, analysis.credits(of: touches, deal: deal, model: model)) { perCampaign[t.campaignID, default: 0] += credit }
            let parts = perCampaign.keys.sorted().map { "\($0) \(TextTable.amount(perCampaign[$0]!))" }
            lines.append("  \(model.name): \(parts.joined(separator: ", "))")
        }
        return lines
    }
}
