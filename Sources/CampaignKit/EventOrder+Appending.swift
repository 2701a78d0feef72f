extension EventOrder {
    /// #17: this order with `appended` events after its own, without reading an earlier
    /// event: exactly what `EventOrder(all the events, keepingState: true)` gives (the
    /// differential tests hold it to that). A later import into a large store extends the
    /// order it kept (`StoredEventOrder`), and the dashboard its compiled events, this way.
    ///
    /// `appended` holds the new events only, numbered in the pools of all the events: each
    /// pool its earlier strings first, as a store's chunks number them and as
    /// `EventTable.appending(contentsOf:)` hands them on. Returns false, and changes nothing, when the order cannot show that:
    /// - it kept no `state`, or an appended event is earlier than its latest one (the time
    ///   order would change, and the sessions with it), or that one's time is not known;
    /// - an appended website event derives its session from a contact id alone, or an
    ///   appended visitor id is also a contact id: R10's owners that are no visitor id are
    ///   not in `state`, and such events could join their sessions.
    package mutating func append(_ appended: EventTable) -> Bool {
        guard !appended.isEmpty else { return true }
        guard keepsState else { return false }
        // The state handed over whole, so that the frontier's changes copy none of it.
        var frontier = SessionFrontier(events: byTime.count, sessionCount: sessionCount, latestTime: latestTime, state: state)
        state = SessionState()
        defer { state = frontier.state }
        guard let tail = frontier.append(appended) else { return false }
        byTime.append(contentsOf: tail.byTime)
        eventSession.append(contentsOf: tail.eventSession)
        (sessionCount, latestTime) = (frontier.sessionCount, frontier.latestTime)
        return true
    }
}

/// Where R10's sessions stand after the latest of an order's events: all that appending
/// events needs of an `EventOrder`, without its per-event arrays. A later import into a
/// large store reads this much of the order it kept and stores only what the appended
/// events add (`StoredEventOrder`, #17).
package struct SessionFrontier: Sendable, Equatable {
    /// How many events the order holds.
    package var events: Int
    package var sessionCount: Int
    /// As `EventOrder.latestTime`: nil without events, or when not known.
    package var latestTime: Int64?
    package var state: EventOrder.SessionState

    package init(events: Int, sessionCount: Int, latestTime: Int64?, state: EventOrder.SessionState) {
        (self.events, self.sessionCount, self.latestTime, self.state) = (events, sessionCount, latestTime, state)
    }

    /// What appending events adds to an order: their places in the time order, as event
    /// indices after the earlier ones, each one's session in data order, and the visitor
    /// strings and given session ids whose `state` they set, each once, in order.
    package struct Tail {
        package var byTime: [Int32]
        package var eventSession: [Int32]
        package var stateVisitors: [Int32]
        package var stateSessions: [Int32]
    }

    /// `appended` after the order's events (as `EventOrder.append`, whose conditions hold
    /// here too). Nil, and nothing changed, when the order cannot take them.
    package mutating func append(_ appended: EventTable) -> Tail? {
        guard !appended.isEmpty else { return Tail(byTime: [], eventSession: [], stateVisitors: [], stateSessions: []) }
        let afterLatest = events == 0 || latestTime.map { latest in appended.time.allSatisfy { $0 >= latest } } == true
        guard afterLatest,
              appended.pool(.visitor).count >= state.visitorSession.count,
              appended.pool(.session).count >= state.givenSession.count,
              EventOrder.ownersAreVisitors(appended, earlierVisitors: state.visitorSession.count) else { return nil }

        let base = Int32(events)
        let sorted = EventOrder.sortedByTime(appended.time)
        let byTime = sorted.order.map { $0 + base }
        latestTime = sorted.order.last.map { appended.time[Int($0)] }
        events += appended.count

        let sessionColumn = appended.column(.session), visitorColumn = appended.column(.visitor)
        let newVisitors = appended.pool(.visitor).count - state.visitorSession.count
        state.visitorSession.append(contentsOf: repeatElement(-1, count: newVisitors))
        state.visitorLastTime.append(contentsOf: repeatElement(Int64.min, count: newVisitors))
        state.givenSession.append(contentsOf: repeatElement(-1, count: appended.pool(.session).count - state.givenSession.count))
        var eventSession = [Int32](repeating: -1, count: appended.count)
        var stateVisitors = Set<Int32>(), stateSessions = Set<Int32>()
        for local in sorted.order {
            let i = Int(local)
            guard appended.type[i].isWebsite else { continue }
            let session: Int32
            if sessionColumn[i] >= 0 {
                let g = Int(sessionColumn[i])
                if state.givenSession[g] < 0 { state.givenSession[g] = Int32(sessionCount); sessionCount += 1 }
                stateSessions.insert(Int32(g))
                session = state.givenSession[g]
            } else if visitorColumn[i] >= 0 {
                let v = Int(visitorColumn[i]), t = appended.time[i]
                if state.visitorSession[v] < 0 || t - state.visitorLastTime[v] > EventOrder.sessionGap {
                    state.visitorSession[v] = Int32(sessionCount); sessionCount += 1
                }
                state.visitorLastTime[v] = t
                stateVisitors.insert(Int32(v))
                session = state.visitorSession[v]
            } else {
                session = Int32(sessionCount); sessionCount += 1
            }
            eventSession[i] = session
        }
        return Tail(byTime: byTime, eventSession: eventSession, stateVisitors: stateVisitors.sorted(), stateSessions: stateSessions.sorted())
    }
}

extension EventOrder {
    /// Whether every appended website event that derives its session (R10) does so from a
    /// visitor id or alone, and no visitor id new to the pool is also a contact id.
    fileprivate static func ownersAreVisitors(_ appended: EventTable, earlierVisitors: Int) -> Bool {
        let sessions = appended.column(.session), visitors = appended.column(.visitor), contacts = appended.column(.contact)
        for i in 0..<appended.count where appended.type[i].isWebsite && sessions[i] < 0 && visitors[i] < 0 && contacts[i] >= 0 {
            return false
        }
        let visitorPool = appended.pool(.visitor)
        var contactPool = appended.pool(.contact)
        return (Int32(earlierVisitors)..<Int32(visitorPool.count)).allSatisfy { v in
            visitorPool.withBytes(of: v) { contactPool.number(ofBytes: $0) } == nil
        }
    }
}
