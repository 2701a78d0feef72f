import Attribution
import CampaignKit

/// Sessions per day over one span of days shared by every campaign, so that
/// sparklines side by side compare: the report window where it is closed,
/// else the days the data covers.
public struct DailySeries: Hashable, Sendable {
    public var first: CalendarDate
    public var last: CalendarDate

    /// Nil when the window is open and no campaign had a session.
    public init?(report: Report) {
        let days = report.campaigns.flatMap { $0.sessionsByDay.map(\.day) }
        guard let first = report.window.from ?? days.min(), let last = report.window.to ?? days.max(),
              first <= last else { return nil }
        self.first = first
        self.last = last
    }

    /// Number of days spanned; capped so a silly window cannot allocate without bound.
    public var dayCount: Int { Int(min(last.dayNumber - first.dayNumber + 1, 100_000)) }

    /// One value per day from `first` to `last`, zero where there was no session.
    public func values(_ campaign: CampaignReport) -> [Int] {
        var out = Array(repeating: 0, count: dayCount)
        for d in campaign.sessionsByDay {
            let i = Int(d.day.dayNumber - first.dayNumber)
            if i >= 0, i < out.count { out[i] += d.count }
        }
        return out
    }
}
