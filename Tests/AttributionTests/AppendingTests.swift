import Foundation
import Synchronization
import Testing
import PropertyBased
import CampaignKit
import Attribution
import Synthetic

/// #17: compiled data with events appended (`CompiledData.appending`), and an analysis
/// with events appended (`Analysis.append`), give exactly the reports and explanations
/// that compiling and analysing the whole dataset again gives, whether the fast paths take
/// the events or hand them back to the full path. Small in CI; by hand, larger:
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

    /// How the appends of a check went: `compiled` counts the batches `CompiledData.appending`
    /// took; the others count `Analysis.append`'s paths, one per batch and zone.
    struct Paths: Sendable {
        var compiled = 0, extended = 0, rerun = 0, refused = 0

        static func + (a: Paths, b: Paths) -> Paths {
            Paths(compiled: a.compiled + b.compiled, extended: a.extended + b.extended, rerun: a.rerun + b.rerun, refused: a.refused + b.refused)
        }
    }

    static let zones = [TimeZone(identifier: "UTC")!, TimeZone(identifier: "Europe/Amsterdam")!]

    /// Compiles the first batch, appends the others one by one and compares every step's
    /// reports (an open window, a closed one, UTC and Amsterdam) with those of a full compile
    /// of the same events: both the analysis of the appended data and the analysis appended
    /// to (`Analysis.append`), whose explanations of every contact, campaign and deal, the
    /// dashboard's lists of influenced contacts (R14) and deals' touches (R18) must match too. `clocks` gives each step's clock (the last one repeats), so that a step may
    /// publish a social post (R9 rule 1). Yields after each step: the suite's other tests wait
    /// for the same two threads (a dashboard loop's report, say).
    ///
    /// The appended side keeps the events' strings as `strings` says (the dashboard's
    /// `forAppending`, say); the full compile it is held to keeps them all.
    static func check(_ base: Dataset, _ batches: [[Event]], windows: [(from: CalendarDate?, to: CalendarDate?)], clocks: [Instant],
                      strings: EventStrings = .kept, sourceLocation: SourceLocation = #_sourceLocation) async -> Paths {
        var whole = base
        whole.events = EventTable(batches[0])
        var data = CompiledData(whole, strings: strings)
        var analyses = zones.map { Analysis(data, asOf: clocks[0], zone: $0) }
        var paths = Paths()
        for (step, batch) in batches.dropFirst().enumerated() where !batch.isEmpty {
            await Task.yield()
            let asOf = clocks[min(step + 1, clocks.count - 1)]
            whole.events.append(contentsOf: batch)
            let full = CompiledData(whole)
            let fullAsKept = strings == .kept ? full : CompiledData(whole, strings: strings)
            if let appended = data.appending(EventTable(batch)) {
                paths.compiled += 1
                data = appended
            } else {
                data = fullAsKept
            }
            for (z, zone) in zones.enumerated() {
                switch analyses[z].append(EventTable(batch), asOf: asOf) {
                case .extended: paths.extended += 1
                case .rerun: paths.rerun += 1
                case .refused:
                    paths.refused += 1
                    analyses[z] = Analysis(fullAsKept, asOf: asOf, zone: zone)
                }
                let expected = Analysis(full, asOf: asOf, zone: zone), got = Analysis(data, asOf: asOf, zone: zone)
                let extended = analyses[z]
                #expect(extended.asOf == asOf, sourceLocation: sourceLocation)
                for (from, to) in windows {
                    let window = ReportWindow(from: from, to: to, zone: zone)
                    let report = expected.report(window: window)
                    #expect(got.report(window: window) == report, sourceLocation: sourceLocation)
                    #expect(extended.report(window: window) == report, sourceLocation: sourceLocation)
                }
                let window = ReportWindow(from: windows.last!.from, to: windows.last!.to, zone: zone)
                #expect(explanations(of: extended, window) == explanations(of: expected, window), sourceLocation: sourceLocation)
                for campaign in whole.campaigns {
                    #expect(extended.influencedContacts(campaign: campaign.id, window: window)
                            == expected.influencedContacts(campaign: campaign.id, window: window), sourceLocation: sourceLocation)
                }
                for deal in whole.deals {
                    #expect(extended.touches(ofDeal: deal) == expected.touches(ofDeal: deal), sourceLocation: sourceLocation)
                }
            }
        }
        return paths
    }

    /// R19's explanations of every contact (R15, R16), every campaign and its metrics (R14),
    /// and every deal (R14, R18).
    static func explanations(of analysis: Analysis, _ window: ReportWindow) -> [[String]] {
        let explainer = Explainer(analysis: analysis, window: window)
        let dataset = analysis.data.dataset
        var out: [[String]] = []
        for contact in dataset.contacts { out.append((try? explainer.contact(contact.id)) ?? ["unknown"]) }
        for campaign in dataset.campaigns {
            out.append((try? explainer.campaign(campaign.id)) ?? ["unknown"])
            for metric in Explainer.Metric.allCases { out.append((try? explainer.metric(metric, campaign: campaign.id)) ?? ["unknown"]) }
        }
        for deal in dataset.deals { out.append((try? explainer.deal(deal.id)) ?? ["unknown"]) }
        return out
    }

    @Test("#17 R9 R10 R11 R12 R14 R15 R16 R19 random appends, in and out of time order, analyse and explain as a full compile does, the dashboard's strings kept or all")
    func randomAppends() async {
        let counted = PathCount()
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
            // A clock that now and then moves on between appends, past a social post's publication or not (R9 rule 1).
            var clocks = [RandomDataset.base.adding(seconds: Int64(Int.random(in: 1...11, using: &rng)) * 86_400)]
            for _ in batches.indices {
                let hours = Int.random(in: 0...2, using: &rng) == 0 ? Int.random(in: 1...48, using: &rng) : 0
                clocks.append(clocks.last!.adding(seconds: Int64(hours) * 3_600))
            }
            d.events = EventTable()
            // Half the cases keep the strings as the dashboard does: its explanations must read the same.
            counted.add(await Self.check(d, batches, windows: [(nil, nil), (PropertyTests.day(3), PropertyTests.day(7))],
                                         clocks: clocks, strings: seed % 2 == 0 ? .kept : .forAppending))
        }
        // The property holds trivially if the fast paths never take anything, and proves nothing of the refusals if none happens.
        let paths = counted.value
        let appends = paths.extended + paths.rerun + paths.refused
        print("#17 appends over \(Self.cases) cases: compiled fast \(paths.compiled); analysis extended \(paths.extended), rerun \(paths.rerun), refused \(paths.refused) of \(appends)")
        #expect(paths.compiled > Self.cases / 4)
        #expect(paths.extended * 2 > appends)
        #expect(paths.rerun > 0)
        #expect(paths.refused > 0)
    }

    @Test("#17 R19 generated data appended in five batches by time, the strings kept as the dashboard keeps them, analyses and explains as a full compile does")
    func generatedAppends() async {
        var d = Generator(contacts: Self.contacts, seed: 17).dataset()
        let times = d.events.map(\.time.microseconds).sorted()
        let cuts = [60, 90, 97, 99].map { times[times.count * $0 / 100] }
        let batches = Self.batches(d.events, cuts: cuts)
        d.events = EventTable()
        let paths = await Self.check(d, batches, windows: [(nil, nil), (CalendarDate(year: 2024, month: 6, day: 1), nil)],
                                     clocks: [Generator.spanEnd], strings: .forAppending)
        #expect(paths.compiled > 0)
        #expect(paths.extended > 0)
    }

    static let t0 = Instant(iso8601: "2024-03-01T00:00:00Z")!
    static func at(_ hours: Double) -> Instant { t0.adding(seconds: Int64(hours * 3_600)) }

    /// A campaign `c1` (utm value `u1`) with a landing page `lp`, a form and an email of no campaign, a contact `k1` with visitor `v1`.
    static func small() -> Dataset {
        var d = Dataset()
        d.campaigns = [Campaign(id: "c1", name: "One", createdAt: t0, utm: UtmValue(value: "u1", attachedAt: t0))]
        d.assets = [Asset(id: "lp", name: "Landing", type: .landingPage, url: "https://ex.com/lp"),
                    Asset(id: "f1", name: "Form", type: .form), Asset(id: "e1", name: "Mail", type: .email)]
        d.associations = [Association(assetID: "lp", campaignID: "c1", associatedAt: t0)]
        d.contacts = [Contact(id: "k1", createdAt: t0, visitorIDs: ["v1"])]
        return d
    }

    /// `check` of `base` with `batches`, its open-window report in UTC afterwards.
    static func appended(_ base: Dataset, _ batches: [[Event]], clocks: [Instant] = [at(24 * 9)]) async -> (Paths, Report) {
        let paths = await check(base, batches, windows: [(nil, nil)], clocks: clocks)
        var whole = base
        whole.events = EventTable(batches.flatMap { $0 })
        return (paths, Analysis(CompiledData(whole), asOf: clocks.last!, zone: zones[0]).report(window: ReportWindow(zone: zones[0])))
    }

    @Test("#17 R9 a new view of a tracking URL never visited before makes it visible: the rules run again")
    func newVisitReruns() async {
        var d = Self.small()
        d.assets.append(Asset(id: "t1", name: "Tracked", type: .trackingURL, url: "https://ex.com/p?utm_source=s"))
        d.associations.append(Association(assetID: "t1", campaignID: "c1", associatedAt: Self.t0))
        let (paths, report) = await Self.appended(d, [
            [Event(time: Self.at(10), type: .pageView, visitorID: "v1", url: "https://ex.com/other")],
            [Event(time: Self.at(11), type: .pageView, visitorID: "v1", url: "https://ex.com/p?utm_source=s")],
        ])
        #expect(paths.rerun == 2 && paths.extended == 0)
        #expect(report.campaigns[0].assets.first { $0.id == "t1" }?.hiddenReason == nil)
    }

    @Test("#17 R9 a clock that passes a social post's publication runs the rules again")
    func publicationReruns() async {
        var d = Self.small()
        d.assets.append(Asset(id: "sp", name: "Post", type: .socialPost, publishedAt: Self.at(30)))
        d.associations.append(Association(assetID: "sp", campaignID: "c1", associatedAt: Self.t0))
        let (paths, _) = await Self.appended(d, [
            [Event(time: Self.at(10), type: .pageView, visitorID: "v1", url: "https://ex.com/lp")],
            [Event(time: Self.at(11), type: .socialClick, contactID: "k1", assetID: "sp")],
        ], clocks: [Self.at(20), Self.at(40)])
        #expect(paths.rerun == 2 && paths.extended == 0)
    }

    @Test("#17 R16 a new view in the conversion's session at its instant decides its last touch again")
    func tiedConversionDecidedAgain() async {
        let (paths, report) = await Self.appended(Self.small(), [
            [Event(time: Self.at(10), type: .pageView, visitorID: "v1", sessionID: "s1", url: "https://ex.com/x"),
             Event(time: Self.at(10.1), type: .formSubmission, contactID: "k1", sessionID: "s1", url: "https://ex.com/x", assetID: "f1")],
            [Event(time: Self.at(10.1), type: .pageView, visitorID: "v1", sessionID: "s1", url: "https://ex.com/lp")],
        ])
        #expect(paths.extended == 2)
        #expect(report.campaigns[0].newContactsLastTouch == 1)
    }

    @Test("#17 R14 R15 R16 a contact's first touch and conversion made by new events, and a deal closing after them, count")
    func newTouchesAndDeals() async {
        var d = Self.small()
        d.deals = [Deal(id: "d1", amount: 100, stage: .closedWon, createdAt: Self.t0, closeDate: Self.at(24 * 4))]
        d.dealContacts = [DealContact(dealID: "d1", contactID: "k1", associatedAt: Self.t0)]
        let (paths, report) = await Self.appended(d, [
            [Event(time: Self.at(10), type: .emailOpen, contactID: "k1", assetID: "e1")],
            [Event(time: Self.at(30), type: .pageView, visitorID: "v1", url: "https://ex.com/?utm_campaign=u1"),
             Event(time: Self.at(30.1), type: .pageView, visitorID: "v1", url: "https://ex.com/lp"),
             Event(time: Self.at(30.2), type: .formSubmission, visitorID: "v1", contactID: "k1", url: "https://ex.com/lp", assetID: "f1")],
            // The same derived session (R10), 18 minutes on.
            [Event(time: Self.at(30.5), type: .pageView, visitorID: "v1", url: "https://ex.com/lp")],
        ])
        #expect(paths.extended == 4)
        let c1 = report.campaigns[0]
        #expect(c1.newContactsFirstTouch == 1 && c1.newContactsLastTouch == 1 && c1.influencedDeals == 1 && c1.sessions == 1)
    }

    @Test("#17 R5 R12 new URLs and keywords: an unlinked value with its suggestion, a page matched by its key")
    func newURLs() async {
        let (paths, report) = await Self.appended(Self.small(), [
            [Event(time: Self.at(10), type: .pageView, visitorID: "v1", url: "https://ex.com/x?utm_campaign=zz")],
            [Event(time: Self.at(11), type: .pageView, visitorID: "v2", url: "https://www.ex.com/lp/?utm_campaign=U1x", keyword: "New"),
             Event(time: Self.at(11.5), type: .pageView, visitorID: "v2", url: "https://ex.com/x?utm_campaign=aa")],
        ])
        #expect(paths.extended == 2)
        #expect(report.unlinkedUtm.map(\.key) == ["aa", "u1x", "zz"])
        #expect(report.unlinkedUtm.first { $0.key == "u1x" }?.suggestedCampaignID == "c1")
        #expect(report.campaigns[0].sessions == 1)
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

/// Appends' paths counted across a property check's cases, which may run concurrently.
private final class PathCount: Sendable {
    private let count = Mutex(AppendingTests.Paths())
    func add(_ paths: AppendingTests.Paths) { count.withLock { $0 = $0 + paths } }
    var value: AppendingTests.Paths { count.withLock { $0 } }
}
