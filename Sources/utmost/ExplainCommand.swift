import ArgumentParser
import Attribution
import CampaignKit
import CampaignStore
import Foundation

/// `utmost explain`: why a number is what it is (R19).
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why an asset, deal, contact, URL or campaign counts the way it does.",
        discussion: """
            Answers the questions of HubSpot's campaign FAQ for one concrete object, naming \
            the rule of the specification that decided.
            """,
        subcommands: [Asset.self, Deal.self, Contact.self, URL.self, Campaign.self])

    struct Asset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Associated or not, hidden and why (R9), and which of its interactions did not count (R8).")
        @Argument(help: "The asset's id.") var id: String
        @OptionGroup var options: ExplainOptions
        func run() throws { try options.explain { try $0.asset(id) } }
    }

    struct Deal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counted for each campaign or not, the first condition of R14 that fails, and its attribution (R18).")
        @Argument(help: "The deal's id.") var id: String
        @Option(help: ArgumentHelp("Only this campaign (its id or name).", valueName: "campaign")) var campaign: String?
        @OptionGroup var options: ExplainOptions
        func run() throws {
            let campaignID = try campaign.map(options.campaignID)
            try options.explain { try $0.deal(id, campaign: campaignID) }
        }
    }

    struct Contact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "First touch (R15) and last touch (R16) with the event and the rule that decided.")
        @Argument(help: "The contact's id.") var id: String
        @OptionGroup var options: ExplainOptions
        func run() throws {
            try options.explain { try $0.contact(id) }
            Output.lines(ExplainCommand.salesforceLines(try options.store.open().salesforceMemberships(ofContact: id)))
        }
    }

    struct URL: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The campaign a URL's visits belong to and by which rule (R12), or why none.")
        @Argument(help: "The URL, as a page view records it.") var url: String
        @Option(help: ArgumentHelp("Judge one visit at this instant (ISO 8601) instead of the recorded views.", valueName: "instant"))
        var at: String?
        @OptionGroup var options: ExplainOptions
        func run() throws {
            let instant = try OptionValue.instant(at, "--at")
            try options.explain { $0.url(url, at: instant) }
        }
    }

    struct Campaign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What each of a campaign's metrics counts, and which rule brought its page views.")
        @Argument(help: ArgumentHelp("The campaign's id or name.", valueName: "campaign")) var campaign: String
        @OptionGroup var options: ExplainOptions
        func run() throws {
            let id = try options.campaignID(campaign)
            try options.explain { try $0.campaign(id) }
        }
    }

    /// R20: how each of a contact's Salesforce campaigns came, from the store's records.
    static func salesforceLines(_ memberships: [SalesforceMembership]) -> [String] {
        guard !memberships.isEmpty else { return ["Salesforce campaigns: none — not imported as a member of any, and no rule added it (R20)."] }
        var lines = ["How its Salesforce campaigns came (R20):"]
        for m in memberships {
            let status = m.status.map { ", status \($0)" } ?? ""
            switch m.origin {
            case let .imported(source, at):
                let from = source.map { " from \($0)" } ?? ""
                let when = at.map { " on \($0.iso8601)" } ?? ""
                lines.append("  \(m.salesforceCampaignID)\(status): imported\(from)\(when).")
            case let .rule(a, assetName):
                let asset = a.eventType == .workflowEnrollment ? "workflow" : "form"
                let export = a.alreadyImported ? "not exported: it is an imported member of that campaign already"
                    : a.exportedAt.map { "exported \($0.iso8601)" } ?? "not exported yet (utmost salesforce export)"
                lines.append("  \(m.salesforceCampaignID)\(status): added by the rule on \(asset) \(a.assetID) \"\(assetName)\" — its \(a.eventType.rawValue) at \(a.eventTime.iso8601); recorded \(a.addedAt.iso8601), \(export).")
            }
        }
        return lines
    }
}

/// What every `explain` subcommand takes: the store and the window (with its zone and clock).
struct ExplainOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var window: WindowOptions

    /// The id of the campaign a person named by id or name, as every command resolves it (`CampaignReference`).
    func campaignID(_ reference: String) throws -> String {
        try store.open().campaign(.idOrName(reference)).id
    }

    /// Prints the explainer's answer, a line each; an unknown id is one line of error.
    func explain(_ body: (Explainer) throws -> [String]) throws {
        let (analysis, reportWindow) = try window.analysis(store: store, forExplaining: true)
        do {
            Output.lines(try body(Explainer(analysis: analysis, window: reportWindow)))
        } catch let failure as Explainer.Failure {
            throw CommandError(failure.description)
        }
    }
}
