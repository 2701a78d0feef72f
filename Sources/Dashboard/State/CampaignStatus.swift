import Widgets
import Attribution
import CampaignKit

/// Where a campaign stands against its planned run, judged on today's date.
public enum CampaignStatus: String, Hashable, Sendable, CaseIterable {
    case planned, active, ended

    /// A campaign without dates is active; an open end never ends.
    public init(start: CalendarDate?, end: CalendarDate?, today: CalendarDate) {
        if let start, today < start { self = .planned }
        else if let end, end < today { self = .ended }
        else { self = .active }
    }

    public init(_ campaign: CampaignReport, today: CalendarDate) {
        self.init(start: campaign.startDate, end: campaign.endDate, today: today)
    }

    public func glyph(_ glyphs: Glyphs) -> Character {
        switch self {
        case .planned: return glyphs.planned
        case .active: return glyphs.active
        case .ended: return glyphs.ended
        }
    }

    public var role: ColorRole {
        switch self {
        case .planned: return .planned
        case .active: return .positive
        case .ended: return .muted
        }
    }
}
