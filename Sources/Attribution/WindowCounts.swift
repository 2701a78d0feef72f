import CampaignKit

/// The event counts of one window (R14 sessions and per asset, R5 unlinked values).
/// For the open window the analysis counts them in its own passes (`Analysis.allData`);
/// any other window is one pass over its events (`init(_:lo:hi:)`).
struct WindowCounts: Sendable {
    var sessions: [Int]
    var daily: DayTally
    var pairInteractions: [Int]
    var pairContacts: [Int]
    var unlinked: UnlinkedTally
}

extension WindowCounts {
    /// One pass over the window's events, in any order. Distinct sessions and contacts are
    /// counted at their first event in the window, which the analysis's chains
    /// (`sessionPrevious`, `creditPrevious`) make a comparison instead of a set insertion.
    init(_ analysis: Analysis, lo: Int64, hi: Int64) {
        let data = analysis.data
        let facts = analysis.tables.facts
        let campaignCount = data.campaigns.count
        let window = analysis.eventsInWindow(lo: lo, hi: hi)
        let times = data.eventTime
        var sessions = [Int](repeating: 0, count: campaignCount)
        var daily = DayTally(covering: window.first.map { times[Int($0)] }, window.last.map { times[Int($0)] },
                             campaignCount: campaignCount)
        var pairInteractions = [Int](repeating: 0, count: data.pairs.count)
        var pairContacts = [Int](repeating: 0, count: data.pairs.count)
        var unlinkedTally = UnlinkedTally(keyCount: facts.unlinkedKeys.count, urlCount: data.urls.count)
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
                if u >= 0, unlinked[Int(u)] >= 0 { unlinkedTally.add(key: unlinked[Int(u)], session: eventSession[i], url: u) }
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
        self.init(sessions: sessions, daily: daily, pairInteractions: pairInteractions, pairContacts: pairContacts,
                  unlinked: unlinkedTally)
    }
}

/// R5: page views with unlinked utm values, per key: how many, in how many sessions,
/// and which URLs (their raw values are the key's spellings).
struct UnlinkedTally: Sendable {
    private(set) var views: [Int]
    /// (key, session) of every view, made distinct when asked for: sorting a few thousand
    /// integers once is cheaper than a set insertion per view.
    private var sessionKeys: [Int64] = []
    private var urlSeen: [Bool]

    init(keyCount: Int, urlCount: Int) {
        views = [Int](repeating: 0, count: keyCount)
        urlSeen = [Bool](repeating: false, count: urlCount)
    }

    /// Room for keys and URLs that appended events brought (#17).
    mutating func grow(keyCount: Int, urlCount: Int) {
        views.append(contentsOf: repeatElement(0, count: keyCount - views.count))
        urlSeen.append(contentsOf: repeatElement(false, count: urlCount - urlSeen.count))
    }

    mutating func add(key: Int32, session: Int32, url: Int32) {
        views[Int(key)] += 1
        sessionKeys.append(Int64(key) << 32 | Int64(session))
        urlSeen[Int(url)] = true
    }

    /// Per key, its distinct sessions.
    var sessions: [Int] {
        var out = [Int](repeating: 0, count: views.count)
        var previous: Int64?
        for ks in sessionKeys.sorted() where ks != previous {
            out[Int(ks >> 32)] += 1
            previous = ks
        }
        return out
    }

    /// Per key, its raw spellings (decoded, trimmed, before lowercasing).
    func spellings(_ data: CompiledData, _ facts: URLFacts) -> [Set<String>] {
        var out = [Set<String>](repeating: [], count: views.count)
        for (u, seen) in urlSeen.enumerated() where seen { out[Int(facts.unlinked[u])].insert(data.urls[u].campaignValue!) }
        return out
    }
}

/// Sessions per (campaign, day): a dense grid over the window's days, with a dictionary
/// for any day outside it, rather than a dictionary update per counted session.
struct DayTally: Sendable {
    private let days: Range<Int64>
    /// Campaign-major: campaign c's days are `grid[c * dayCount ..< (c + 1) * dayCount]`.
    private var grid: [Int32]
    private var outside: [Int64: Int] = [:]

    /// A grid of at most this many cells; days beyond it spill to the dictionary.
    private static let maxCells: Int64 = 1 << 22

    /// A tally for the days of events from `first` to `last` (times), with two days'
    /// margin on either side for any zone's offset.
    init(covering first: Int64?, _ last: Int64?, campaignCount: Int) {
        let from = first.map { $0 / 86_400_000_000 - 2 } ?? 0
        let to = last.map { $0 / 86_400_000_000 + 2 } ?? 0
        self.init(days: from..<max(from, to + 1), campaignCount: campaignCount)
    }

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
        let dates = days.map { CalendarDate(dayNumber: $0) }
        return (0..<campaignCount).map { c in
            var counted: [DayCount] = spilled[c].map { DayCount(day: CalendarDate(dayNumber: $0.day), count: $0.count) }
            for d in 0..<days.count where grid[c * days.count + d] > 0 {
                counted.append(DayCount(day: dates[d], count: Int(grid[c * days.count + d])))
            }
            if !spilled[c].isEmpty { counted.sort { $0.day < $1.day } }
            return counted
        }
    }
}
