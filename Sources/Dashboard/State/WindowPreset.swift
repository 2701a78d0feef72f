import Foundation
import Attribution
import CampaignKit

/// The report windows `[` and `]` step through.
public enum WindowPreset: String, CaseIterable, Hashable, Sendable {
    case last7, last30, last90, quarter, year, all, campaignDates

    /// The window ending today (in the report zone). `campaignDates` takes the
    /// campaign's own start and end dates, open where it has none.
    public func window(today: CalendarDate, zone: TimeZone, campaign: CampaignReport?) -> ReportWindow {
        switch self {
        case .last7: return ReportWindow(from: today.adding(days: -6), to: today, zone: zone)
        case .last30: return ReportWindow(from: today.adding(days: -29), to: today, zone: zone)
        case .last90: return ReportWindow(from: today.adding(days: -89), to: today, zone: zone)
        case .quarter:
            let firstMonth = (today.month - 1) / 3 * 3 + 1
            return ReportWindow(from: CalendarDate(year: today.year, month: firstMonth, day: 1), to: today, zone: zone)
        case .year: return ReportWindow(from: CalendarDate(year: today.year, month: 1, day: 1), to: today, zone: zone)
        case .all: return ReportWindow(zone: zone)
        case .campaignDates: return ReportWindow(from: campaign?.startDate, to: campaign?.endDate, zone: zone)
        }
    }

    public func label(campaignName: String?) -> String {
        switch self {
        case .last7: return "Last 7 days"
        case .last30: return "Last 30 days"
        case .last90: return "Last 90 days"
        case .quarter: return "Quarter to date"
        case .year: return "Year to date"
        case .all: return "All time"
        case .campaignDates: return "Dates of \(campaignName ?? "campaign")"
        }
    }

    /// The next preset (or previous with `step` −1), wrapping around.
    public func stepped(_ step: Int) -> WindowPreset {
        let all = Self.allCases
        let i = all.firstIndex(of: self)!
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

    /// The zone's identifier as users know it (`UTC`, `Europe/Amsterdam`).
    public var zoneName: String { zone.identifier == "GMT" ? "UTC" : zone.identifier }
}
