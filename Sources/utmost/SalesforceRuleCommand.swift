import ArgumentParser

struct SalesforceRuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rule",
        abstract: "Rules on forms and workflows that add contacts to a Salesforce campaign.",
        discussion: """
            A rule on a form fires on each form_submission of it, a rule on a workflow on each \
            workflow_enrollment in it: the event's contact is added to the Salesforce campaign, \
            once per contact however often it fires, and the store remembers the event that \
            added it. A rule fires on the events at or after the instant it was added (--since \
            moves that instant), whether they are stored already or imported later; rules of a \
            data folder (salesforce_rules.csv) fire on every event.
            """,
        subcommands: [SalesforceRuleAdd.self, SalesforceRuleRemove.self, SalesforceRuleList.self])
}
