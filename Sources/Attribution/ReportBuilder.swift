import Foundation
import CampaignKit

extension Analysis {
    /// The campaign metrics of R14 (and R5's unlinked values, R18's attribution) over one window.
    /// A count over the events in the window: nothing the rules decide is recomputed here.
    /// With a `segment` (a Salesforce campaign id, R20), the contact-based metrics — influenced
    /// contacts, new contacts, influenced deals and revenue — count only that segment's contacts.
    /// `now` picks the assets "associated now" (default: the analysis's clock; see `holds(at:)`).
    public func report(window: ReportWindow, models: [AttributionModel] = AttributionModel.builtIn,
                       segment: String? = nil, now: Instant? = nil) -> Report {
        let data = self.data
        let inSegment: (Int32) -> Bool
        if let segment {
            let members = data.dataset.contacts.map { $0.salesforceCampaignIDs.contains(segment) }
            inSegment = { $0 >= 0 && members[Int($0)] }
        } else {
            inSegment = { _ in true }
        }
        let campaignCount = data.campaigns.count
        let lo = window.lowerBound?.microseconds ?? Int64.min
        let hi = window.upperBound?.microseconds ?? Int64.max
        func inWindow(_ t: Int64) -> Bool { t >= lo && t < hi }

        // Distinct counts with a one-entry memo per session (or pair) in front of a set:
        // a session's views mostly belong to one campaign, so the set is rarely touched.
        var sessions = [Int](repeating: 0, count: campaignCount)
        var lastCampaignOfSession = [Int32](repeating: -1, count: data.sessionCount)
        var countedSessions = Set<Int64>()
        var sessionsPerDay: [Int64: Int] = [:]
        var lastDayOfSession = [Int64](repeating: Int64.min, count: data.sessionCount)
        var countedSessionDays = Set<SessionDay>()
        var pairInteractions = [Int](repeating: 0, count: data.pairs.count)
        var pairContacts = [Int](repeating: 0, count: data.pairs.count)
        var lastContactOfPair = [Int32](repeating: -1, count: data.pairs.count)
        var countedPairContacts = Set<Int64>()
        var unlinkedViews: [Int32: Int] = [:]
        var unlinkedSessions: [Int32: Set<Int32>] = [:]
        var unlinkedSpellings: [Int32: Set<String>] = [:]
        var days = DayMapper(zone: zone)

        for ei in eventsInWindow(lo: lo, hi: hi) {
            let i = Int(ei)
            let c = eventCampaign[i]
            if data.eventType[i] == .pageView {
                if c >= 0 {
                    let s = data.eventSession[i]
                    if lastCampaignOfSession[Int(s)] != c {
                        lastCampaignOfSession[Int(s)] = c
                        if countedSessions.insert(Int64(c) << 32 | Int64(s)).inserted { sessions[Int(c)] += 1 }
                    }
                    let dayOfCampaign = days.dayNumber(data.eventTime[i]) << 32 | Int64(c)
                    if lastDayOfSession[Int(s)] != dayOfCampaign {
                        lastDayOfSession[Int(s)] = dayOfCampaign
                        if countedSessionDays.insert(SessionDay(dayOfCampaign: dayOfCampaign, session: s)).inserted {
                            sessionsPerDay[dayOfCampaign, default: 0] += 1
                        }
                    }
                }
                let u = eventUnlinked[i]
                if u >= 0 {
                    unlinkedViews[u, default: 0] += 1
                    unlinkedSessions[u, default: []].insert(data.eventSession[i])
                    unlinkedSpellings[u, default: []].insert(data.urls[Int(data.eventURL[i])].campaignValue!)
                }
            }
            guard c >= 0 else { continue }
            let k = data.eventContact[i]
            for j in Int(creditStart[i])..<Int(creditStart[i + 1]) {
                let p = Int(creditPairs[j])
                pairInteractions[p] += 1
                if k >= 0, lastContactOfPair[p] != k {
                    lastContactOfPair[p] = k
                    if countedPairContacts.insert(Int64(p) << 32 | Int64(k)).inserted { pairContacts[p] += 1 }
                }
            }
        }
        var dailyByCampaign = [[DayCount]](repeating: [], count: campaignCount)
        for key in sessionsPerDay.keys.sorted() {
            dailyByCampaign[Int(key & 0xFFFF_FFFF)].append(DayCount(day: CalendarDate(dayNumber: key >> 32), count: sessionsPerDay[key]!))
        }

        var influenced = [Int](repeating: 0, count: campaignCount)
        for f in firstInfluence where inWindow(data.eventTime[Int(f.event)]) && inSegment(f.contact) { influenced[Int(f.campaign)] += 1 }

        var firstTouch = [Int](repeating: 0, count: campaignCount)
        var lastTouch = [Int](repeating: 0, count: campaignCount)
        for k in 0..<data.contactCreated.count where inWindow(data.contactCreated[k]) && inSegment(Int32(k)) {
            if firstTouchCampaign[k] >= 0 { firstTouch[Int(firstTouchCampaign[k])] += 1 }
            if lastTouchCampaign[k] >= 0 { lastTouch[Int(lastTouchCampaign[k])] += 1 }
        }

        var deals = [Int](repeating: 0, count: campaignCount)
        var revenue = [Decimal](repeating: 0, count: campaignCount)
        for (d, campaigns) in dealCampaigns.enumerated() where !campaigns.isEmpty {
            let deal = data.dataset.deals[d]
            guard let close = deal.closeDate, inWindow(close.microseconds) else { continue }
            let counted = segment == nil ? campaigns : influencingCampaigns(ofDealAt: d, onlyContacts: inSegment)
            for c in counted { deals[Int(c)] += 1; revenue[Int(c)] += deal.amount }
        }

        let now = (now ?? asOf).microseconds
        let campaigns = data.campaigns.enumerated().map { (ci, campaign) -> CampaignReport in
            var assets: [AssetReport] = []
            for (ai, asset) in data.assets.enumerated() {
                guard let iv = data.intervals[ai].first(where: { $0.campaign == Int32(ci) && $0.covers(now) }) else { continue }
                let p = Int(iv.pair)
                let reason = visibility.hidden[p]
                assets.append(AssetReport(id: asset.id, name: asset.name, type: asset.type, hiddenReason: reason,
                                          interactions: reason == nil ? pairInteractions[p] : 0,
                                          contacts: reason == nil ? pairContacts[p] : 0))
            }
            assets.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
            return CampaignReport(
                id: campaign.id, name: campaign.name, utmCampaign: campaign.utm.value,
                utmAliases: campaign.allUtmValues.filter { $0 != campaign.utm }.map(\.value),
                inAnalytics: campaign.inAnalytics, startDate: campaign.startDate, endDate: campaign.endDate,
                createdAt: campaign.createdAt, sessions: sessions[ci], influencedContacts: influenced[ci],
                newContactsFirstTouch: firstTouch[ci], newContactsLastTouch: lastTouch[ci],
                influencedDeals: deals[ci], influencedRevenue: revenue[ci], assets: assets, sessionsByDay: dailyByCampaign[ci])
        }

        let unlinked = unlinkedViews.keys.map { u -> UnlinkedUtm in
            let key = unlinkedKeys.values[Int(u)]
            return UnlinkedUtm(key: key, spellings: unlinkedSpellings[u]!.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
                               pageViews: unlinkedViews[u]!, sessions: unlinkedSessions[u]!.count,
                               suggestedCampaignID: unlinkedSuggestion[Int(u)] >= 0 ? data.campaigns[Int(unlinkedSuggestion[Int(u)])].id : nil)
        }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }

        return Report(window: window, campaigns: campaigns, unlinkedUtm: unlinked,
                      attribution: attribution(window: window, models: models))
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

/// A (campaign, day, session) triple, for counting each session once per campaign and day.
struct SessionDay: Hashable {
    var dayOfCampaign: Int64
    var session: Int32
}
