import CampaignKit
import Foundation

/// Option values typed as text, read into their types; a value that does not read
/// is refused naming the option, the value and the form expected.
enum OptionValue {
    /// An ISO 8601 instant (`2024-03-05T14:30:00Z`), nil when the option was not given.
    static func instant(_ text: String?, _ option: String) throws -> Instant? {
        guard let text else { return nil }
        guard let instant = Instant(iso8601: text) else {
            throw CommandError("\(option): malformed instant \"\(text)\"; expected ISO 8601 such as 2024-03-05T14:30:00Z")
        }
        return instant
    }

    /// A calendar date (`2024-03-05`), nil when the option was not given.
    static func date(_ text: String?, _ option: String) throws -> CalendarDate? {
        guard let text else { return nil }
        guard let date = CalendarDate(iso8601: text) else {
            throw CommandError("\(option): malformed date \"\(text)\"; expected YYYY-MM-DD")
        }
        return date
    }

    /// A decimal amount (`1500.00`), nil when the option was not given.
    static func amount(_ text: String?, _ option: String) throws -> Decimal? {
        guard let text else { return nil }
        guard let value = Money.parse(text) else {
            throw CommandError("\(option): malformed amount \"\(text)\"; expected a decimal number such as 1500.00")
        }
        return value
    }
}
