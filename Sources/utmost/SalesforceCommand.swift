import ArgumentParser

struct SalesforceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salesforce",
        abstract: "Salesforce campaigns: import members, rules on forms and workflows, export additions (R20).",
        discussion: """
            Salesforce campaigns are not utmost's campaigns: they never sync. A contact is a \
            member of Salesforce campaigns by import (salesforce import, or a data folder's \
            salesforce_members.csv) or because a rule on a form or workflow added it when it \
            submitted the form or entered the workflow. What the rules added is exported as a \
            CSV for Salesforce's Data Import Wizard. Reports can be restricted to one Salesforce \
            campaign's members: utmost report --salesforce-campaign ID.
            """,
        subcommands: [SalesforceImport.self, SalesforceExport.self, SalesforceRuleCommand.self])
}
