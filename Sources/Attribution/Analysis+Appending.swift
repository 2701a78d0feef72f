import Foundation
import CampaignKit

extension Analysis {
    /// How `append(_:asOf:)` took the events.
    public enum AppendPath: Sendable, Equatable {
        /// The analysis was extended by the new events, in time proportional to them
        /// (and to the contacts and sessions they touch).
        case extended
        /// The events were appended to `data`, but the rules had to run again over all of it.
        case rerun
        /// Nothing changed: `CompiledData.append` refused the events (see its conditions),
        /// so the caller compiles the grown dataset.
        case refused
    }

    /// #17: the analysis of the same dataset with `events` appended after its own, at the
    /// clock `now`, in place: exactly what `Analysis(CompiledData(grown), asOf: now, zone:)`
    /// gives (the differential test `AppendingTests` holds it to that). The arrays grow
    /// where they are when nothing else holds this analysis or its data.
    ///
    /// Appended events follow every earlier one in (time, data order) (`CompiledData.append`
    /// refuses the others), so what the rules decided for the earlier events stands, and
    /// only what the new events add is worked out: their matches (R12, R13) and credits,
    /// the contacts and sessions they touch walked again (R14, R15, R16, R10), the last
    /// touch of new conversions and of those they tie, and the deals that close after the
    /// new influences. The rules run again over all the data (`.rerun`) when that cannot be
    /// shown to give the same:
    /// - a new event visits a paid_search or tracking_url asset that was hidden as never
    ///   visited (R9 rule 2), or names such an asset otherwise than by an ad click on a
    ///   paid_search asset (its qualification would depend on visits);
    /// - a social post is published between the analysis's clock and `now`, or `now` is
    ///   earlier than it (`holds(at:)`).
    /// Everything but the events must be as analysed, as for `CompiledData.append`.
    public mutating func append(_ events: EventTable, asOf now: Instant) -> AppendPath {
        let old = data.eventTime.count
        let previousLatest = data.latestEventTime
        guard data.append(events) else { return .refused }
        guard holds(at: now), extend(from: old, previousLatest: previousLatest) else {
            rerun(asOf: now)
            return .rerun
        }
        asOf = now
        return .extended
    }

    /// The rules over all of `data`, the old arrays let go of first.
    private mutating func rerun(asOf now: Instant) {
        let grown = data
        (eventCampaign, eventRule, creditStart, creditPairs, creditPrevious) = ([], [], [], [], [])
        (sessionPrevious, sessionDayPrevious) = (SparseColumn(), SparseColumn())
        contactEvents = EventGroups(eventsOf: [], groupCount: 0, times: [])
        sessionEvents = contactEvents
        self = Analysis(grown, asOf: now, zone: zone)
    }

    /// Extends every array and count by the events from `old` on; false when the rules must
    /// run again (then `self` is left half extended, for `rerun` to replace).
    private mutating func extend(from old: Int, previousLatest: Int64?) -> Bool {
        // R5: URLs and keywords the events bring, and with them unlinked keys to suggest a campaign for.
        let keyCount = tables.extend(to: data)
        let keys = tables.facts.unlinkedKeys
        if keys.count > keyCount {
            var suggestion = UtmSuggestion(campaigns: data.campaigns)
            for key in keys[keyCount...] { unlinkedSuggestion.append(suggestion.campaign(for: key) ?? -1) }
        }
        allData.unlinked.grow(keyCount: keys.count, urlCount: data.urls.count)

        guard matchAppended(from: old) else { return false }
        let appended = data.byTime[old...]
        contactEvents.append(appended, groupOf: data.eventContact, groupCount: contactEvents.groupCount)
        sessionEvents.append(appended, groupOf: data.eventSession, groupCount: data.sessionCount)
        guard let walked = walkAppendedContacts(appended, from: old) else { return false }
        chainAppendedSessions(appended, from: old)

        // R16: a new conversion's last touch; and an earlier conversion's when a new event of its
        // session ties it in time (rule 2 reads the session up to the conversion's instant, ties included).
        var decide = walked.converted
        if let latest = previousLatest {
            var tied = Set<Int32>()
            for e in appended where data.eventTime[Int(e)] == latest && data.eventSession[Int(e)] >= 0 { tied.insert(data.eventSession[Int(e)]) }
            var j = old - 1
            while !tied.isEmpty, j >= 0, data.eventTime[Int(data.byTime[j])] == latest {
                let e = data.byTime[j], k = data.eventContact[Int(e)]
                if k >= 0, conversionEvent[Int(k)] == e, tied.contains(data.eventSession[Int(e)]) { decide.append(k) }
                j -= 1
            }
        }
        for k in decide {
            (lastTouchCampaign[Int(k)], lastTouchEvent[Int(k)]) = LastTouch.resolve(
                conversion: conversionEvent[Int(k)], data: data, tables: tables, sessionEvents: sessionEvents,
                eventCampaign: eventCampaign, eventRule: eventRule)
        }

        // R14: a new influence is no earlier than the events before, so only deals closing at or after it can gain a campaign.
        if let earliest = walked.earliestInfluence {
            var seen = [Int](repeating: -1, count: data.campaigns.count)
            for (d, deal) in data.dataset.deals.enumerated() {
                guard deal.stage == .closedWon, let close = deal.closeDate?.microseconds, close >= earliest else { continue }
                dealCampaigns[d] = Self.influencingCampaigns(deal: deal, at: d, links: dealLinks[d], influence: influence,
                                                             times: data.eventTime, seen: &seen) { _ in true }
            }
        }
        return true
    }

    /// R12 and R13 for the events from `old` on, with the credits per pair and the unlinked
    /// values (R5); false when one visits an asset hidden as never visited (R9 rule 2), or
    /// needs visits to qualify.
    private mutating func matchAppended(from old: Int) -> Bool {
        var matches = EventMatches(campaign: [], rule: [], creditStart: [], creditPairs: [], pairInteractions: [],
                                   unlinked: UnlinkedTally(keyCount: 0, urlCount: 0))
        exchange(&matches)
        // Only the new events' visits: a pair they visit was visited before, or the visibility changes.
        var visits: Visibility.Visits? = Visibility.Visits(data: data, facts: tables.facts)
        guard Self.matchEvents(data, tables, visits: &visits, into: &matches, from: old) else { return false }
        for (p, visited) in visits!.visited.enumerated() where visited && visibility.hidden[p] == .notVisited { return false }
        exchange(&matches)
        return true
    }

    /// Trades the analysis's per-event matches and counts with `matches`' (no copy): they
    /// grow there and come back.
    private mutating func exchange(_ matches: inout EventMatches) {
        swap(&matches.campaign, &eventCampaign)
        swap(&matches.rule, &eventRule)
        swap(&matches.creditStart, &creditStart)
        swap(&matches.creditPairs, &creditPairs)
        swap(&matches.pairInteractions, &allData.pairInteractions)
        swap(&matches.unlinked, &allData.unlinked)
    }

    /// Walks again each contact that `appended` (the new events, in time order) touches: its
    /// first touch (R15), conversion (R16), influences (R14) and credits' previous ones. Earlier
    /// events keep what they had, as a contact's walk is decided in time order. Returns the
    /// contacts converted by a new event and the earliest new influence; nil when a walk
    /// disagrees with what the earlier events decided (it cannot, but then the rules run again).
    private mutating func walkAppendedContacts(_ appended: ArraySlice<Int32>, from old: Int)
        -> (converted: [Int32], earliestInfluence: Int64?)? {
        var touched: [Int32] = []
        var seen = Set<Int32>()
        for e in appended {
            let k = data.eventContact[Int(e)]
            if k >= 0, seen.insert(k).inserted { touched.append(k) }
        }
        creditPrevious.append(contentsOf: repeatElement(-1, count: creditPairs.count - creditPrevious.count))
        var walk = ContactWalk(data, campaigns: eventCampaign, creditStart: creditStart, creditPairs: creditPairs,
                               creditPrevious: [], pairContacts: [])
        swap(&walk.creditPrevious, &creditPrevious)
        swap(&walk.pairContacts, &allData.pairContacts)
        var converted: [Int32] = []
        var earliest: Int64?
        let times = data.eventTime
        for k in touched {
            let c = Int(k)
            let (first, conversion) = walk.walk(k, contactEvents.items[contactEvents.range(ofGroup: c)], countingFrom: old)
            let before = influence.range(c).count
            guard walk.influence.count >= before, firstTouchEvent[c] < 0 || first == firstTouchEvent[c],
                  conversionEvent[c] < 0 || conversion == conversionEvent[c] else { return nil }
            if walk.influence.count > before {
                let added = walk.influence[before...].lazy.map { times[Int($0.event)] }.min()!
                earliest = min(earliest ?? added, added)
                influence.replace(c, with: walk.influence)
            }
            walk.influence.removeAll(keepingCapacity: true)
            if firstTouchEvent[c] < 0, first >= 0 {
                firstTouchEvent[c] = first
                firstTouchCampaign[c] = eventCampaign[Int(first)]
            }
            if conversionEvent[c] < 0, conversion >= 0 {
                conversionEvent[c] = conversion
                converted.append(k)
            }
        }
        swap(&walk.creditPrevious, &creditPrevious)
        swap(&walk.pairContacts, &allData.pairContacts)
        return (converted, earliest)
    }

    /// R14 sessions: walks again each session that `appended` touches, linking the new page
    /// views into their chains and counting the sessions and session days they start.
    private mutating func chainAppendedSessions(_ appended: ArraySlice<Int32>, from old: Int) {
        var touched: [Int32] = []
        var seen = Set<Int32>()
        for e in appended {
            let s = data.eventSession[Int(e)]
            if s >= 0, seen.insert(s).inserted { touched.append(s) }
        }
        var chains = SessionChains(campaignCount: data.campaigns.count, zone: zone)
        func exchange() {
            swap(&chains.previous, &sessionPrevious)
            swap(&chains.previousSameDay, &sessionDayPrevious)
            swap(&chains.sessions, &allData.sessions)
            swap(&chains.daily, &allData.daily)
        }
        exchange()
        for s in touched {
            chains.walk(session: s, sessionEvents.items[sessionEvents.range(ofGroup: Int(s))], data.eventType, data.eventTime,
                        eventCampaign, countingFrom: old)
        }
        chains.appendLinks(from: old, upTo: data.eventTime.count)
        exchange()
    }
}
