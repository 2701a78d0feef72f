import Foundation
import Attribution

/// How the attribution tab orders its campaigns (R18): by name, or by one
/// model's credit. `s` on a model sorts by it (largest first), again reverses,
/// a third time goes back to the names.
public struct AttributionSort: Hashable, Sendable {
    /// Nil: by campaign name, A to Z.
    public var model: String?
    public var descending: Bool

    public init(model: String? = nil, descending: Bool = true) {
        self.model = model; self.descending = model == nil ? false : descending
    }

    /// The next order when `s` is pressed with `selected` the highlighted model.
    public func next(selected: String) -> AttributionSort {
        guard model == selected else { return AttributionSort(model: selected, descending: true) }
        return descending ? AttributionSort(model: selected, descending: false) : AttributionSort()
    }

    /// Sorted; ties (and the name order) go by name, then id.
    public func sorted(_ campaigns: [CampaignReport], credits: [String: [String: Decimal]]) -> [CampaignReport] {
        campaigns.sorted { a, b in
            if let model {
                let (x, y) = (credits[model]?[a.id] ?? 0, credits[model]?[b.id] ?? 0)
                if x != y { return (x < y) != descending }
            }
            return NaturalOrder.precedes(a.name, b.name) ?? (a.id < b.id)
        }
    }
}

/// R18 as the views read it from the last report, without recomputing anything.
extension DashboardState {
    /// The models the report has, the nine built-in ones first in the SPEC's
    /// order (always listed, so the columns do not move), then any custom ones by name.
    public var attributionModels: [String] {
        let builtIn = AttributionModel.builtIn.map(\.name)
        let extra = (report?.attribution.models.keys).map { Set($0).subtracting(builtIn).sorted() } ?? []
        return builtIn + extra
    }

    /// The model the attribution tab highlights: the one chosen, else the first.
    public var selectedModel: String {
        let models = attributionModels
        return models.first { $0 == attributionModel } ?? models[0]
    }

    public var selectedModelIndex: Int { attributionModels.firstIndex(of: selectedModel) ?? 0 }

    /// A campaign's credit under a model, rounded to cents by the engine (0 when it has none).
    public func credit(_ model: String, campaignID: String) -> Decimal {
        report?.attribution.models[model]?[campaignID] ?? 0
    }

    /// The attribution tab's rows: every campaign some model credits, in the chosen order.
    public var attributionCampaigns: [CampaignReport] { derived.attributionRows }

    public var attributionIndex: Int { attributionCampaigns.firstIndex { $0.id == attributionCampaignID } ?? 0 }

    public var selectedAttributionCampaign: CampaignReport? {
        let rows = attributionCampaigns
        return rows.first { $0.id == attributionCampaignID } ?? rows.first
    }

    /// The campaigns pane's revenue column: influenced revenue (R14), or the
    /// credit of the model `m` chose (R18).
    public func revenue(of campaign: CampaignReport) -> Decimal {
        guard let model = revenueModel else { return campaign.influencedRevenue }
        return credit(model, campaignID: campaign.id)
    }
}
