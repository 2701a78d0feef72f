import Attribution
import Foundation
import Widgets

/// A metric against the previous period as long: `▲ 12 %`, `▼ 3 %`, `= 0 %`,
/// `new` when it was zero before, nothing when there is nothing to compare.
public enum Change: Hashable, Sendable {
    case percent(Int)
    /// Something now, nothing before: no percentage means anything.
    case new
    /// Nothing now and nothing before.
    case none

    public init(now: MetricValue, before: MetricValue) {
        let (n, b) = (now.decimal, before.decimal)
        if b == 0 {
            self = n == 0 ? .none : .new
            return
        }
        let percent = NSDecimalNumber(decimal: (n - b) / b * 100).doubleValue
        self = .percent(Int(percent.rounded()))
    }

    /// `▲ 12 %` with the glyphs' arrows (`▲12%` when `width` is too narrow for that);
    /// `new`; `–` for nothing to compare.
    public func text(up: Character, down: Character, width: Int = .max) -> String {
        let (arrow, magnitude): (String, Int)
        switch self {
        case .percent(let p) where p > 0: (arrow, magnitude) = (String(up), p)
        case .percent(let p) where p < 0: (arrow, magnitude) = (String(down), -p)
        case .percent: (arrow, magnitude) = ("=", 0)
        case .new: return "new"
        case .none: return "–"
        }
        let spaced = "\(arrow) \(Format.grouped(magnitude)) %"
        return spaced.count <= width ? spaced : "\(arrow)\(Format.grouped(magnitude))%"
    }

    /// Its colour: up is good, down is not (every metric here is better higher).
    public var role: ColorRole {
        switch self {
        case .new: return .positive
        case .percent(let p) where p > 0: return .positive
        case .percent(let p) where p < 0: return .negative
        default: return .muted
        }
    }
}

extension DashboardState {
    /// A metric of a campaign against the previous period, when that period's numbers are in.
    public func change(_ metric: CampaignMetric, of campaign: CampaignReport) -> Change? {
        guard let before = previousReport?.campaigns.first(where: { $0.id == campaign.id }) else { return nil }
        return Change(now: metric.value(in: campaign), before: metric.value(in: before))
    }
}
