import ArgumentParser
import CampaignKit
import CampaignStore
import Foundation

/// The `utmost` command. Subcommands live one per file; add new ones to
/// `subcommands` below.
@main
struct Utmost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "utmost",
        abstract: "Campaign analytics for the terminal, on one local SQLite file.",
        discussion: """
            utmost groups marketing assets into campaigns and tells, rule by rule, what each \
            campaign did. Data comes in as a folder of CSV files (utmost import) and is kept \
            in a store: --db FILE, else $UTMOST_DB, else $XDG_DATA_HOME/utmost/utmost.sqlite, \
            else ~/.local/share/utmost/utmost.sqlite.

            Without a subcommand, utmost opens the dashboard.
            """,
        subcommands: [
            DashboardCommand.self, ImportCommand.self, CampaignCommand.self, AssociateCommand.self, DissociateCommand.self,
            URLCommand.self, UtmCommand.self, ReportCommand.self, ExplainCommand.self, GenerateCommand.self,
            SalesforceCommand.self, ServeCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self)

    /// Runs the command, reporting any failure as `utmost: <message>` on
    /// stderr with a non-zero exit status, and help on stdout.
    static func main() async {
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if let message = TypedArguments.refusal(in: arguments) ?? misspelledSubcommand(in: arguments) {
                throw CommandError(message)
            }
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            report(error)
        }
    }

    /// argument-parser blames the first option it cannot place (`--db`) when a command
    /// group's subcommand is misspelled (`utmost campaign lst --db x`): name the word instead.
    static func misspelledSubcommand(in arguments: [String]) -> String? {
        var command: ParsableCommand.Type = Utmost.self
        var path: [String] = []
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            if let next = subcommands.first(where: { (sub: ParsableCommand.Type) -> Bool in sub._commandName == word }) {
                command = next
                path.append(word)
                continue
            }
            // The root runs the dashboard by default; its own parser words that error well.
            guard !path.isEmpty else { return nil }
            let names = subcommands.map { (sub: ParsableCommand.Type) -> String in sub._commandName }.joined(separator: ", ")
            return "unknown subcommand \"\(word)\" of \"utmost \(path.joined(separator: " "))\"; expected one of \(names)"
        }
        return nil
    }

    private static func report(_ error: Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            Output.line(fullMessage(for: error))
            Foundation.exit(0)
        }
        // An exit status alone (the dashboard ended by a signal, say) has nothing to say.
        if error is ExitCode { Foundation.exit(code.rawValue) }
        let text: String
        switch error {
        case is DataFileError, is StoreError, is RuleViolation, is CommandError:
            text = "\(error)"
        default:
            let full = fullMessage(for: error)
            text = full.hasPrefix("Error: ") ? String(full.dropFirst("Error: ".count)) : full
        }
        Output.error("utmost: " + text)
        Foundation.exit(code.rawValue)
    }
}
