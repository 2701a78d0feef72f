import Foundation
import CampaignKit

/// R14's sessions as chains: for each page view with a campaign, the previous page view
/// of the same session with the same campaign, and the previous one on the same day
/// (analysis zone). A window then counts a (session, campaign) — or a (session,
/// campaign, day) — at the first of its views in the window: the one whose previous
/// view lies before it. No set of pairs per report.
struct SessionChains {
    /// Per event, -1 for none (and for events that are not page views with a campaign).
    let previous: [Int32]
    let previousSameDay: [Int32]
    /// Over all the data: per campaign its sessions, and its sessions per day (the chains' first views).
    let sessions: [Int]
    let daily: DayTally

    init(data: CompiledData, sessionEvents: EventGroups, eventCampaign: [Int32], zone: TimeZone) {
        let n = data.eventTime.count
        var previous = [Int32](repeating: -1, count: n)
        var previousSameDay = [Int32](repeating: -1, count: n)
        // Per campaign: the session that last had a view of it, that view and its day.
        var stamp = [Int32](repeating: -1, count: data.campaigns.count)
        var last = [Int32](repeating: -1, count: data.campaigns.count)
        var lastDay = [Int64](repeating: 0, count: data.campaigns.count)
        var days = DayMapper(zone: zone)
        var sessions = [Int](repeating: 0, count: data.campaigns.count)
        var daily = DayTally(covering: data.byTime.first.map { data.eventTime[Int($0)] },
                             data.byTime.last.map { data.eventTime[Int($0)] }, campaignCount: data.campaigns.count)
        let types = data.eventType, times = data.eventTime, events = sessionEvents.items
        for (p, session) in sessionEvents.order.enumerated() {
            var latestDay = Int64.min
            // A day earlier than one already seen (a clock turned back over midnight) breaks the
            // rule that a view's same-day predecessor, if any, is its campaign's last view.
            var daysTurnedBack = false
            for j in sessionEvents.range(atPlace: p) {
                let e = Int(events[j])
                let c = Int(eventCampaign[e])
                guard c >= 0, types[e] == .pageView else { continue }
                let day = days.dayNumber(times[e])
                if day < latestDay { daysTurnedBack = true }
                latestDay = max(latestDay, day)
                if stamp[c] == session {
                    previous[e] = last[c]
                    if lastDay[c] == day {
                        previousSameDay[e] = last[c]
                    } else if daysTurnedBack {
                        var p = previous[Int(last[c])]
                        while p >= 0, days.dayNumber(times[Int(p)]) != day { p = previous[Int(p)] }
                        previousSameDay[e] = p
                    }
                } else {
                    sessions[c] += 1
                }
                if previousSameDay[e] < 0 { daily.add(day: day, campaign: c) }
                stamp[c] = session
                last[c] = Int32(e)
                lastDay[c] = day
            }
        }
        self.previous = previous
        self.previousSameDay = previousSameDay
        self.sessions = sessions
        self.daily = daily
    }
}
