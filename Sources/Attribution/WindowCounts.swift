import CampaignKit

/// The event counts of one window (R14 sessions and per asset, R5 unlinked values):
/// one pass over the window's events, in any order. Distinct sessions and contacts are
/// counted at their first event in the window, which the analysis's chains
/// (`sessionPrevious`, `creditPrevious`) make a comparison instead of a set insertion.
struct WindowCounts {
    var sessions: [Int]
    var daily: DayTally
    var pairInteractions: [Int]
    var pairContacts: [Int]
    /// Per unlinked key: page views, distinct sessions and spellings.
    var unlinkedViews: [Int]
    var unlinkedSessions: [Int]
    var unlinkedSpellings: [Set<String>]

    init(_ analysis: Analysis, lo: Int64, hi: Int64) {
        let data = analysis.data
        let facts = analysis.tables.facts
        let campaignCount = data.campaigns.count
        let window = analysis.eventsInWindow(lo: lo, hi: hi)
        let times = data.eventTime
        let firstDay = window.first.map { times[Int($0)] / 86_400_000_000 - 2 } ?? 0
        let lastDay = window.last.map { times[Int($0)] / 86_400_000_000 + 2 } ?? 0
        var sessions = [Int](repeating: 0, count: campaignCount)
        var daily = DayTally(days: firstDay..<max(firstDay, lastDay + 1), campaignCount: campaignCount)
        var pairInteractions = [Int](repeating: 0, count: data.pairs.count)
        var pairContacts = [Int](repeating: 0, count: data.pairs.count)
        var unlinkedViews = [Int](repeating: 0, count: facts.unlinkedKeys.count)
        var unlinkedSessions = Set<Int64>()
        var seenURLs = Set<Int32>()
        var days = DayMapper(zone: analysis.zone)
        let types = data.eventType, urls = data.eventURL, contacts = data.eventContact, eventSession = data.eventSession
        let campaigns = analysis.eventCampaign, sessionPrevious = analysis.sessionPrevious
        let sessionDayPrevious = analysis.sessionDayPrevious, unlinked = facts.unlinked
        let creditStart = analysis.creditStart, creditPairs = analysis.creditPairs, creditPrevious = analysis.creditPrevious
        func startsInWindow(_ previous: Int32) -> Bool { previous < 0 || times[Int(previous)] < lo }

        func count(_ i: Int) {
            let c = Int(campaigns[i])
            if types[i] == .pageView {
                if c >= 0 {
                    if startsInWindow(sessionPrevious[i]) { sessions[c] += 1 }
                    if startsInWindow(sessionDayPrevious[i]) { daily.add(day: days.dayNumber(times[i]), campaign: c) }
                }
                let u = urls[i]
                if u >= 0, unlinked[Int(u)] >= 0 {
                    let key = unlinked[Int(u)]
                    unlinkedViews[Int(key)] += 1
                    unlinkedSessions.insert(Int64(key) << 32 | Int64(eventSession[i]))
                    seenURLs.insert(u)
                }
            }
            guard c >= 0 else { return }
            let k = contacts[i]
            for q in Int(creditStart[i])..<Int(creditStart[i + 1]) {
                let p = Int(creditPairs[q])
                pairInteractions[p] += 1
                if k >= 0, startsInWindow(creditPrevious[q]) { pairContacts[p] += 1 }
            }
        }
        // Counting does not depend on the order: a window holding much of the data is read
        // in data order (memory order), a small one through the time index.
        if window.count > times.count / 4 {
            for i in 0..<times.count where times[i] >= lo && times[i] < hi { count(i) }
        } else {
            for ei in window { count(Int(ei)) }
        }

        var sessionsPerKey = [Int](repeating: 0, count: facts.unlinkedKeys.count)
        for ks in unlinkedSessions { sessionsPerKey[Int(ks >> 32)] += 1 }
        var spellings = [Set<String>](repeating: [], count: facts.unlinkedKeys.count)
        for u in seenURLs { spellings[Int(unlinked[Int(u)])].insert(data.urls[Int(u)].campaignValue!) }

        self.sessions = sessions
        self.daily = daily
        self.pairInteractions = pairInteractions
        self.pairContacts = pairContacts
        self.unlinkedViews = unlinkedViews
        self.unlinkedSessions = sessionsPerKey
        unlinkedSpellings = spellings
    }
}

/// Sessions per (campaign, day): a dense grid over the window's days, with a dictionary
/// for any day outside it, rather than a dictionary update per counted session.
struct DayTally {
    private let days: Range<Int64>
    /// Campaign-major: campaign c's days are `grid[c * dayCount ..< (c + 1) * dayCount]`.
    private var grid: [Int32]
    private var outside: [Int64: Int] = [:]

    /// A grid of at most this many cells; days beyond it spill to the dictionary.
    private static let maxCells: Int64 = 1 << 22

    init(days: Range<Int64>, campaignCount: Int) {
        let gridDays = min(Int64(days.count), Self.maxCells / Int64(max(1, campaignCount)))
        self.days = days.lowerBound..<(days.lowerBound + gridDays)
        grid = [Int32](repeating: 0, count: Int(gridDays) * campaignCount)
    }

    mutating func add(day: Int64, campaign c: Int) {
        if days.contains(day) { grid[c * days.count + Int(day - days.lowerBound)] += 1 }
        else { outside[day << 32 | Int64(c), default: 0] += 1 }
    }

    /// Per campaign, its days with sessions, sorted.
    func series(campaignCount: Int) -> [[DayCount]] {
        var spilled = [[(day: Int64, count: Int)]](repeating: [], count: campaignCount)
        for (key, count) in outside { spilled[Int(key & 0xFFFF_FFFF)].append((key >> 32, count)) }
        return (0..<campaignCount).map { c in
            var counted = spilled[c]
            for d in 0..<days.count where grid[c * days.count + d] > 0 {
                counted.append((days.lowerBound + Int64(d), Int(grid[c * days.count + d])))
            }
            if !spilled[c].isEmpty { counted.sort { $0.day < $1.day } }
            return counted.map { DayCount(day: CalendarDate(dayNumber: $0.day), count: $0.count) }
        }
    }
}
