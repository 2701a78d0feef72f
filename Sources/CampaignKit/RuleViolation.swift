/// A refusal by one of the SPEC's rules, worded for the person who asked.
///
/// `rule` is the SPEC's id (`R1`, `R7`, ...) so callers and tests can tell
/// which rule spoke without parsing the message.
public struct RuleViolation: Error, Hashable, Sendable, CustomStringConvertible {
    public var rule: String
    public var message: String

    public init(_ rule: String, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { message }
}
