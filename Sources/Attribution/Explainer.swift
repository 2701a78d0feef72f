import Foundation
import CampaignKit

/// R19: plain sentences that say why a number is what it is, naming the rule that decided.
public struct Explainer: Sendable {
    public let analysis: Analysis
    public let window: ReportWindow

    public init(analysis: Analysis, window: ReportWindow) { self.analysis = analysis; self.window = window }

    public enum Failure: Error, CustomStringConvertible {
        case unknown(kind: String, id: String)
        public var description: String {
            switch self { case .unknown(let kind, let id): return "no \(kind) with id \"\(id)\"" }
        }
    }

    var data: CompiledData { analysis.data }

    func campaignLabel(_ c: Int32) -> String {
        let campaign = data.campaigns[Int(c)]
        return "\"\(campaign.name)\" (\(campaign.id))"
    }

    func when(_ t: Int64) -> String { Instant(microseconds: t).iso8601 }

    func describe(event i: Int) -> String {
        let e = data.dataset.events[i]
        var s = "\(e.type.rawValue) at \(e.time.iso8601)"
        if let c = e.contactID { s += " by contact \(c)" } else if let v = e.visitorID { s += " by visitor \(v)" }
        if let u = e.url, e.type == .pageView { s += " on \(u)" }
        // The compiled asset, not the event's string: a compile for the dashboard lets that column go (`EventStrings`).
        if data.eventAsset[i] >= 0 { s += " of asset \(data.assets[Int(data.eventAsset[i])].id)" }
        return s + " (events row \(i + 1))"
    }

    func ruleName(_ rule: MatchRule) -> String {
        switch rule {
        case .utm: return "R12 rule 1, its utm_campaign value"
        case .page: return "R12 rule 2, the page or tracking URL"
        case .keyword: return "R12 rule 3, the paid-search keyword"
        case .asset: return "R13, the asset it names"
        case .none: return "no rule"
        }
    }

    // MARK: assets

    public func asset(_ id: String) throws -> [String] {
        guard let ai = data.assetIndex[id] else { throw Failure.unknown(kind: "asset", id: id) }
        let asset = data.assets[Int(ai)]
        var lines = ["Asset \(asset.id) \"\(asset.name)\" (\(asset.type.rawValue))."]
        let intervals = data.intervals[Int(ai)]
        if intervals.isEmpty {
            lines.append("It is not associated with any campaign, so it counts for none (R7, R8).")
            return lines
        }
        for iv in intervals {
            let until = iv.to == Int64.max ? "and still is" : "until \(when(iv.to))"
            lines.append("Associated with \(campaignLabel(iv.campaign)) from \(when(iv.from)) \(until).")
        }
        if asset.type.allowsManyCampaigns { lines.append("Workflows may belong to several campaigns at once (R7); enrollments are not interactions and never count (R13).") }
        var seenPairs = Set<Int32>()
        for iv in intervals where seenPairs.insert(iv.pair).inserted {
            let label = campaignLabel(iv.campaign)
            if let reason = analysis.visibility.hidden[Int(iv.pair)] {
                lines.append("Hidden in \(label): \(hiddenSentence(reason, asset: asset, campaign: data.campaigns[Int(iv.campaign)])) It contributes nothing there (R9).")
            } else {
                lines.append("Visible in \(label).")
            }
        }
        lines += interactionSummary(asset: ai)
        return lines
    }

    func hiddenSentence(_ reason: HiddenReason, asset: Asset, campaign: Campaign) -> String {
        switch reason {
        case .unpublished:
            if let p = asset.publishedAt { return "the social post is scheduled for \(p.iso8601), after now (\(analysis.asOf.iso8601))." }
            return "the social post is not published (no published_at)."
        case .notVisited:
            return asset.type == .paidSearch
                ? "no ad click and no page view with one of its keywords since the campaign was created, while associated."
                : "no page view has matched this tracking URL since the campaign was created, while associated."
        case .outsideDates:
            let day = asset.publishedAt.map { CalendarDate($0, in: analysis.zone).description } ?? "?"
            return "published on \(day) (\(window.zoneName)), outside the campaign's dates \(campaign.startDate?.description ?? "…") to \(campaign.endDate?.description ?? "…")."
        }
    }

    /// Counts the asset's interactions by why they did or did not count: the events
    /// naming it (R13) and, for pages, tracking URLs and paid search, the page views
    /// that fit it (R12 rules 2 and 3, R14 per asset).
    func interactionSummary(asset ai: Int32) -> [String] {
        let pairs = Set(data.intervals[Int(ai)].map(\.pair))
        var counted = 0
        var reasons: [String: (count: Int, example: Int)] = [:]
        for i in 0..<data.eventTime.count where data.eventAsset[i] == ai || fitsPage(event: i, asset: ai) {
            let credited = (Int(analysis.creditStart[i])..<Int(analysis.creditStart[i + 1])).contains { pairs.contains(analysis.creditPairs[$0]) }
            if credited { counted += 1; continue }
            let reason = whyNotCounted(event: i, asset: ai)
            let current = reasons[reason]
            reasons[reason] = (count: (current?.count ?? 0) + 1, example: current?.example ?? i)
        }
        if counted + reasons.values.reduce(0, { $0 + $1.count }) == 0 {
            return ["No event names this asset and no page view fits it."]
        }
        var lines = ["\(counted) of its interactions count for its campaign (all time; R13, R14)."]
        for (reason, info) in reasons.sorted(by: { $0.value.count > $1.value.count }) {
            lines.append("\(info.count) did not: \(reason) — e.g. \(describe(event: info.example)).")
        }
        return lines
    }

    /// A page view on the asset's page, matching its tracking URL, or carrying one of its keywords.
    func fitsPage(event i: Int, asset ai: Int32) -> Bool {
        guard data.eventType[i] == .pageView else { return false }
        let u = data.eventURL[i]
        let asset = data.assets[Int(ai)]
        switch asset.type {
        case .blogPost, .landingPage, .websitePage:
            return u >= 0 && data.pageAssetsByKey[data.urls[Int(u)].pageKey]?.contains(ai) == true
        case .trackingURL:
            guard u >= 0, let tracking = data.trackingURL[ai] else { return false }
            return data.urls[Int(u)].pageKey == tracking.pageKey && data.urls[Int(u)].carriesAllTags(of: tracking)
        case .paidSearch:
            let kw = data.eventKeyword[i]
            return kw >= 0 && data.paidSearchByKeyword[kw]?.contains(ai) == true
        default:
            return false
        }
    }

    func whyNotCounted(event i: Int, asset ai: Int32) -> String {
        let t = data.eventTime[i]
        if data.eventType[i] == .workflowEnrollment { return "a workflow enrollment is not an interaction (R13)" }
        let covering = data.intervals[Int(ai)].filter { $0.covers(t) }
        guard let iv = covering.first else { return "the asset was not associated with any campaign at that instant (R8)" }
        if t < data.campaignCreated[Int(iv.campaign)] { return "it happened before \(campaignLabel(iv.campaign)) was created (R8)" }
        if let reason = analysis.visibility.hidden[Int(iv.pair)] { return "the asset is hidden in \(campaignLabel(iv.campaign)) (R9: \(reason.rawValue))" }
        let c = analysis.eventCampaign[i]
        if data.eventType[i] == .pageView, c >= 0, c != iv.campaign {
            return "the view belongs to \(campaignLabel(c)) by \(ruleName(analysis.eventRule[i])), which comes first (R12)"
        }
        return "it does not qualify (R13)"
    }
}
