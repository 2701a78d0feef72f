import PropertyBased
import Testing
@testable import CampaignKit

/// #17: an order extended with later events (`EventOrder.append`) is exactly the order worked
/// out from all the events, and an order that cannot show that is left as it was.
@Suite("#17 R10 an order extended with later events")
struct EventOrderAppendingTests {
    static let minute: Int64 = 60_000_000

    /// Website events and email opens of a few visitors, contacts and given sessions, at whole
    /// minutes from `start` on (gaps around R10's 30 minutes, and ties); `rare` is the chance of
    /// the events the fast path refuses: a website event owned by a contact id alone, and a
    /// visitor id that is also a contact id.
    static func events(_ count: Int, from start: Int64, rare: Double, rng: inout Xoshiro) -> [Event] {
        (0..<count).map { _ in
            let types: [EventType] = [.pageView, .pageView, .formSubmission, .ctaClick, .emailOpen]
            var event = Event(time: Instant(microseconds: start + Int64.random(in: 0..<90, using: &rng) * minute),
                              type: types.randomElement(using: &rng)!, url: "https://example.com/")
            let owner = Double.random(in: 0..<1, using: &rng)
            if owner < rare {
                event.contactID = "k\(Int.random(in: 0..<4, using: &rng))"
            } else if owner < 2 * rare {
                event.visitorID = "k\(Int.random(in: 0..<4, using: &rng))"
            } else if owner < 0.6 {
                event.visitorID = "v\(Int.random(in: 0..<12, using: &rng))"
                if Bool.random(using: &rng) { event.contactID = "k\(Int.random(in: 0..<4, using: &rng))" }
            } else if owner < 0.85 {
                event.sessionID = "s\(Int.random(in: 0..<6, using: &rng))"
                if Bool.random(using: &rng) { event.visitorID = "v\(Int.random(in: 0..<12, using: &rng))" }
            }
            return event
        }
    }

    /// Whether the fast path must refuse `batch` after events whose latest time is `latest`.
    static func mustRefuse(_ batch: [Event], after earlier: [Event]) -> Bool {
        let latest = earlier.map(\.time).max()!
        let earlierVisitors = Set(earlier.compactMap(\.visitorID))
        let contacts = Set((earlier + batch).compactMap(\.contactID))
        return batch.contains { $0.time < latest }
            || batch.contains { $0.type.isWebsite && $0.sessionID == nil && $0.visitorID == nil && $0.contactID != nil }
            || batch.contains { event in event.visitorID.map { !earlierVisitors.contains($0) && contacts.contains($0) } ?? false }
    }

    @Test("#17 R10 batches after the latest event extend the order to exactly the order of all the events; the others leave it as it was")
    func extendingEqualsWorkingOut() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...4)) { seed, batchCount in
            var rng = Xoshiro(seed: (UInt64(seed), 17, 10, 2026))
            let start: Int64 = 1_700_000_000_000_000
            var all = Self.events(Int.random(in: 1...40, using: &rng), from: start, rare: 0, rng: &rng)
            var order = EventOrder(EventTable(all), keepingState: true)
            for _ in 0..<batchCount {
                let latest = all.map(\.time.microseconds).max()!
                // Mostly from the latest event on (ties included), sometimes from before it.
                let from = Double.random(in: 0..<1, using: &rng) < 0.15 ? latest - 20 * Self.minute : latest
                let batch = Self.events(Int.random(in: 1...15, using: &rng), from: from, rare: 0.04, rng: &rng)
                let refused = Self.mustRefuse(batch, after: all)
                all += batch
                let table = EventTable(all)
                let before = order
                let appended = order.append(Self.numbered(batch, after: Array(all.dropLast(batch.count))))
                #expect(appended == !refused, "seed \(seed)")
                if appended {
                    #expect(order == EventOrder(table, keepingState: true), "seed \(seed)")
                } else {
                    #expect(order == before, "seed \(seed)")
                    order = EventOrder(table, keepingState: true)
                }
            }
        }
    }

    /// `batch` as a table of `earlier` and then `batch` numbers it, with that table's pools
    /// whole: what `EventOrder.append` takes.
    static func numbered(_ batch: [Event], after earlier: [Event]) -> EventTable {
        var table = EventTable(earlier)
        return table.appending(contentsOf: EventTable(batch))
    }

    @Test("#17 R10 a visitor's session goes on across the batches, a gap of over 30 minutes starts one, a given session id keeps its session, a new visitor gets one")
    func sessionsAcrossBatches() {
        let t0: Int64 = 1_700_000_000_000_000, m = Self.minute
        let first = [Event(time: Instant(microseconds: t0), type: .pageView, visitorID: "v1", url: "u"),
                     Event(time: Instant(microseconds: t0 + m), type: .pageView, visitorID: "v2", sessionID: "s1", url: "u"),
                     Event(time: Instant(microseconds: t0 + 2 * m), type: .emailOpen, contactID: "k1")]
        let later = [Event(time: Instant(microseconds: t0 + 2 * m), type: .pageView, visitorID: "v1", url: "u"),
                     Event(time: Instant(microseconds: t0 + 40 * m), type: .pageView, visitorID: "v2", sessionID: "s1", url: "u"),
                     Event(time: Instant(microseconds: t0 + 33 * m), type: .ctaClick, visitorID: "v1", url: "u"),
                     Event(time: Instant(microseconds: t0 + 35 * m), type: .pageView, visitorID: "v3", url: "u")]
        var order = EventOrder(EventTable(first), keepingState: true)
        let table = EventTable(first + later)
        let appended = order.append(Self.numbered(later, after: first))
        #expect(appended)
        let whole = EventOrder(table, keepingState: true)
        #expect(order == whole)
        // v1 at +0 and +2 one session, at +33 another; s1 one session throughout; v3 its own.
        #expect(order.eventSession == [0, 1, -1, 0, 1, 2, 3])
        #expect(order.byTime == [0, 1, 2, 3, 5, 6, 4])
        #expect(order.latestTime == t0 + 40 * m)

        // An order that let its state go cannot be extended.
        var slim = EventOrder(EventTable(first), keepingState: false)
        let slimAppended = slim.append(Self.numbered(later, after: first))
        #expect(!slimAppended)
        #expect(slim == EventOrder(EventTable(first), keepingState: false))
    }
}
