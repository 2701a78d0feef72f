import ArgumentParser
import Foundation
import Synthetic

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic data folder of any size, for demos and benchmarks.",
        discussion: """
            A made-up company's history in the format `utmost import` reads (SPEC section 8): \
            about 30 campaigns per 10,000 contacts (at most 300, some renamed), up to 500 assets \
            of every type (some moved between campaigns), about 20 events per contact, \
            anonymous visitors, sessions with and without ids, utm-tagged, tracking-URL, \
            paid-search and organic traffic, stray utm values, emails, workflows, and \
            closed-won deals for about 5 % of the contacts. The same seed gives the same \
            folder. A progress bar is shown on stderr when it is a terminal.

            Example:
              utmost generate /tmp/m --contacts 100000 && utmost import /tmp/m --db m.sqlite
            """)

    @Argument(help: ArgumentHelp("The folder to write (created when missing; its CSV files are replaced).", valueName: "dir"))
    var directory: String

    /// Taken whatever it looks like, so that `-5` is refused for its value, not mistaken for an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("How many contacts, at least 1 (events: about 20 per contact).", valueName: "n"))
    var contacts: Int

    @Option(help: ArgumentHelp("The random seed: the same seed gives the same folder.", valueName: "s"))
    var seed: UInt64 = 1

    func validate() throws {
        guard contacts >= 1 else { throw ValidationError("--contacts must be at least 1; got \(contacts)") }
    }

    func run() throws {
        let start = Date()
        let bar = ProgressBar(label: "generate")
        let summary = try DataFolderWriter.write(Generator(contacts: contacts, seed: seed), to: directory) { bar.update($0) }
        bar.finish()
        let seconds = Date().timeIntervalSince(start)
        let mb = Double(summary.bytes) / 1_048_576
        Output.line("wrote \(directory): \(summary.campaigns) campaigns, \(summary.assets) assets, \(summary.contacts) contacts, "
              + "\(summary.deals) deals, \(summary.events) events, \(String(format: "%.1f", mb)) MiB in \(String(format: "%.1f", seconds)) s")
    }
}
