import Foundation
import CampaignKit

/// R9: one visibility state per (asset, campaign) pair, judged on all the data.
struct Visibility: Sendable {
    /// Hidden reason per pair id; nil when visible.
    let hidden: [HiddenReason?]

    /// The reasons given each pair's visits (rule 2); `visited` nil treats every pair as visited,
    /// leaving only rules 1 and 3, which do not depend on the data.
    init(data: CompiledData, visited: [Bool]?, asOf: Instant, zone: TimeZone) {
        var hidden = [HiddenReason?](repeating: nil, count: data.pairs.count)
        for (p, pair) in data.pairs.enumerated() {
            let asset = data.assets[Int(pair.asset)]
            let campaign = data.campaigns[Int(pair.campaign)]
            hidden[p] = Self.reason(asset: asset, campaign: campaign, visited: visited?[p] ?? true, asOf: asOf, zone: zone)
        }
        self.hidden = hidden
    }

    static func reason(asset: Asset, campaign: Campaign, visited: Bool, asOf: Instant, zone: TimeZone) -> HiddenReason? {
        if asset.type == .socialPost, asset.publishedAt.map({ $0 > asOf }) ?? true { return .unpublished }
        if Self.needsVisit(asset.type) && !visited { return .notVisited }
        if let published = asset.publishedAt, campaign.startDate != nil || campaign.endDate != nil {
            let day = CalendarDate(published, in: zone)
            if let start = campaign.startDate, day < start { return .outsideDates }
            if let end = campaign.endDate, day > end { return .outsideDates }
        }
        return nil
    }

    /// Rule 2's asset types: hidden until visited.
    static func needsVisit(_ type: AssetType) -> Bool { type == .paidSearch || type == .trackingURL }

    /// R9 rule 2, marked event by event: a paid_search asset is visited by an `ad_click` on it
    /// or a page view whose keyword matches it; a tracking URL by a page view matching it —
    /// each at or after the campaign's creation while associated with it.
    struct Visits {
        /// Per asset, its intervals as [later of association and creation, dissociation).
        private let spans: FlatLists<(from: Int64, to: Int64, pair: Int32)>
        private let facts: URLFacts
        private(set) var visited: [Bool]

        init(data: CompiledData, facts: URLFacts) {
            spans = FlatLists(data.intervals.map { ivs in
                ivs.map { (from: max($0.from, data.campaignCreated[Int($0.campaign)]), to: $0.to, pair: $0.pair) }
            })
            self.facts = facts
            visited = [Bool](repeating: false, count: data.pairs.count)
        }

        mutating func mark(_ asset: Int32, at t: Int64) {
            for j in spans.range(Int(asset)) where spans.items[j].from <= t && t < spans.items[j].to {
                visited[Int(spans.items[j].pair)] = true
            }
        }

        /// A page view of URL `u` with keyword `kw` (either -1 for none) at t.
        mutating func pageView(url u: Int32, keyword kw: Int32, at t: Int64) {
            if kw >= 0 { for j in facts.keywordAssets.range(Int(kw)) { mark(facts.keywordAssets.items[j], at: t) } }
            if u >= 0 { for j in facts.trackingAssets.range(Int(u)) { mark(facts.trackingAssets.items[j], at: t) } }
        }

        /// Every event's visits, in a pass of their own.
        static func all(_ data: CompiledData, _ facts: URLFacts) -> [Bool] {
            var visits = Visits(data: data, facts: facts)
            for i in 0..<data.eventTime.count {
                switch data.eventType[i] {
                case .adClick:
                    let a = data.eventAsset[i]
                    if a >= 0, facts.assetType[Int(a)] == .paidSearch { visits.mark(a, at: data.eventTime[i]) }
                case .pageView:
                    visits.pageView(url: data.eventURL[i], keyword: data.eventKeyword[i], at: data.eventTime[i])
                default:
                    break
                }
            }
            return visits.visited
        }
    }
}
