import ArgumentParser
import Attribution
import CampaignKit
import Foundation

/// The report window (`--from`, `--to`, `--tz`) and the clock (`--as-of`), shared by
/// `report` and `explain`.
struct WindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First day of the window (YYYY-MM-DD), inclusive. Default: open.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of the window (YYYY-MM-DD), inclusive. Default: open.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("IANA time zone the days are in, such as Europe/Amsterdam.", valueName: "zone"))
    var tz: String = "UTC"

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The instant taken as now (ISO 8601): decides unpublished posts and the assets associated now. Default: the clock.",
        valueName: "instant"))
    var asOf: String?

    func window() throws -> ReportWindow {
        guard let zone = TimeZone(identifier: tz) else {
            throw CommandError("--tz: unknown time zone \"\(tz)\"; expected an IANA name such as Europe/Amsterdam or UTC")
        }
        let fromDate = try OptionValue.date(from, "--from")
        let toDate = try OptionValue.date(to, "--to")
        if let f = fromDate, let t = toDate, t < f {
            throw CommandError("--to \(t) is before --from \(f)")
        }
        return ReportWindow(from: fromDate, to: toDate, zone: zone)
    }

    func now() throws -> Instant {
        try OptionValue.instant(asOf, "--as-of") ?? SystemClock.now()
    }

    /// Loads the store and runs the rules for this clock and zone, telling `stage`
    /// (fraction of the whole so far, what comes next) as it goes. `forExplaining`
    /// keeps the events' ids in memory, which explanations quote.
    func analysis(store: StoreOptions, forExplaining: Bool,
                  stage: (Double, String) -> Void = { _, _ in }) throws -> (Analysis, ReportWindow) {
        let window = try window()
        let now = try now()
        stage(0, "loading the store")
        // The time order and sessions are worked out beside the reading, once the events are in.
        let order = EventOrderSlot(keepingState: forExplaining)
        let dataset = try store.open().loadDataset(afterDecoding: order.fill)
        stage(0.15, "compiling \(dataset.events.count) events")
        // Consumed: what the compiled data lets go of is freed at once, not when this function returns.
        let data = CompiledData(consume dataset, strings: forExplaining ? .kept : .letGo, order: order.take())
        stage(0.35, "applying the rules")
        return (Analysis(data, asOf: now, zone: window.zone), window)
    }
}
