import Foundation
import CampaignKit

/// R14's sessions as chains: for each page view with a campaign, the previous page view
/// of the same session with the same campaign, and the previous one on the same day
/// (analysis zone). A window then counts a (session, campaign) — or a (session,
/// campaign, day) — at the first of its views in the window: the one whose previous
/// view lies before it. No set of pairs per report.
struct SessionChains {
    /// Per event, -1 for none (and for events that are not page views with a campaign).
    var previous = SparseColumn()
    var previousSameDay = SparseColumn()
    /// Over all the data: per campaign its sessions, and its sessions per day (the chains' first views).
    var sessions: [Int] = []
    var daily = DayTally(days: 0..<0, campaignCount: 0)
    /// The links the walks found, as (event, previous view) and (event, previous view that day),
    /// until `appendLinks` moves them into the columns above.
    private var links: [(event: Int32, value: Int32)] = []
    private var sameDayLinks: [(event: Int32, value: Int32)] = []
    // Per campaign: the session that last had a view of it, that view and its day.
    private var stamp: [Int32]
    private var last: [Int32]
    private var lastDay: [Int64]
    private var days: DayMapper

    init(data: CompiledData, sessionEvents: EventGroups, eventCampaign: [Int32], zone: TimeZone) {
        let n = data.eventTime.count
        self.init(campaignCount: data.campaigns.count, zone: zone)
        sessions = [Int](repeating: 0, count: data.campaigns.count)
        daily = DayTally(covering: data.byTime.first.map { data.eventTime[Int($0)] },
                         data.byTime.last.map { data.eventTime[Int($0)] }, campaignCount: data.campaigns.count)
        for p in 0..<sessionEvents.order.count {
            walk(session: sessionEvents.order[p], sessionEvents.items[sessionEvents.range(atPlace: p)], data.eventType, data.eventTime,
                 eventCampaign, countingFrom: 0)
        }
        appendLinks(from: 0, upTo: n)
    }

    /// No chains yet: the walker alone, to be given the chains and counts made before (#17).
    init(campaignCount: Int, zone: TimeZone) {
        stamp = [Int32](repeating: -1, count: campaignCount)
        last = [Int32](repeating: -1, count: campaignCount)
        lastDay = [Int64](repeating: 0, count: campaignCount)
        days = DayMapper(zone: zone)
    }

    /// One session's events in time order: each page view's chain links, and the sessions and
    /// session days that start at views from `countingFrom` on (earlier ones were counted before).
    /// Walking a session again finds its earlier views' links again; `appendLinks(from:upTo:)` keeps
    /// only those of the views from `countingFrom` on.
    mutating func walk(session: Int32, _ events: ArraySlice<Int32>, _ types: [EventType], _ times: [Int64], _ eventCampaign: [Int32],
                       countingFrom: Int) {
        var latestDay = Int64.min
        // A day earlier than one already seen (a clock turned back over midnight) breaks the
        // rule that a view's same-day predecessor, if any, is its campaign's last view.
        var daysTurnedBack = false
        let walkStart = links.count
        /// The previous view of view `e` of this session, -1 for none: the links found on this walk.
        func previousView(of e: Int32) -> Int32 {
            links[walkStart...].last { $0.event == e }?.value ?? -1
        }
        for ei in events {
            let e = Int(ei)
            let c = Int(eventCampaign[e])
            guard c >= 0, types[e] == .pageView else { continue }
            let day = days.dayNumber(times[e])
            if day < latestDay { daysTurnedBack = true }
            latestDay = max(latestDay, day)
            var sameDay: Int32 = -1
            if stamp[c] == session {
                links.append((ei, last[c]))
                if lastDay[c] == day {
                    sameDay = last[c]
                } else if daysTurnedBack {
                    var p = previousView(of: last[c])
                    while p >= 0, days.dayNumber(times[Int(p)]) != day { p = previousView(of: p) }
                    sameDay = p
                }
            } else if e >= countingFrom {
                sessions[c] += 1
            }
            if sameDay >= 0 { sameDayLinks.append((ei, sameDay)) } else if e >= countingFrom { daily.add(day: day, campaign: c) }
            stamp[c] = session
            last[c] = Int32(e)
            lastDay[c] = day
        }
    }

    /// Moves the links that the walks since the last call found for events from `from` on into
    /// `previous` and `previousSameDay`, which grow to `count` events.
    mutating func appendLinks(from: Int, upTo count: Int) {
        previous.append(links.filter { Int($0.event) >= from }, upTo: count)
        previousSameDay.append(sameDayLinks.filter { Int($0.event) >= from }, upTo: count)
        (links, sameDayLinks) = ([], [])
    }
}
