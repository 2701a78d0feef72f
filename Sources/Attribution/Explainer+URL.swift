import Foundation
import CampaignKit

extension Explainer {
    /// R19 for a URL: the campaign its visits belong to and by which rule, or why none.
    /// With `at`, judges one visit at that instant; otherwise summarises the page views
    /// recorded with exactly this URL.
    public func url(_ text: String, at instant: Instant? = nil) -> [String] {
        let parsed = ParsedURL(probing: text, pageKeys: data.pageKeys)
        var lines = ["URL \(text)", "Page key \(PageKey(url: text)) (R12: host without www., path without trailing /)."]
        lines += staticFacts(parsed)
        if let instant {
            lines.append("A visit at \(instant.iso8601): " + verdict(parsed, keyword: -1, at: instant.microseconds))
            return lines
        }
        var outcomes: [String: (count: Int, example: Int)] = [:]
        var total = 0
        for i in 0..<data.eventTime.count where data.eventType[i] == .pageView {
            guard data.eventURL[i] >= 0, data.dataset.events[i].url == text else { continue }
            total += 1
            let c = analysis.eventCampaign[i]
            let outcome = c >= 0 ? "belong to \(campaignLabel(c)) by \(ruleName(analysis.eventRule[i]))" : "belong to no campaign: " + urlVerdict(event: i)
            let current = outcomes[outcome]
            outcomes[outcome] = ((current?.count ?? 0) + 1, current?.example ?? i)
        }
        if total == 0 {
            lines.append("No page view carries exactly this URL. Add --at INSTANT to judge a visit at a given moment.")
        }
        for (outcome, info) in outcomes.sorted(by: { $0.value.count > $1.value.count }) {
            lines.append("\(info.count) page view\(info.count == 1 ? "" : "s") \(outcome) — e.g. \(describe(event: info.example)).")
        }
        return lines
    }

    /// What the URL carries regardless of time: its utm value's owner, the assets on its page.
    func staticFacts(_ parsed: ParsedURL) -> [String] {
        var lines: [String] = []
        if let value = parsed.campaignValue {
            let key = UtmTags.matchKey(value)
            if let owner = data.utmOwner[key] {
                lines.append("utm_campaign \"\(value)\" is a value of \(campaignLabel(owner.campaign)), attached \(when(owner.attachedAt)) (R4).")
            } else {
                var s = "utm_campaign \"\(value)\" is no campaign's value: it is unlinked and credits nothing (R5)."
                var suggestions = UtmSuggestion(campaigns: data.campaigns)
                if let suggestion = suggestions.campaign(for: key) {
                    s += " It looks like a value of \(campaignLabel(suggestion)); `utmost utm attach` can attach it as an alias."
                }
                lines.append(s)
            }
        } else {
            lines.append("It carries no utm_campaign tag.")
        }
        if parsed.pageKey >= 0 {
            for a in (data.pageAssetsByKey[parsed.pageKey] ?? []) + (data.trackingAssetsByKey[parsed.pageKey] ?? []) {
                let asset = data.assets[Int(a)]
                var s = "Asset \(asset.id) (\(asset.type.rawValue)) is on this page"
                if let tracking = data.trackingURL[a], !parsed.carriesAllTags(of: tracking) {
                    s += ", but this URL lacks some of its utm parameters (\(tracking.utmKeys.keys.sorted().joined(separator: ", ")))"
                }
                lines.append(s + ".")
            }
        }
        return lines
    }

    /// Why a view of this URL at `t` does or does not belong to a campaign.
    func verdict(_ parsed: ParsedURL, keyword: Int32, at t: Int64) -> String {
        let matcher = analysis.matcher
        if let c = matcher.utmCampaign(parsed, at: t) { return "belongs to \(campaignLabel(c)) by its utm value (R12 rule 1)." }
        if let c = matcher.bestPageCandidate(parsed, at: t) {
            return "belongs to \(campaignLabel(c.campaign)) through \(c.isTracking ? "tracking URL" : "page") \(data.assets[Int(c.asset)].id) (R12 rule 2)."
        }
        if let c = matcher.bestKeywordCandidate(keyword: keyword, at: t) {
            return "belongs to \(campaignLabel(c.campaign)) through the keyword of \(data.assets[Int(c.asset)].id) (R12 rule 3)."
        }
        return "belongs to no campaign: " + reasons(parsed, keyword: keyword, at: t)
    }

    func urlVerdict(event i: Int) -> String {
        guard data.eventURL[i] >= 0 else { return "it has no URL." }
        return reasons(data.urls[Int(data.eventURL[i])], keyword: data.eventKeyword[i], at: data.eventTime[i])
    }

    /// Every rule's reason for not matching, in R12's order.
    func reasons(_ parsed: ParsedURL, keyword: Int32, at t: Int64) -> String {
        var why: [String] = []
        if let value = parsed.campaignValue {
            if let owner = data.utmOwner[UtmTags.matchKey(value)] {
                let created = data.campaignCreated[Int(owner.campaign)]
                if t < created { why.append("its utm value belongs to \(campaignLabel(owner.campaign)), created \(when(created)), after the visit (R8)") }
                else { why.append("its utm value was attached to \(campaignLabel(owner.campaign)) only at \(when(owner.attachedAt)), after the visit (R4, R8)") }
            } else {
                why.append("its utm value \"\(value)\" is unlinked (R5)")
            }
        }
        var assetIDs: [Int32] = []
        if parsed.pageKey >= 0 {
            assetIDs += data.pageAssetsByKey[parsed.pageKey] ?? []
            assetIDs += (data.trackingAssetsByKey[parsed.pageKey] ?? []).filter { parsed.carriesAllTags(of: data.trackingURL[$0]!) }
        }
        if keyword >= 0 { assetIDs += data.paidSearchByKeyword[keyword] ?? [] }
        for a in assetIDs {
            let id = data.assets[Int(a)].id
            let covering = data.intervals[Int(a)].filter { $0.covers(t) }
            if covering.isEmpty { why.append("asset \(id) was not associated with any campaign then (R8)"); continue }
            for iv in covering {
                if t < data.campaignCreated[Int(iv.campaign)] { why.append("asset \(id)'s campaign \(campaignLabel(iv.campaign)) did not exist yet (R8)") }
                else if let reason = analysis.visibility.hidden[Int(iv.pair)] { why.append("asset \(id) is hidden in \(campaignLabel(iv.campaign)) (R9: \(reason.rawValue))") }
            }
        }
        if why.isEmpty { return "no campaign's utm value, page, tracking URL or keyword matches it." }
        return why.joined(separator: "; ") + "."
    }
}
