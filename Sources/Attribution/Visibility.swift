import Foundation
import CampaignKit

/// R9: one visibility state per (asset, campaign) pair, judged on all the data.
struct Visibility: Sendable {
    /// Hidden reason per pair id; nil when visible.
    let hidden: [HiddenReason?]

    init(data: CompiledData, facts: URLFacts, asOf: Instant, zone: TimeZone) {
        let visited = Self.visitedPairs(data, facts)
        var hidden = [HiddenReason?](repeating: nil, count: data.pairs.count)
        for (p, pair) in data.pairs.enumerated() {
            let asset = data.assets[Int(pair.asset)]
            let campaign = data.campaigns[Int(pair.campaign)]
            hidden[p] = Self.reason(asset: asset, campaign: campaign, visited: visited[p], asOf: asOf, zone: zone)
        }
        self.hidden = hidden
    }

    static func reason(asset: Asset, campaign: Campaign, visited: Bool, asOf: Instant, zone: TimeZone) -> HiddenReason? {
        if asset.type == .socialPost, asset.publishedAt.map({ $0 > asOf }) ?? true { return .unpublished }
        if (asset.type == .paidSearch || asset.type == .trackingURL) && !visited { return .notVisited }
        if let published = asset.publishedAt, campaign.startDate != nil || campaign.endDate != nil {
            let day = CalendarDate(published, in: zone)
            if let start = campaign.startDate, day < start { return .outsideDates }
            if let end = campaign.endDate, day > end { return .outsideDates }
        }
        return nil
    }

    /// R9 rule 2: a paid_search asset is visited by an `ad_click` on it or a page view
    /// whose keyword matches it; a tracking URL by a page view matching it — each at
    /// or after the campaign's creation while associated with it.
    static func visitedPairs(_ data: CompiledData, _ facts: URLFacts) -> [Bool] {
        var visited = [Bool](repeating: false, count: data.pairs.count)
        // Per asset, its intervals as [later of association and creation, dissociation).
        let spans = FlatLists(data.intervals.map { ivs in
            ivs.map { (from: max($0.from, data.campaignCreated[Int($0.campaign)]), to: $0.to, pair: $0.pair) }
        })
        func mark(_ asset: Int32, at t: Int64) {
            for j in spans.range(Int(asset)) where spans.items[j].from <= t && t < spans.items[j].to {
                visited[Int(spans.items[j].pair)] = true
            }
        }
        let types = data.eventType, assets = data.eventAsset, keywords = data.eventKeyword, urls = data.eventURL
        for i in 0..<data.eventTime.count {
            switch types[i] {
            case .adClick:
                let a = assets[i]
                if a >= 0, facts.assetType[Int(a)] == .paidSearch { mark(a, at: data.eventTime[i]) }
            case .pageView:
                let kw = keywords[i]
                if kw >= 0 { for j in facts.keywordAssets.range(Int(kw)) { mark(facts.keywordAssets.items[j], at: data.eventTime[i]) } }
                let u = urls[i]
                if u >= 0 { for j in facts.trackingAssets.range(Int(u)) { mark(facts.trackingAssets.items[j], at: data.eventTime[i]) } }
            default:
                break
            }
        }
        return visited
    }
}
