import CampaignKit

/// R16: each contact's last-touch campaign, decided at its conversion.
enum LastTouch {
    static func resolve(data: CompiledData, matcher: PageViewMatcher, eventCampaign: [Int32], eventRule: [MatchRule],
                        conversions: [Int32]) -> (campaign: [Int32], event: [Int32]) {
        var campaign = [Int32](repeating: -1, count: conversions.count)
        var decidedBy = [Int32](repeating: -1, count: conversions.count)
        var pendingSessions: [Int32: [Int]] = [:]
        for (k, conv) in conversions.enumerated() where conv >= 0 {
            let i = Int(conv)
            // Rule 1: the conversion page's own utm value.
            if let c = matcher.utmCampaign(url: data.eventURL[i], at: data.eventTime[i]) {
                campaign[k] = c; decidedBy[k] = conv
            } else if data.eventSession[i] >= 0 {
                pendingSessions[data.eventSession[i], default: []].append(k)
            }
        }
        guard !pendingSessions.isEmpty else { return (campaign, decidedBy) }

        var sessionEvents: [Int32: [Int32]] = [:]
        for ei in data.byTime {
            let s = data.eventSession[Int(ei)]
            if s >= 0, pendingSessions[s] != nil { sessionEvents[s, default: []].append(ei) }
        }
        for (s, contacts) in pendingSessions {
            let events = sessionEvents[s] ?? []
            for k in contacts {
                let conv = conversions[k]
                let convTime = data.eventTime[Int(conv)]
                var best: (event: Int32, campaign: Int32)?
                for ei in events {
                    let i = Int(ei)
                    let t = data.eventTime[i]
                    if t > convTime { break }
                    var candidate: Int32?
                    switch data.eventType[i] {
                    case .pageView:
                        candidate = matcher.bestPageCandidate(url: data.eventURL[i], at: t)?.campaign
                    case .formSubmission where eventRule[i] == .asset:
                        candidate = eventCampaign[i]
                    default:
                        break
                    }
                    guard let c = candidate else { continue }
                    // Later in (time, row) order wins, except that the conversion wins a tie in time.
                    if let b = best, b.event == conv, data.eventTime[Int(b.event)] == t { continue }
                    best = (ei, c)
                }
                if let b = best { campaign[k] = b.campaign; decidedBy[k] = b.event }
            }
        }
        return (campaign, decidedBy)
    }
}
