/// The events' time order and R10's sessions: they depend on the events alone, so they
/// can be worked out as soon as the events are decoded, on the decoding thread while the
/// other tables are read, and kept in the store beside the events (#17). The engine's
/// `CompiledData` takes them (`byTime`, `eventSession`) or works them out itself.
public struct EventOrder: Sendable, Equatable {
    /// `var`s change only by appending events (`append(_:)`).
    /// Event indices sorted by (time, data order).
    package internal(set) var byTime: [Int32]
    /// R10 session of each website event, -1 for the others.
    package internal(set) var eventSession: [Int32]
    package internal(set) var sessionCount: Int
    package internal(set) var state: SessionState
    /// The latest event's time; nil without events, or when it is not known (an order kept
    /// by an older utmost, read without the events' times), and such an order is not extended.
    package internal(set) var latestTime: Int64?
    /// Whether `state` was kept (unless `CompiledData` let go of the events' strings: `EventStrings.letGo`).
    package let keepsState: Bool

    /// Where R10's sessions stand after the latest event, for appending events: per string of
    /// the events' visitor pool, the time and session of its latest website event whose session
    /// it derives (-1 and `Int64.min` for none), and per string of the session pool, its session.
    public struct SessionState: Sendable, Equatable {
        package var visitorLastTime: [Int64] = []
        package var visitorSession: [Int32] = []
        package var givenSession: [Int32] = []

        package init(visitorLastTime: [Int64] = [], visitorSession: [Int32] = [], givenSession: [Int32] = []) {
            (self.visitorLastTime, self.visitorSession, self.givenSession) = (visitorLastTime, visitorSession, givenSession)
        }
    }

    /// R10: more than this many microseconds without an event starts a new session.
    package static let sessionGap: Int64 = 30 * 60 * 1_000_000

    /// The events' fields that the sessions read, beside their times and types.
    package static let fields: [EventTable.Field] = [.session, .visitor, .contact]

    public init(_ events: EventTable, keepingState: Bool) {
        self.init(events, sorted: Self.sortedByTime(events.time), keepingState: keepingState)
    }

    /// The order of `events` whose times were sorted already (`sortedByTime(events.time)`).
    package init(_ events: EventTable, sorted: (order: [Int32], offsets: [UInt64]), keepingState: Bool) {
        let sessions = Self.sessions(events, byTime: sorted.order, sortedOffsets: sorted.offsets,
                                     earliest: events.time.min() ?? 0, keepingState: keepingState)
        (byTime, eventSession, sessionCount, state, keepsState) = (sorted.order, sessions.eventSession, sessions.count, sessions.state, keepingState)
        latestTime = sorted.order.last.map { events.time[Int($0)] }
    }

    /// An order as it was kept (`StoredEventOrder`); `state` empty unless `keepsState`.
    package init(byTime: [Int32], eventSession: [Int32], sessionCount: Int, state: SessionState, latestTime: Int64?, keepsState: Bool) {
        (self.byTime, self.eventSession, self.sessionCount, self.state) = (byTime, eventSession, sessionCount, state)
        (self.latestTime, self.keepsState) = (latestTime, keepsState)
    }

    /// This order, its `state` let go (for a `CompiledData` that keeps no event strings).
    public func withoutState() -> EventOrder {
        EventOrder(byTime: byTime, eventSession: eventSession, sessionCount: sessionCount, state: SessionState(),
                   latestTime: latestTime, keepsState: false)
    }

    /// R10: a given session id is the session; otherwise per visitor (else contact, the
    /// id taken literally), a new session after more than 30 minutes without an event.
    /// Returns each website event's session (-1 for other events), the number of sessions
    /// and, with `keepingState`, where each visitor and session id stands after the latest event.
    /// `sortedOffsets[j]` is the time of event `byTime[j]` less `earliest` (`sortedByTime`).
    static func sessions(_ events: EventTable, byTime: [Int32], sortedOffsets: [UInt64], earliest: Int64,
                         keepingState: Bool) -> (eventSession: [Int32], count: Int, state: SessionState) {
        let n = events.count
        let sessionColumn = events.column(.session)
        let visitorColumn = events.column(.visitor)
        let contactColumn = events.column(.contact)
        let visitors = events.pool(.visitor)
        let givenCount = Int32(events.pool(.session).count)
        // Owners are visitor strings, numbered as in the visitor pool; a contact id that is
        // no visitor id's string gets a number after them, made when first needed.
        var visitorOfString: [String: Int32]?
        var ownerOfContactString = [Int32](repeating: -1, count: events.pool(.contact).count)
        var ownerCount = Int32(visitors.count)
        func owner(ofContact c: Int32) -> Int32 {
            if ownerOfContactString[Int(c)] >= 0 { return ownerOfContactString[Int(c)] }
            if visitorOfString == nil {
                visitorOfString = Dictionary((0..<Int32(visitors.count)).map { (visitors[$0], $0) }, uniquingKeysWith: { a, _ in a })
            }
            let o: Int32
            if let v = visitorOfString![events.pool(.contact)[c]] { o = v } else { o = ownerCount; ownerCount += 1 }
            ownerOfContactString[Int(c)] = o
            return o
        }

        // What decides each event's session, in one number, worked out in data order so that
        // the walk in time order reads one column: -1 not a website event, -2 a session of its
        // own, 0..<givenCount a given session id, givenCount + o the gaps of owner o.
        let notWebsite: Int32 = -1, alone: Int32 = -2
        var key = [Int32](repeating: notWebsite, count: n)
        let type = events.type
        for i in 0..<n where type[i].isWebsite {
            if sessionColumn[i] >= 0 { key[i] = sessionColumn[i] }
            else if visitorColumn[i] >= 0 { key[i] = givenCount + visitorColumn[i] }
            else if contactColumn[i] >= 0 { key[i] = givenCount + owner(ofContact: contactColumn[i]) }
            else { key[i] = alone }
        }

        var eventSession = [Int32].withRoomToAppend(repeating: -1, count: n)
        var sessionOfGiven = [Int32](repeating: -1, count: Int(givenCount))
        var lastTime = [UInt64](repeating: 0, count: Int(ownerCount))
        var lastSession = [Int32](repeating: -1, count: Int(ownerCount))
        var sessionCount: Int32 = 0
        // On raw buffers: the walk jumps about four arrays for every event, and checked,
        // copy-on-write access to them made a large part of its time.
        key.withUnsafeBufferPointer { key in
            eventSession.withUnsafeMutableBufferPointer { eventSession in
                sessionOfGiven.withUnsafeMutableBufferPointer { sessionOfGiven in
                    lastTime.withUnsafeMutableBufferPointer { lastTime in
                        lastSession.withUnsafeMutableBufferPointer { lastSession in
                            for (j, ei) in byTime.enumerated() {
                                let i = Int(ei)
                                let k = key[i]
                                if k == notWebsite { continue }
                                if k == alone {
                                    eventSession[i] = sessionCount; sessionCount += 1
                                } else if k < givenCount {
                                    let g = Int(k)
                                    if sessionOfGiven[g] < 0 { sessionOfGiven[g] = sessionCount; sessionCount += 1 }
                                    eventSession[i] = sessionOfGiven[g]
                                } else {
                                    let o = Int(k - givenCount)
                                    let t = sortedOffsets[j]
                                    if lastSession[o] < 0 || t - lastTime[o] > UInt64(sessionGap) {
                                        lastSession[o] = sessionCount; sessionCount += 1
                                    }
                                    lastTime[o] = t
                                    eventSession[i] = lastSession[o]
                                }
                            }
                        }
                    }
                }
            }
        }
        guard keepingState else { return (eventSession, Int(sessionCount), SessionState()) }
        let visitorCount = visitors.count
        let visitorLastTime = (0..<visitorCount).map { o in lastSession[o] < 0 ? Int64.min : Int64(bitPattern: lastTime[o]) &+ earliest }
        let state = SessionState(visitorLastTime: visitorLastTime, visitorSession: Array(lastSession[..<visitorCount]),
                                 givenSession: sessionOfGiven)
        return (eventSession, Int(sessionCount), state)
    }

    /// Event indices sorted by (time, data order); data already in time order is left as it is.
    /// With the order, each time's offset from the earliest, in that order.
    ///
    /// A stable least-significant-digit radix sort: a few sequential passes instead of
    /// 2M × log 2M comparisons through a closure. It sorts whole seconds (CSV exports rarely
    /// carry fractions, and one stray fraction must not make every key 20 bits wider), each
    /// second and its event index packed in one word, then puts the few events that share a
    /// second but not a microsecond in order. Spans of more than 136 years take the wide sort.
    package static func sortedByTime(_ times: [Int64]) -> (order: [Int32], offsets: [UInt64]) {
        let n = times.count
        let earliest = times.min() ?? 0
        if zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 }) {
            return (.withRoomToAppend(0..<Int32(n)), times.map { UInt64(bitPattern: $0 &- earliest) })
        }
        let spanSeconds = UInt64(bitPattern: times.max()! &- earliest) / 1_000_000
        guard spanSeconds >> 32 == 0 else { return wideSortedByTime(times, earliest: earliest) }
        var fractions = false
        var items = [UInt64](unsafeUninitializedCapacity: n) { buffer, count in
            for i in 0..<n {
                let offset = UInt64(bitPattern: times[i] &- earliest)
                let second = offset / 1_000_000
                fractions = fractions || second &* 1_000_000 != offset
                buffer[i] = second << 32 | UInt64(i)
            }
            count = n
        }
        radixSort(&items, keyBits: 64 - spanSeconds.leadingZeroBitCount, keyShift: 32)
        var order = [Int32].withRoomToAppend(items.lazy.map { Int32(truncatingIfNeeded: $0) })
        guard fractions else { return (order, items.map { ($0 >> 32) &* 1_000_000 }) }
        var offsets = order.map { UInt64(bitPattern: times[Int($0)] &- earliest) }
        var j = 0
        while j < n {
            var end = j + 1
            while end < n && items[end] >> 32 == items[j] >> 32 { end += 1 }
            if end - j > 1 && !zip(offsets[j..<end], offsets[j + 1..<end]).allSatisfy({ $0 <= $1 }) {
                // Within one second the indices are in data order already: ties stay so.
                let run = zip(offsets[j..<end], order[j..<end]).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
                for (k, (offset, event)) in run.enumerated() { (offsets[j + k], order[j + k]) = (offset, event) }
            }
            j = end
        }
        return (order, offsets)
    }

    /// Sorts words by their bits `keyShift ..< keyShift + keyBits`, stably: digits as wide
    /// as up to 11 bits allow (26 bits of two years' seconds: three passes, not four), their
    /// counts all taken in one read, and a digit every key shares costs no pass.
    package static func radixSort(_ items: inout [UInt64], keyBits: Int, keyShift: Int) {
        let n = items.count
        let passes = (keyBits + 10) / 11
        guard passes > 0 else { return }
        let digitBits = (keyBits + passes - 1) / passes
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)
        var counts = [Int](repeating: 0, count: radix * passes)
        counts.withUnsafeMutableBufferPointer { counts in
            for item in items {
                for p in 0..<passes { counts[p * radix + Int(item >> UInt64(keyShift + p * digitBits) & mask)] += 1 }
            }
        }
        // Filled whole by each pass before it is read.
        var scratch = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
        for p in 0..<passes {
            let base = p * radix
            if counts[base..<base + radix].contains(n) { continue }
            var total = 0
            for d in base..<base + radix { (counts[d], total) = (total, total + counts[d]) }
            let shift = UInt64(keyShift + p * digitBits)
            items.withUnsafeBufferPointer { from in
                scratch.withUnsafeMutableBufferPointer { to in
                    counts.withUnsafeMutableBufferPointer { next in
                        for item in from {
                            let d = base + Int(item >> shift & mask)
                            to[next[d]] = item
                            next[d] += 1
                        }
                    }
                }
            }
            swap(&items, &scratch)
        }
    }

    /// `sortedByTime` over any span of instants: the 64-bit offsets sorted with their indices beside them.
    private static func wideSortedByTime(_ times: [Int64], earliest: Int64) -> (order: [Int32], offsets: [UInt64]) {
        let n = times.count
        let span = UInt64(bitPattern: times.max()! &- earliest)
        var keys = times.map { UInt64(bitPattern: $0 &- earliest) }
        var order = [Int32](0..<Int32(n))
        var keysOut = [UInt64](repeating: 0, count: n)
        var orderOut = [Int32](repeating: 0, count: n)
        let digitBits: UInt64 = 8
        let mask = (UInt64(1) << digitBits) - 1
        var shift: UInt64 = 0
        while shift < 64 && span >> shift != 0 {
            var counts = [Int](repeating: 0, count: Int(mask) + 2)
            for k in keys { counts[Int((k >> shift) & mask) + 1] += 1 }
            for d in 1..<counts.count { counts[d] += counts[d - 1] }
            for j in 0..<n {
                let d = Int((keys[j] >> shift) & mask)
                let at = counts[d]
                counts[d] = at + 1
                keysOut[at] = keys[j]
                orderOut[at] = order[j]
            }
            swap(&keys, &keysOut)
            swap(&order, &orderOut)
            shift += digitBits
        }
        return (order, keys)
    }
}
