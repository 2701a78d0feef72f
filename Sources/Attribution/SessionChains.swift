import Foundation
import CampaignKit

/// R14's sessions as chains: for each page view with a campaign, the previous page view
/// of the same session with the same campaign, and the previous one on the same day
/// (analysis zone). A window then counts a (session, campaign) — or a (session,
/// campaign, day) — at the first of its views in the window: the one whose previous
/// view lies before it. No set of pairs per report.
struct SessionChains {
    /// Per event, -1 for none (and for events that are not page views with a campaign).
    var previous: [Int32] = []
    var previousSameDay: [Int32] = []
    /// Over all the data: per campaign its sessions, and its sessions per day (the chains' first views).
    var sessions: [Int] = []
    var daily = DayTally(days: 0..<0, campaignCount: 0)
    // Per campaign: the session that last had a view of it, that view and its day.
    private var stamp: [Int32]
    private var last: [Int32]
    private var lastDay: [Int64]
    private var days: DayMapper

    init(data: CompiledData, sessionEvents: EventGroups, eventCampaign: [Int32], zone: TimeZone) {
        let n = data.eventTime.count
        self.init(campaignCount: data.campaigns.count, zone: zone)
        previous = .withRoomToAppend(repeating: -1, count: n)
        previousSameDay = .withRoomToAppend(repeating: -1, count: n)
        sessions = [Int](repeating: 0, count: data.campaigns.count)
        daily = DayTally(covering: data.byTime.first.map { data.eventTime[Int($0)] },
                         data.byTime.last.map { data.eventTime[Int($0)] }, campaignCount: data.campaigns.count)
        for p in 0..<sessionEvents.order.count {
            walk(session: sessionEvents.order[p], sessionEvents.items[sessionEvents.range(atPlace: p)], data.eventType, data.eventTime,
                 eventCampaign, countingFrom: 0)
        }
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
    /// Walking a session again gives its earlier views the links they had.
    mutating func walk(session: Int32, _ events: ArraySlice<Int32>, _ types: [EventType], _ times: [Int64], _ eventCampaign: [Int32],
                       countingFrom: Int) {
        var latestDay = Int64.min
        // A day earlier than one already seen (a clock turned back over midnight) breaks the
        // rule that a view's same-day predecessor, if any, is its campaign's last view.
        var daysTurnedBack = false
        for ei in events {
            let e = Int(ei)
            let c = Int(eventCampaign[e])
            guard c >= 0, types[e] == .pageView else { continue }
            let day = days.dayNumber(times[e])
            if day < latestDay { daysTurnedBack = true }
            latestDay = max(latestDay, day)
            var sameDay: Int32 = -1
            if stamp[c] == session {
                previous[e] = last[c]
                if lastDay[c] == day {
                    sameDay = last[c]
                } else if daysTurnedBack {
                    var p = previous[Int(last[c])]
                    while p >= 0, days.dayNumber(times[Int(p)]) != day { p = previous[Int(p)] }
                    sameDay = p
                }
            } else {
                previous[e] = -1
                if e >= countingFrom { sessions[c] += 1 }
            }
            previousSameDay[e] = sameDay
            if sameDay < 0 && e >= countingFrom { daily.add(day: day, campaign: c) }
            stamp[c] = session
            last[c] = Int32(e)
            lastDay[c] = day
        }
    }
}
