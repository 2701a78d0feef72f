import Foundation
import CampaignKit

/// R9: one visibility state per (asset, campaign) pair, judged on all the data.
struct Visibility: Sendable {
    /// Hidden reason per pair id; nil when visible.
    let hidden: [HiddenReason?]

    init(data: CompiledData, asOf: Instant, zone: TimeZone) {
        let visited = Self.visitedPairs(data)
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
    static func visitedPairs(_ data: CompiledData) -> [Bool] {
        var visited = [Bool](repeating: false, count: data.pairs.count)
        func mark(_ asset: Int32, at t: Int64) {
            for iv in data.intervals[Int(asset)] where iv.covers(t) && t >= data.campaignCreated[Int(iv.campaign)] {
                visited[Int(iv.pair)] = true
            }
        }
        for i in 0..<data.eventTime.count {
            let t = data.eventTime[i]
            switch data.eventType[i] {
            case .adClick:
                let a = data.eventAsset[i]
                if a >= 0, data.assets[Int(a)].type == .paidSearch { mark(a, at: t) }
            case .pageView:
                let kw = data.eventKeyword[i]
                if kw >= 0, let assets = data.paidSearchByKeyword[kw] { for a in assets { mark(a, at: t) } }
                let u = data.eventURL[i]
                if u >= 0, let tracking = data.trackingAssetsByKey[data.urls[Int(u)].pageKey] {
                    for a in tracking where data.urls[Int(u)].carriesAllTags(of: data.trackingURL[a]!) { mark(a, at: t) }
                }
            default:
                break
            }
        }
        return visited
    }
}
