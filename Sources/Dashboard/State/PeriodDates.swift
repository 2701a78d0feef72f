import Attribution
import CampaignKit

/// Custom dates as the period editor reads them: `YYYY-MM-DD`, either end empty for
/// open, the first not after the last.
public enum PeriodDates {
    public struct Problem: Error, Hashable {
        public var message: String
    }

    public static func parse(from fromText: String, to toText: String) -> Result<(CalendarDate?, CalendarDate?), Problem> {
        func day(_ text: String, _ which: String) -> Result<CalendarDate?, Problem> {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return .success(nil) }
            guard let date = CalendarDate(iso8601: trimmed) else {
                return .failure(Problem(message: "\(which): \"\(trimmed)\" is not a day; write YYYY-MM-DD, or leave it empty for an open end"))
            }
            return .success(date)
        }
        switch (day(fromText, "From"), day(toText, "To")) {
        case (.failure(let problem), _), (_, .failure(let problem)): return .failure(problem)
        case (.success(let from), .success(let to)):
            if let from, let to, to < from { return .failure(Problem(message: "To (\(to)) is before From (\(from))")) }
            return .success((from, to))
        }
    }
}
