import Foundation
import CampaignKit

extension Explainer {
    /// R19 for a campaign's numbers: what each metric counts, and which rule brought its page views.
    public func campaign(_ id: String) throws -> [String] {
        guard let c = data.campaignIndex[id] else { throw Failure.unknown(kind: "campaign", id: id) }
        let campaign = data.campaigns[Int(c)]
        var lines = ["Campaign \(campaignLabel(c)), created \(campaign.createdAt.iso8601); nothing before that counts (R8)."]
        for v in campaign.allUtmValues {
            lines.append("utm_campaign \"\(v.value)\" counts from \(v.attachedAt.iso8601)\(v == campaign.utm ? " (current)" : " (earlier value, kept on rename: R3)").")
        }
        if !campaign.inAnalytics { lines.append("Created before 2017-09-01: left out of the analytics view (R17).") }
        let lo = window.lowerBound?.microseconds ?? Int64.min
        let hi = window.upperBound?.microseconds ?? Int64.max
        var byRule: [MatchRule: Int] = [:]
        for ei in analysis.eventsInWindow(lo: lo, hi: hi) where analysis.eventCampaign[Int(ei)] == c {
            byRule[analysis.eventRule[Int(ei)], default: 0] += 1
        }
        lines.append("Over \(ReportFormatter.describe(window)):")
        for rule in [MatchRule.utm, .page, .keyword] {
            lines.append("  \(byRule[rule] ?? 0) page views by \(ruleName(rule))")
        }
        lines.append("  \(byRule[.asset] ?? 0) other interactions by \(ruleName(.asset))")
        lines.append("Sessions count the distinct sessions holding one of those page views (R10, R14).")
        lines.append("Influenced contacts count contacts whose first qualifying interaction with the campaign lies in the window (R14).")
        lines.append("New contacts count contacts created in the window whose first touch (R15) or last touch (R16) is this campaign.")
        lines.append("Influenced deals count closed-won deals closed in the window with a contact associated and influenced at or before the close (R14).")
        return lines
    }
}
