import ArgumentParser
import Attribution
import Foundation

/// `utmost report`: the campaign metrics of R14–R18 over a window.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show what each campaign did over a window of days.",
        discussion: """
            Per campaign: sessions, influenced contacts, new contacts by first and last touch, \
            influenced deals and revenue, and each associated asset's interactions (hidden assets \
            with their reason). Then the unlinked utm_campaign values and the revenue each \
            attribution model gives each campaign. Campaigns are sorted by id.

            Examples:
              utmost report --from 2024-01-01 --to 2024-03-31 --tz Europe/Amsterdam
              utmost report --format json > report.json
              utmost report --models linear,u_shaped,w_shaped
              utmost report --salesforce-campaign 701Hs00000Jx4bQAAR

            With --salesforce-campaign, the contact-based metrics (influenced contacts, new \
            contacts by first and last touch, influenced deals and revenue) count only the \
            contacts that are members of that Salesforce campaign, imported or added by a rule \
            (R20); sessions, asset interactions and attribution stay whole.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var store: StoreOptions
    @OptionGroup var window: WindowOptions

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(help: ArgumentHelp("Attribution models for the table, comma-separated: \(AttributionModel.builtIn.map(\.name).joined(separator: ", ")), or a name from --model-file.", valueName: "names"))
    var models: String = "first,last,linear,time_decay"

    @Option(name: .customLong("salesforce-campaign"), help: ArgumentHelp(
        "Count only the members of this Salesforce campaign in the contact-based metrics (R20).", valueName: "id"))
    var salesforceCampaign: String?

    @Option(name: .customLong("model-file"), help: ArgumentHelp("A TOML file of custom attribution models ([[model]] tables with name and position weights, or half_life_days).", valueName: "file"))
    var modelFile: String?

    @Flag(help: "Also say on stderr how long reading the store and computing the report took, and the three parts of computing (compiling the events, running the rules, counting): on a team store, reading is the part the server and the network add.")
    var timings = false

    func run() throws {
        let available = AttributionModel.builtIn + (try modelFile.map(ModelFile.load) ?? [])
        let chosen = try ModelChoice.parse(models, from: available)
        let bar = ProgressBar(label: "report")
        defer { bar.finish() }
        let clock = ContinuousClock()
        let started = clock.now
        /// When each stage after "loading the store" began, for `--timings`.
        var stageStarts: [ContinuousClock.Instant] = []
        let (analysis, window) = try self.window.analysis(store: store, forExplaining: false) { fraction, stage in
            if fraction > 0 { stageStarts.append(clock.now) }
            bar.update(fraction, stage: stage)
        }
        let segment = salesforceCampaign?.trimmingCharacters(in: .whitespaces)
        let analysed = clock.now
        bar.update(0.6, stage: "counting and attributing")
        let report = analysis.report(window: window, models: available, segment: segment)
        bar.finish()
        if timings, stageStarts.count == 2 {
            let ended = clock.now
            let read = stageStarts[0] - started
            Output.error("utmost: read the store in \(Self.seconds(read)), computed the report in \(Self.seconds(ended - stageStarts[0])) "
                + "(compiling \(Self.seconds(stageStarts[1] - stageStarts[0])), the rules \(Self.seconds(analysed - stageStarts[1])), "
                + "counting \(Self.seconds(ended - analysed)))")
        }
        var members = 0
        if let segment {
            members = analysis.data.dataset.contacts.lazy.filter { $0.salesforceCampaignIDs.contains(segment) }.count
            if members == 0 {
                Output.error("utmost: note: no contact is a member of Salesforce campaign \(segment); its contact-based metrics are all 0")
            }
        }
        switch format {
        case .json: Output.data(ReportFormatter.json(report, models: available))
        case .csv: Output.data(ReportFormatter.csv(report))
        case .table:
            if let segment {
                Output.line("Segment: the \(members) members of Salesforce campaign \(segment) (influenced, new contacts, deals and revenue count only them; R20)")
            }
            Output.text(ReportFormatter.table(report, models: chosen, width: TerminalWidth.standardOutput))
        }
        // The output is complete: skip tearing down the engine's millions of array
        // elements and strings, which costs a tenth of the run on large stores.
        fflush(nil)
        Foundation.exit(0)
    }

    /// `1.234 s`.
    static func seconds(_ duration: Duration) -> String {
        let (s, attoseconds) = duration.components
        return String(format: "%.3f s", Double(s) + Double(attoseconds) / 1e18)
    }
}

/// Parses `--models`: names of R18's built-in models or of the model file's.
enum ModelChoice {
    static func parse(_ list: String, from available: [AttributionModel]) throws -> [AttributionModel] {
        try list.split(separator: ",").map { raw in
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard let model = available.first(where: { $0.name == name }) else {
                throw CommandError("--models: unknown model \"\(name)\"; expected one of \(available.map(\.name).joined(separator: ", "))")
            }
            return model
        }
    }
}
