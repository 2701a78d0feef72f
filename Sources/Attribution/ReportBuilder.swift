import Foundation
import CampaignKit

extension Analysis {
    /// The campaign metrics of R14 (and R5's unlinked values, R18's attribution) over one window.
    /// A count over the events in the window: nothing the rules decide is recomputed here.
    /// With a `segment` (a Salesforce campaign id, R20), the contact-based metrics — influenced
    /// contacts, new contacts, influenced deals and revenue — count only that segment's contacts.
    /// `now` picks the assets "associated now" (default: the analysis's clock; see `holds(at:)`).
    /// The campaigns and the attribution are independent: they are worked out side by side.
    public func report(window: ReportWindow, models: [AttributionModel] = AttributionModel.builtIn,
                       segment: String? = nil, now: Instant? = nil) -> Report {
        let (counted, attribution) = both({
            self.campaignsAndUnlinked(window: window, segment: segment, now: now)
        }, {
            self.attribution(window: window, models: models)
        })
        return Report(window: window, campaigns: counted.campaigns, unlinkedUtm: counted.unlinked, attribution: attribution,
                      lastEventAt: data.latestEventTime.map(Instant.init(microseconds:)))
    }

    /// R14's campaign metrics and R5's unlinked values over the window.
    private func campaignsAndUnlinked(window: ReportWindow, segment: String?, now: Instant?)
        -> (campaigns: [CampaignReport], unlinked: [UnlinkedUtm]) {
        let data = self.data
        let members = segment.map { id in data.dataset.contacts.map { $0.salesforceCampaignIDs.contains(id) } }
        func inSegment(_ k: Int32) -> Bool { members.map { k >= 0 && $0[Int(k)] } ?? true }
        let campaignCount = data.campaigns.count
        let lo = window.lowerBound?.microseconds ?? Int64.min
        let hi = window.upperBound?.microseconds ?? Int64.max
        func inWindow(_ t: Int64) -> Bool { t >= lo && t < hi }

        let unbounded = lo == Int64.min && hi == Int64.max
        let counts = unbounded ? allData : WindowCounts(self, lo: lo, hi: hi)

        var influenced = [Int](repeating: 0, count: campaignCount)
        let times = data.eventTime
        for k in 0..<influence.count where inSegment(Int32(k)) {
            for j in influence.range(k) where unbounded || inWindow(times[Int(influence.items[j].event)]) {
                influenced[Int(influence.items[j].campaign)] += 1
            }
        }

        var firstTouch = [Int](repeating: 0, count: campaignCount)
        var lastTouch = [Int](repeating: 0, count: campaignCount)
        for k in 0..<data.contactCreated.count where inWindow(data.contactCreated[k]) && inSegment(Int32(k)) {
            if firstTouchCampaign[k] >= 0 { firstTouch[Int(firstTouchCampaign[k])] += 1 }
            if lastTouchCampaign[k] >= 0 { lastTouch[Int(lastTouchCampaign[k])] += 1 }
        }

        var dealsOf = [[Int]](repeating: [], count: campaignCount)
        let dealCampaigns = members == nil ? self.dealCampaigns : influencingCampaigns(onlyContacts: inSegment)
        for (d, campaigns) in dealCampaigns.enumerated() where !campaigns.isEmpty {
            guard let close = data.dataset.deals[d].closeDate, inWindow(close.microseconds) else { continue }
            for c in campaigns { dealsOf[Int(c)].append(d) }
        }

        let assetsNow = assetsAssociated(at: (now ?? asOf).microseconds)
        let daily = counts.daily.series(campaignCount: campaignCount)
        let campaigns = data.campaigns.enumerated().map { (ci, campaign) -> CampaignReport in
            let assets = assetsNow[ci].map { (ai, p) -> AssetReport in
                let asset = data.assets[ai]
                let reason = visibility.hidden[p]
                return AssetReport(id: asset.id, name: asset.name, type: asset.type, hiddenReason: reason,
                                   interactions: reason == nil ? counts.pairInteractions[p] : 0,
                                   contacts: reason == nil ? counts.pairContacts[p] : 0)
            }
            return CampaignReport(
                id: campaign.id, name: campaign.name, utmCampaign: campaign.utm.value,
                utmAliases: campaign.aliases.enumerated()
                    .sorted { ($0.element.attachedAt, $0.offset) < ($1.element.attachedAt, $1.offset) }.map(\.element.value),
                inAnalytics: campaign.inAnalytics, startDate: campaign.startDate, endDate: campaign.endDate,
                createdAt: campaign.createdAt, sessions: counts.sessions[ci], influencedContacts: influenced[ci],
                newContactsFirstTouch: firstTouch[ci], newContactsLastTouch: lastTouch[ci],
                influencedDeals: dealsOf[ci].count, influencedRevenue: totalAmount(ofDeals: dealsOf[ci]),
                assets: assets, sessionsByDay: daily[ci], budget: campaign.budget, archivedAt: campaign.archivedAt)
        }

        let keys = tables.facts.unlinkedKeys
        let views = counts.unlinked.views, sessions = counts.unlinked.sessions
        let spellings = counts.unlinked.spellings(data, tables.facts)
        let unlinked = tables.facts.unlinkedOrder.map(Int.init).filter { views[$0] > 0 }.map { u -> UnlinkedUtm in
            UnlinkedUtm(key: keys[u], spellings: spellings[u].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
                        pageViews: views[u], sessions: sessions[u],
                        suggestedCampaignID: unlinkedSuggestion[u] >= 0 ? data.campaigns[Int(unlinkedSuggestion[u])].id : nil)
        }

        return (campaigns, unlinked)
    }

    /// Per campaign: the assets associated with it at `now` and their pairs, sorted by asset id.
    func assetsAssociated(at now: Int64) -> [[(asset: Int, pair: Int)]] {
        var out = [[(asset: Int, pair: Int)]](repeating: [], count: data.campaigns.count)
        for (ai, intervals) in data.intervals.enumerated() {
            for (j, iv) in intervals.enumerated() where iv.covers(now) {
                // One row per asset and campaign: the first interval that covers now.
                if intervals[..<j].contains(where: { $0.campaign == iv.campaign && $0.covers(now) }) { continue }
                out[Int(iv.campaign)].append((ai, Int(iv.pair)))
            }
        }
        let assets = data.assets
        return out.map { $0.sorted { assets[$0.asset].id.utf8.lexicographicallyPrecedes(assets[$1.asset].id.utf8) } }
    }

    /// Indices of the events whose time lies in [lo, hi), in (time, data order).
    func eventsInWindow(lo: Int64, hi: Int64) -> ArraySlice<Int32> {
        let byTime = data.byTime
        let times = data.eventTime
        func firstAtOrAfter(_ bound: Int64) -> Int {
            var a = 0, b = byTime.count
            while a < b {
                let m = (a + b) / 2
                if times[Int(byTime[m])] < bound { a = m + 1 } else { b = m }
            }
            return a
        }
        let start = lo == Int64.min ? 0 : firstAtOrAfter(lo)
        let end = hi == Int64.max ? byTime.count : firstAtOrAfter(hi)
        return byTime[start..<max(start, end)]
    }
}

