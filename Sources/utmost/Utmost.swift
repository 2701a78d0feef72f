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
        version: Version.current,
        subcommands: [
            DashboardCommand.self, ImportCommand.self, CampaignCommand.self, AssociateCommand.self, DissociateCommand.self,
            URLCommand.self, UtmCommand.self, ReportCommand.self, ExplainCommand.self, GenerateCommand.self,
            SalesforceCommand.self, ServeCommand.self, StoreCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self)

    /// Runs the command, reporting any failure as `utmost: <message>` on
    /// stderr with a non-zero exit status, and help on stdout.
    static func main() async {
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if let message = TypedArguments.refusal(in: arguments) { throw CommandError(message) }
            if let message = misspelledSubcommand(in: arguments) { throw CommandError(message, exitCode: .validationFailure) }
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

    /// A word where a subcommand belongs that names none, as a message: the word, the
    /// subcommands expected there, and the usage of the command it was given to (the
    /// root's, not the dashboard's that argument-parser would show, since the root runs
    /// the dashboard by default). argument-parser itself would blame the first option it
    /// cannot place (`utmost campaign lst --db x`). Nil when the words are no such mistake.
    static func misspelledSubcommand(in arguments: [String]) -> String? {
        var command: ParsableCommand.Type = Utmost.self
        var path: [String] = []
        var words = arguments[...]
        while let word = words.popFirst() {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, word != "help" else { return nil }
            if word.hasPrefix("-") {
                // Before any subcommand, the options are the dashboard's: pass each, with its value.
                guard path.isEmpty else { return nil }
                if !word.contains("="), (try? DashboardCommand.parse([word])) == nil { _ = words.popFirst() }
                continue
            }
            if let next = subcommands.first(where: { (sub: ParsableCommand.Type) -> Bool in sub._commandName == word }) {
                command = next
                path.append(word)
                continue
            }
            let names = subcommands.map { (sub: ParsableCommand.Type) -> String in sub._commandName }.joined(separator: ", ")
            let name = (["utmost"] + path).joined(separator: " ")
            return "unknown subcommand \"\(word)\" of \"\(name)\"; expected one of \(names)\n"
                + "Usage: " + Utmost.usageString(for: command) + "\n  See '\(name) --help' for more information."
        }
        return nil
    }

    private static func report(_ error: Error) -> Never {
        let code = (error as? CommandError)?.exitCode ?? exitCode(for: error)
        if code == .success {
            Output.line(fullMessage(for: error))
            Foundation.exit(0)
        }
        // An exit status alone (the dashboard ended by a signal, say) has nothing to say.
        if error is ExitCode { Foundation.exit(code.rawValue) }
        // Nor has an error without words: a bare "utmost: " would be a riddle.
        let text: String
        switch error {
        case is DataFileError, is StoreError, is RuleViolation, is CommandError:
            text = "\(error)"
        default:
            let full = fullMessage(for: error)
            text = full.hasPrefix("Error: ") ? String(full.dropFirst("Error: ".count)) : full
        }
        if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { Output.error("utmost: " + text) }
        Foundation.exit(code.rawValue)
    }
}
