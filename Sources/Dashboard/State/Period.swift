import Foundation
import Attribution
import CampaignKit

/// The period the dashboard reports on, as HubSpot's date-range picker offers them:
/// presets counted back from today (or from the day the period is anchored at), the
/// selected campaign's own dates, all time, or custom dates.
public enum Period: Hashable, Sendable {
    case today, yesterday
    case thisWeek, lastWeek, thisMonth, lastMonth, thisQuarter, lastQuarter, thisYear, lastYear
    case last7Days, last30Days, last90Days
    /// The selected campaign's start and end dates, open where it has none.
    case campaignDates
    case allTime
    /// Dates typed or stepped in the period editor (`--from`, `--to`); nil is an open end.
    case custom(from: CalendarDate?, to: CalendarDate?)

    /// Every preset, in the editor's order.
    public static let presets: [Period] = [
        .today, .yesterday, .thisWeek, .lastWeek, .thisMonth, .lastMonth, .thisQuarter, .lastQuarter,
        .thisYear, .lastYear, .last7Days, .last30Days, .last90Days, .campaignDates, .allTime,
    ]

    /// What `[` and `]` step through, as they always did: the rolling windows, the
    /// quarter and year so far, all time, the campaign's dates.
    public static let stepped: [Period] = [.last7Days, .last30Days, .last90Days, .thisQuarter, .thisYear, .allTime, .campaignDates]

    /// Whether it is counted back from a day (today, or the anchor): it moves with the clock.
    public var isRelative: Bool {
        switch self {
        case .campaignDates, .allTime, .custom: return false
        default: return true
        }
    }

    /// The days it covers, counted from `today` (weeks start on Monday, ISO 8601).
    public func window(today: CalendarDate, zone: TimeZone, campaign: CampaignReport?) -> ReportWindow {
        func days(_ from: CalendarDate?, _ to: CalendarDate?) -> ReportWindow { ReportWindow(from: from, to: to, zone: zone) }
        let monday = today.adding(days: -Int64(today.weekday))
        let month = CalendarDate(year: today.year, month: today.month, day: 1)
        let quarter = CalendarDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)
        let year = CalendarDate(year: today.year, month: 1, day: 1)
        switch self {
        case .today: return days(today, today)
        case .yesterday: return days(today.adding(days: -1), today.adding(days: -1))
        case .thisWeek: return days(monday, today)
        case .lastWeek: return days(monday.adding(days: -7), monday.adding(days: -1))
        case .thisMonth: return days(month, today)
        case .lastMonth: return days(month.addingMonths(-1), month.adding(days: -1))
        case .thisQuarter: return days(quarter, today)
        case .lastQuarter: return days(quarter.addingMonths(-3), quarter.adding(days: -1))
        case .thisYear: return days(year, today)
        case .lastYear: return days(year.addingMonths(-12), year.adding(days: -1))
        case .last7Days: return days(today.adding(days: -6), today)
        case .last30Days: return days(today.adding(days: -29), today)
        case .last90Days: return days(today.adding(days: -89), today)
        case .campaignDates: return days(campaign?.startDate, campaign?.endDate)
        case .allTime: return days(nil, nil)
        case .custom(let from, let to): return days(from, to)
        }
    }

    /// The period's name for people (`Last 30 days`, `Dates of Spring launch`, `1 Mar 2023 – 31 Mar 2023`).
    public func label(campaignName: String?) -> String {
        switch self {
        case .today: return "Today"
        case .yesterday: return "Yesterday"
        case .thisWeek: return "This week"
        case .lastWeek: return "Last week"
        case .thisMonth: return "This month"
        case .lastMonth: return "Last month"
        case .thisQuarter: return "This quarter"
        case .lastQuarter: return "Last quarter"
        case .thisYear: return "This year"
        case .lastYear: return "Last year"
        case .last7Days: return "Last 7 days"
        case .last30Days: return "Last 30 days"
        case .last90Days: return "Last 90 days"
        case .campaignDates: return "Dates of \(campaignName ?? "the campaign")"
        case .allTime: return "All time"
        case .custom(let from, let to): return ReportWindow(from: from, to: to).spokenRange
        }
    }

    /// The next stepped period (or the previous with `step` −1), wrapping around; from a
    /// period `[` `]` do not step through, the first one.
    public func stepped(_ step: Int) -> Period {
        let all = Self.stepped
        guard let i = all.firstIndex(of: self) else { return all[step > 0 ? 0 : all.count - 1] }
        return all[(i + step + all.count) % all.count]
    }
}

extension ReportWindow {
    /// `2024-01-01 → 2024-03-31`, with `…` for an open end.
    public func rangeText(arrow: Character) -> String {
        switch (from, to) {
        case (nil, nil): return "all dates"
        case (let f?, nil): return "\(f) \(arrow) …"
        case (nil, let t?): return "… \(arrow) \(t)"
        case (let f?, let t?): return "\(f) \(arrow) \(t)"
        }
    }

    /// The range as people say it: `1 Mar 2023 – 31 Mar 2023`, `from 1 Mar 2023`,
    /// `until 31 Mar 2023`, `all dates`; one day alone for a window of one day.
    public var spokenRange: String {
        switch (from, to) {
        case (nil, nil): return "All dates"
        case (let f?, nil): return "From \(f.spoken)"
        case (nil, let t?): return "Until \(t.spoken)"
        case (let f?, let t?): return f == t ? f.spoken : "\(f.spoken) – \(t.spoken)"
        }
    }

    /// The zone's identifier as users know it (`UTC`, `Europe/Amsterdam`).
    public var zoneName: String { zone.identifier == "GMT" ? "UTC" : zone.identifier }

    /// The window of the same length just before this one (`[from − n, from − 1]`), for
    /// comparing; nil when an end is open.
    public var previous: ReportWindow? {
        guard let from, let to else { return nil }
        let length = to.dayNumber - from.dayNumber + 1
        return ReportWindow(from: from.adding(days: -length), to: from.adding(days: -1), zone: zone)
    }
}

extension CalendarDate {
    /// 0 for Monday … 6 for Sunday.
    public var weekday: Int { Int((dayNumber + 3) % 7 + 7) % 7 }

    /// The same day `months` months later (earlier when negative), the month's last day
    /// when it is shorter (31 Jan + 1 month is 28 or 29 Feb).
    public func addingMonths(_ months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let y = Int((Double(index) / 12).rounded(.down)), m = index - y * 12 + 1
        return CalendarDate(year: y, month: m, day: min(day, CalendarDate.daysIn(month: m, year: y)))
    }

    /// `19 Jan 2025`.
    public var spoken: String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(day) \(months[month - 1]) \(year)"
    }
}
