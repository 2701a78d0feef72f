import Foundation
import Synchronization
import Testing
import PropertyBased
import CampaignKit
import Attribution
import Synthetic

/// #17: compiled data with events appended (`CompiledData.appending`) gives exactly the
/// reports that compiling the whole dataset again gives, whether the fast path takes the
/// events or hands them back to the full path. Small in CI; by hand, larger:
/// `UTMOST_APPEND_CASES=5000 UTMOST_APPEND_CONTACTS=20000 swift test --filter AppendingTests`.
@Suite("#17 appending events: differential against a full compile")
struct AppendingTests {
    static let cases = Int(ProcessInfo.processInfo.environment["UTMOST_APPEND_CASES"] ?? "") ?? 300
    static let contacts = Int(ProcessInfo.processInfo.environment["UTMOST_APPEND_CONTACTS"] ?? "") ?? 300

    /// The dataset's events in batches: the first before `cuts[0]`, then those between one
    /// cut and the next, each in data order. A batch whose events all follow the ones before
    /// it is the fast path's; `shuffled` moves a few events into an earlier batch's place
    /// out of time order, which the fast path must refuse.
    static func batches(_ events: EventTable, cuts: [Int64]) -> [[Event]] {
        var batches = [[Event]](repeating: [], count: cuts.count + 1)
        for e in events {
            let b = cuts.firstIndex { e.time.microseconds < $0 } ?? cuts.count
            batches[b].append(e)
        }
        return batches
    }

    /// Compiles the first batch, appends the others one by one and compares every step's
    /// reports (an open window, a closed one, UTC and Amsterdam) with those of a full compile
    /// of the same events. Returns how many appends the fast path took. Yields after each
    /// step: the suite's other tests wait for the same two threads (a dashboard loop's report, say).
    @discardableResult
    static func check(_ base: Dataset, _ batches: [[Event]], windows: [(from: CalendarDate?, to: CalendarDate?)], asOf: Instant,
                      sourceLocation: SourceLocation = #_sourceLocation) async -> Int {
        var whole = base
        whole.events = EventTable(batches[0])
        var data = CompiledData(whole)
        var fast = 0
        for batch in batches.dropFirst() where !batch.isEmpty {
            await Task.yield()
            whole.events.append(contentsOf: batch)
            let full = CompiledData(whole)
            if let appended = data.appending(EventTable(batch)) {
                fast += 1
                data = appended
            } else {
                data = full
            }
            for zone in [TimeZone(identifier: "UTC")!, TimeZone(identifier: "Europe/Amsterdam")!] {
                let expected = Analysis(full, asOf: asOf, zone: zone), got = Analysis(data, asOf: asOf, zone: zone)
                for (from, to) in windows {
                    let window = ReportWindow(from: from, to: to, zone: zone)
                    #expect(got.report(window: window) == expected.report(window: window), sourceLocation: sourceLocation)
                }
            }
        }
        return fast
    }

    @Test("#17 R10 R11 random appends, in and out of time order, report as a full compile does")
    func randomAppends() async {
        let fastPaths = FastPathCount()
        await propertyCheck(count: Self.cases, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...4), Gen.int(in: 0...3)) { seed, cutCount, late in
            var d = RandomDataset.make(seed: UInt64(seed))
            guard !d.events.isEmpty else { return }
            var rng = SplitMix64(seed: UInt64(seed) ^ 0x17)
            let times = d.events.map(\.time.microseconds).sorted()
            let cuts = (0..<cutCount).map { _ in times[Int.random(in: 0..<times.count, using: &rng)] }.sorted()
            var batches = Self.batches(d.events, cuts: cuts)
            // Events later than all the data, by visitors and contacts seen before and new ones, on a tie or just after.
            let last = Instant(microseconds: times.last!)
            for i in 0..<late {
                let t = last.adding(seconds: Int64([0, 0, 60, 1_799, 1_801, 7_200][Int.random(in: 0...5, using: &rng)]) * Int64(i + 1))
                var e = d.events[Int.random(in: 0..<d.events.count, using: &rng)]
                e.time = t
                if Bool.random(using: &rng) { e.visitorID = ["v1", "v9", nil][Int.random(in: 0...2, using: &rng)] }
                if Int.random(in: 0...3, using: &rng) == 0 { e.sessionID = ["s1", "s7"][Int.random(in: 0...1, using: &rng)] }
                batches.append([e])
            }
            // Now and then an event out of time order, which only the full path may take.
            if batches.count > 2, !batches[1].isEmpty, Int.random(in: 0...4, using: &rng) == 0 {
                let moved = batches[1].removeFirst()
                batches[batches.count - 1].append(moved)
            }
            d.events = EventTable()
            fastPaths.add(await Self.check(d, batches, windows: [(nil, nil), (PropertyTests.day(3), PropertyTests.day(7))],
                                     asOf: PropertyTests.asOf))
        }
        // The property holds trivially if the fast path never takes anything.
        #expect(fastPaths.value > Self.cases / 4)
    }

    @Test("#17 generated data appended in five batches by time reports as a full compile does")
    func generatedAppends() async {
        var d = Generator(contacts: Self.contacts, seed: 17).dataset()
        let times = d.events.map(\.time.microseconds).sorted()
        let cuts = [60, 90, 97, 99].map { times[times.count * $0 / 100] }
        let batches = Self.batches(d.events, cuts: cuts)
        d.events = EventTable()
        let fast = await Self.check(d, batches, windows: [(nil, nil), (CalendarDate(year: 2024, month: 6, day: 1), nil)],
                              asOf: Generator.spanEnd)
        #expect(fast > 0)
    }

    @Test("#17 R11 an appended event tying an earlier visitor to a contact goes to the full path")
    func retroactiveTieRefused() {
        let t0 = Instant(iso8601: "2024-03-01T10:00:00Z")!
        var d = Dataset()
        d.contacts = [Contact(id: "k1", createdAt: t0, visitorIDs: [])]
        d.events = [Event(time: t0, type: .pageView, visitorID: "v1", url: "https://ex.com/a")]
        let data = CompiledData(d)
        let tie: EventTable = [Event(time: t0.adding(seconds: 60), type: .pageView, visitorID: "v1", contactID: "k1", url: "https://ex.com/b")]
        #expect(data.appending(tie) == nil)
        let later: EventTable = [Event(time: t0.adding(seconds: 60), type: .pageView, visitorID: "v1", url: "https://ex.com/b")]
        #expect(data.appending(later) != nil)
        let earlier: EventTable = [Event(time: t0.adding(seconds: -60), type: .pageView, visitorID: "v1", url: "https://ex.com/b")]
        #expect(data.appending(earlier) == nil)
    }
}

/// Fast-path appends counted across a property check's cases, which may run concurrently.
private final class FastPathCount: Sendable {
    private let count = Mutex(0)
    func add(_ n: Int) { count.withLock { $0 += n } }
    var value: Int { count.withLock { $0 } }
}
