import CampaignKit

/// R16: each contact's last-touch campaign, decided at its conversion.
enum LastTouch {
    static func resolve(data: CompiledData, tables: MatchTables, sessionEvents: EventGroups,
                        eventCampaign: [Int32], eventRule: [MatchRule],
                        conversions: [Int32]) -> (campaign: [Int32], event: [Int32]) {
        var campaign = [Int32](repeating: -1, count: conversions.count)
        var decidedBy = [Int32](repeating: -1, count: conversions.count)
        for (k, conv) in conversions.enumerated() where conv >= 0 {
            (campaign[k], decidedBy[k]) = resolve(conversion: conv, data: data, tables: tables, sessionEvents: sessionEvents,
                                                  eventCampaign: eventCampaign, eventRule: eventRule)
        }
        return (campaign, decidedBy)
    }

    /// The last-touch campaign of the conversion `conv` and the event that decided it, -1 for none.
    static func resolve(conversion conv: Int32, data: CompiledData, tables: MatchTables, sessionEvents: EventGroups,
                        eventCampaign: [Int32], eventRule: [MatchRule]) -> (campaign: Int32, event: Int32) {
        let times = data.eventTime, types = data.eventType, urls = data.eventURL, events = sessionEvents.items
        let i = Int(conv)
        let convTime = times[i]
        // Rule 1: the conversion page's own utm value.
        let utm = tables.utmCampaign(url: urls[i], at: convTime)
        if utm >= 0 { return (utm, conv) }
        let s = data.eventSession[i]
        guard s >= 0 else { return (-1, -1) }
        // Rule 2: the session's latest visible page, tracking URL or qualifying form, up to the conversion.
        var best: (event: Int32, campaign: Int32)?
        for j in sessionEvents.range(ofGroup: Int(s)) {
            let e = Int(events[j])
            let t = times[e]
            if t > convTime { break }
            var candidate: Int32 = -1
            switch types[e] {
            case .pageView:
                candidate = tables.pageCampaign(url: urls[e], at: t)
            case .formSubmission where eventRule[e] == .asset:
                candidate = eventCampaign[e]
            default:
                break
            }
            guard candidate >= 0 else { continue }
            // Later in (time, row) order wins, except that the conversion wins a tie in time.
            if let b = best, b.event == conv, times[Int(b.event)] == t { continue }
            best = (Int32(e), candidate)
        }
        return best.map { ($0.campaign, $0.event) } ?? (-1, -1)
    }
}
