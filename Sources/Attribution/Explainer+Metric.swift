import Foundation
import CampaignKit

extension Explainer {
    /// The metrics of R14 by their names in the JSON report.
    public enum Metric: String, CaseIterable, Sendable {
        case sessions, influencedContacts = "influenced_contacts"
        case newContactsFirstTouch = "new_contacts_first_touch", newContactsLastTouch = "new_contacts_last_touch"
        case influencedDeals = "influenced_deals", influencedRevenue = "influenced_revenue"
    }

    /// R19 for one number of a campaign: what it counts, and the objects behind it.
    public func metric(_ metric: Metric, campaign id: String, limit: Int = 12) throws -> [String] {
        guard let c = data.campaignIndex[id] else { throw Failure.unknown(kind: "campaign", id: id) }
        let lo = window.lowerBound?.microseconds ?? Int64.min
        let hi = window.upperBound?.microseconds ?? Int64.max
        let inWindow = { (t: Int64) in t >= lo && t < hi }
        var lines: [String] = []
        func list(_ items: [String], total: Int) {
            lines += items.prefix(limit).map { "  " + $0 }
            if total > limit { lines.append("  … and \(total - limit) more") }
        }
        switch metric {
        case .sessions:
            return try campaign(id)
        case .influencedContacts:
            let firsts = analysis.firstInfluences(campaign: c).filter { inWindow(analysis.time(of: $0.influence)) }
            lines.append("\(firsts.count) contacts were first influenced by \(campaignLabel(c)) in \(ReportFormatter.describe(window)): their first qualifying interaction with it lies in the window (R13, R14). Anonymous visitors never count.")
            list(firsts.map { "\(data.dataset.contacts[Int($0.contact)].id): \(describe(event: Int($0.influence.event)))" }, total: firsts.count)
        case .newContactsFirstTouch, .newContactsLastTouch:
            let first = metric == .newContactsFirstTouch
            let campaigns = first ? analysis.firstTouchCampaign : analysis.lastTouchCampaign
            let decisive = first ? analysis.firstTouchEvent : analysis.lastTouchEvent
            let ks = (0..<campaigns.count).filter { campaigns[$0] == c && inWindow(data.contactCreated[$0]) }
            lines.append("\(ks.count) contacts created in \(ReportFormatter.describe(window)) have \(campaignLabel(c)) as their \(first ? "first touch: their earliest page view belongs to it (R15)" : "last touch: decided at their first form submission (R16)").")
            list(ks.map { "\(data.dataset.contacts[$0].id), created \(Instant(microseconds: data.contactCreated[$0]).iso8601): \(describe(event: Int(decisive[$0])))" }, total: ks.count)
        case .influencedDeals, .influencedRevenue:
            var counted: [String] = []
            var total = Decimal(0)
            for (d, campaigns) in analysis.dealCampaigns.enumerated() where campaigns.contains(c) {
                let deal = data.dataset.deals[d]
                guard let close = deal.closeDate, window.contains(close) else { continue }
                counted.append("\(deal.id)\(deal.name.map { " \"\($0)\"" } ?? ""): \(TextTable.amount(deal.amount)), closed \(close.iso8601)")
                total += deal.amount
            }
            lines.append("\(counted.count) closed-won deals, \(TextTable.amount(total)) in all, closed in \(ReportFormatter.describe(window)) with a contact associated at or before the close who had a qualifying interaction with \(campaignLabel(c)) at or before it (R14). A deal can count for several campaigns.")
            list(counted, total: counted.count)
            lines.append("`utmost explain deal ID --campaign \(id)` says why any other deal does not count.")
        }
        return lines
    }

    /// R19 for an unlinked utm value: where it was seen and why it credits no campaign (R5).
    public func utmValue(_ key: String) -> [String] {
        var lines = staticFacts(ParsedURL(probing: "/?utm_campaign=" + UtmTags.percentEncode(key), pageKeys: data.pageKeys))
        var views = 0
        var pages: [String: Int] = [:]
        var credited = 0
        for i in 0..<data.eventTime.count where data.eventType[i] == .pageView && data.eventURL[i] >= 0 {
            guard let value = data.urls[Int(data.eventURL[i])].campaignValue, UtmTags.matchKey(value) == key else { continue }
            views += 1
            pages[PageKey(url: data.dataset.events[i].url ?? "").description, default: 0] += 1
            if analysis.eventCampaign[i] >= 0 { credited += 1 }
        }
        lines.append("\(views) page views carry it, on \(pages.count) page\(pages.count == 1 ? "" : "s"): " +
                     pages.sorted { $0.value > $1.value }.prefix(5).map { "\($0.key) (\($0.value))" }.joined(separator: ", ") + ".")
        lines.append("\(credited) of them still belong to a campaign through their page or keyword (R12 rules 2 and 3).")
        return lines
    }
}
