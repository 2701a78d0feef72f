import Attribution
import Benchmark
import CampaignKit
import CampaignStore
import Dashboard
import Foundation
import Synthetic

// The targets of issue 6, measured in process on generated data (`Generator`,
// the same data as `utmost generate`). Tiers: S = 10k contacts (~210k events),
// M = 100k (~2.1M), L = 1M (~21M). S and M run by default; set
// UTMOST_BENCH_TIERS=S,M,L for L too (it needs about 8 GiB and several minutes).
//
//   cd Benchmarks && swift package benchmark
//   swift package benchmark --filter 'report.*M'
//
// The benchmark names say what a user waits for:
//   engine.compile        CompiledData(dataset): interning, identities (R11), sessions (R10)
//   engine.analysis       Analysis(data, asOf:, zone:): the rules (R9, R12–R16, influence)
//   report.full           compile + analysis + report: `utmost report` after the load
//   report.window         report(window:) on an existing Analysis: a dashboard window change
//   refresh.+1000events   what the dashboard paid after 1,000 new events arrived: a full recompute
//   refresh.append+1000   what it paid after #17's first round for 1,000 later page views of a known
//                         visitor: CompiledData.appending, then the rules over all events and the report.
//   refresh.analysis+1000 what it pays now (#17's second round) for the same page views: Analysis.append
//                         extends the analysis, then the report. Each iteration appends to a copy of the
//                         same analysis, so it pays the first refresh's growing of every array; later
//                         refreshes grow in place. The refresh of Benchmarks/whole-process.sh times it
//                         whole process, with the store read and the screen drawn.
//   dashboard.frame       drawing one frame into the cell grid (campaigns tab, analytics tab)
//   import                CampaignStore.importFolder of a generated folder (events/s = events / time)
//   store.load            CampaignStore.loadDataset: the small tables and the event chunks into a Dataset
//   dashboard.firstFrame  open the store, load, compile, analyse, report, draw

let utc = TimeZone(identifier: "UTC")!
let asOf = Generator.spanEnd

/// Tier name → contacts.
let allTiers: [(name: String, contacts: Int)] = [("S", 10_000), ("M", 100_000), ("L", 1_000_000)]
let tiers: [(name: String, contacts: Int)] = {
    let chosen = (ProcessInfo.processInfo.environment["UTMOST_BENCH_TIERS"] ?? "S,M")
        .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
    return allTiers.filter { chosen.contains($0.name) }
}()

/// Datasets, stores and folders are made once per tier and shared by the benchmarks.
final class Fixtures: @unchecked Sendable {
    static let shared = Fixtures()
    private let lock = NSLock()
    private var datasets: [Int: Dataset] = [:]
    private var analyses: [Int: Analysis] = [:]
    private var folders: [Int: String] = [:]
    private var stores: [Int: String] = [:]
    let scratch: String = {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        let dir = base + "/utmost-bench"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    func dataset(_ contacts: Int) -> Dataset {
        lock.withLock {
            if let d = datasets[contacts] { return d }
            let d = Generator(contacts: contacts, seed: 1).dataset()
            datasets[contacts] = d
            return d
        }
    }

    func analysis(_ contacts: Int) -> Analysis {
        let data = dataset(contacts)
        return lock.withLock {
            if let a = analyses[contacts] { return a }
            let a = Analysis(CompiledData(data), asOf: asOf, zone: utc)
            analyses[contacts] = a
            return a
        }
    }

    /// A generated data folder (written by DataFolderWriter, as `utmost generate` does).
    func folder(_ contacts: Int) throws -> String {
        try lock.withLock {
            if let f = folders[contacts] { return f }
            let f = scratch + "/folder-\(contacts)"
            try DataFolderWriter.write(Generator(contacts: contacts, seed: 1), to: f)
            folders[contacts] = f
            return f
        }
    }

    /// A store holding the generated folder.
    func store(_ contacts: Int) throws -> String {
        let folder = try folder(contacts)
        return try lock.withLock {
            if let s = stores[contacts] { return s }
            let s = scratch + "/store-\(contacts).sqlite"
            removeStore(s)
            try CampaignStore.importFolder(folder, intoStoreAt: s, now: asOf)
            stores[contacts] = s
            return s
        }
    }

    func removeStore(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Removes the folders and stores (a later benchmark makes them again); datasets stay in memory.
    func cleanUp() {
        lock.withLock {
            folders = [:]
            stores = [:]
            try? FileManager.default.removeItem(atPath: scratch)
            try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        }
    }
}

/// A dashboard showing `report` at 120×35, the first campaign selected.
func dashboardState(_ report: Report, tab: Tab) -> DashboardState {
    var state = DashboardState(width: 120, height: 35, now: asOf, zone: utc, storeLabel: "bench.sqlite")
    state.report = report
    state.generation = 1
    state.lastRefresh = asOf
    state.selectedCampaignID = report.campaigns.first?.id
    state.tab = tab
    return state
}

/// 1,000 events in the shape of the generator's, for contacts that exist in every tier.
func extraEvents() -> [Event] {
    var extra: [Event] = []
    let small = Generator(contacts: 60, seed: 99)
    small.events(entities: small.entities()) { event in
        guard extra.count < 1_000 else { return }
        var e = event
        e.time = e.time.adding(seconds: 3_600)
        extra.append(e)
    }
    return extra
}

/// #17: 1,000 utm-tagged page views by the first contact's first visitor id, a second apart after all
/// the data (the generator's span ends at `Generator.spanEnd`, but some of its events come after it).
func laterPageViews(of dataset: Dataset) -> EventTable {
    let visitor = dataset.contacts.first?.visitorIDs.first
    let value = dataset.campaigns.first?.utm.value ?? "none"
    let start = max(Generator.spanEnd, Instant(microseconds: dataset.events.time.max() ?? 0)).adding(seconds: 1)
    return EventTable((0..<1_000).map { i in
        Event(time: start.adding(seconds: Int64(i)), type: .pageView, visitorID: visitor,
              url: "https://www.example.com/lp/refresh?utm_campaign=\(value)")
    })
}

func config(_ tier: String, iterations: Int, seconds: Int, metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
            units: BenchmarkTimeUnits = .milliseconds) -> Benchmark.Configuration {
    .init(metrics: metrics, tags: ["tier": tier], timeUnits: units, warmupIterations: tier == "S" ? 1 : 0,
          maxDuration: .seconds(seconds), maxIterations: iterations)
}

let benchmarks: @Sendable () -> Void = {
    let fixtures = Fixtures.shared
    let openWindow = ReportWindow(zone: utc)
    let quarter = ReportWindow(from: CalendarDate(year: 2024, month: 4, day: 1), to: CalendarDate(year: 2024, month: 6, day: 30), zone: utc)

    for (tier, contacts) in tiers {
        let big = tier != "S"
        let iterations = big ? (tier == "L" ? 3 : 7) : 30

        Benchmark("engine.compile \(tier)", configuration: config(tier, iterations: iterations, seconds: 120)) { benchmark, dataset in
            for _ in benchmark.scaledIterations { blackHole(CompiledData(dataset)) }
        } setup: { fixtures.dataset(contacts) }

        Benchmark("engine.analysis \(tier)", configuration: config(tier, iterations: iterations, seconds: 120)) { benchmark, data in
            for _ in benchmark.scaledIterations { blackHole(Analysis(data, asOf: asOf, zone: utc)) }
        } setup: { fixtures.analysis(contacts).data }

        Benchmark("report.full \(tier)", configuration: config(tier, iterations: iterations, seconds: 120)) { benchmark, dataset in
            for _ in benchmark.scaledIterations {
                blackHole(Analysis(CompiledData(dataset), asOf: asOf, zone: utc).report(window: openWindow))
            }
        } setup: { fixtures.dataset(contacts) }

        Benchmark("report.window \(tier)", configuration: config(tier, iterations: big ? 20 : 100, seconds: 60)) { benchmark, analysis in
            for _ in benchmark.scaledIterations { blackHole(analysis.report(window: quarter)) }
        } setup: { fixtures.analysis(contacts) }

        Benchmark("report.window.open \(tier)", configuration: config(tier, iterations: big ? 20 : 100, seconds: 60)) { benchmark, analysis in
            for _ in benchmark.scaledIterations { blackHole(analysis.report(window: openWindow)) }
        } setup: { fixtures.analysis(contacts) }

        // The full path: what the dashboard pays when the fast path (#17) refuses the events.
        Benchmark("refresh.+1000events \(tier)", configuration: config(tier, iterations: iterations, seconds: 120)) { benchmark, dataset in
            for _ in benchmark.scaledIterations {
                blackHole(Analysis(CompiledData(dataset), asOf: asOf, zone: utc).report(window: openWindow))
            }
        } setup: { () -> Dataset in
            var grown = fixtures.dataset(contacts)
            grown.events.append(contentsOf: extraEvents())
            return grown
        }

        Benchmark("refresh.append+1000 \(tier)", configuration: config(tier, iterations: iterations, seconds: 120)) { benchmark, input in
            for _ in benchmark.scaledIterations {
                guard let grown = input.data.appending(input.later) else { return benchmark.error("the fast path refused the events") }
                blackHole(Analysis(grown, asOf: asOf, zone: utc).report(window: openWindow))
            }
        } setup: { () -> (data: CompiledData, later: EventTable) in
            let dataset = fixtures.dataset(contacts)
            return (data: CompiledData(dataset), later: laterPageViews(of: dataset))
        }

        Benchmark("refresh.analysis+1000 \(tier)", configuration: config(tier, iterations: iterations, seconds: 120)) { benchmark, input in
            for _ in benchmark.scaledIterations {
                var grown = input.analysis
                guard grown.append(input.later, asOf: asOf) == .extended else { return benchmark.error("the fast path did not take the events") }
                blackHole(grown.report(window: openWindow))
            }
        } setup: { () -> (analysis: Analysis, later: EventTable) in
            let dataset = fixtures.dataset(contacts)
            return (analysis: Analysis(CompiledData(dataset), asOf: asOf, zone: utc), later: laterPageViews(of: dataset))
        }

        for tab in [Tab.campaigns, .analytics] {
            let name = tab == .campaigns ? "campaigns" : "analytics"
            Benchmark("dashboard.frame.\(name) \(tier)",
                      configuration: config(tier, iterations: 1_000, seconds: 10, metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
                                                 units: .microseconds)) { benchmark, state in
                for _ in benchmark.scaledIterations { blackHole(Screen.render(state)) }
            } setup: { dashboardState(fixtures.analysis(contacts).report(window: openWindow), tab: tab) }
        }

        Benchmark("import \(tier)", configuration: config(tier, iterations: big ? 5 : 10, seconds: 180)) { benchmark, folder in
            let path = fixtures.scratch + "/import-\(contacts).sqlite"
            for _ in benchmark.scaledIterations {
                fixtures.removeStore(path)
                benchmark.startMeasurement()
                do { try CampaignStore.importFolder(folder, intoStoreAt: path, now: asOf) } catch {
                    benchmark.error("import failed: \(error)")
                }
                benchmark.stopMeasurement()
            }
            fixtures.removeStore(path)
        } setup: { try fixtures.folder(contacts) } teardown: { fixtures.cleanUp() }

        Benchmark("store.load \(tier)", configuration: config(tier, iterations: iterations, seconds: 120)) { benchmark, path in
            do {
                let store = try CampaignStore(path: path)
                for _ in benchmark.scaledIterations { blackHole(try store.loadDataset()) }
            } catch { benchmark.error("load failed: \(error)") }
        } setup: { try fixtures.store(contacts) } teardown: { fixtures.cleanUp() }

        Benchmark("dashboard.firstFrame \(tier)", configuration: config(tier, iterations: iterations, seconds: 120)) { benchmark, path in
            do {
                for _ in benchmark.scaledIterations {
                    let store = try CampaignStore(path: path)
                    let analysis = Analysis(CompiledData(try store.loadDataset()), asOf: asOf, zone: utc)
                    blackHole(Screen.render(dashboardState(analysis.report(window: openWindow), tab: .campaigns)))
                }
            } catch { benchmark.error("first frame failed: \(error)") }
        } setup: { try fixtures.store(contacts) } teardown: { fixtures.cleanUp() }
    }
}
