import CampaignKit

/// R16: each contact's last-touch campaign, decided at its conversion.
enum LastTouch {
    static func resolve(data: CompiledData, tables: MatchTables, sessionEvents: EventGroups,
                        eventCampaign: [Int32], eventRule: [MatchRule],
                        conversions: [Int32]) -> (campaign: [Int32], event: [Int32]) {
        var campaign = [Int32](repeating: -1, count: conversions.count)
        var decidedBy = [Int32](repeating: -1, count: conversions.count)
        let times = data.eventTime, types = data.eventType, urls = data.eventURL, events = sessionEvents.items
        for (k, conv) in conversions.enumerated() where conv >= 0 {
            let i = Int(conv)
            let convTime = times[i]
            // Rule 1: the conversion page's own utm value.
            let utm = tables.utmCampaign(url: urls[i], at: convTime)
            if utm >= 0 {
                campaign[k] = utm; decidedBy[k] = conv
                continue
            }
            let s = data.eventSession[i]
            guard s >= 0 else { continue }
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
            if let b = best { campaign[k] = b.campaign; decidedBy[k] = b.event }
        }
        return (campaign, decidedBy)
    }
}
