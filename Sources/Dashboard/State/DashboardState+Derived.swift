import Widgets
import Foundation
import Attribution

/// What the views show, derived from the last report without recomputing it.
extension DashboardState {
    /// The campaigns pane's rows: filtered by name or utm value, then sorted.
    public var visibleCampaigns: [CampaignReport] { derived.campaignRows }

    /// The selected campaign, or the first visible one.
    public var selectedCampaign: CampaignReport? {
        let rows = visibleCampaigns
        return rows.first { $0.id == selectedCampaignID } ?? rows.first
    }

    public var campaignIndex: Int {
        let rows = visibleCampaigns
        return rows.firstIndex { $0.id == selectedCampaignID } ?? 0
    }

    /// The selected campaign's assets: visible first, then hidden, each by type and name.
    public var visibleAssets: [AssetReport] { derived.assetRows }

    public var selectedAsset: AssetReport? {
        let rows = visibleAssets
        return rows.first { $0.id == selectedAssetID } ?? rows.first
    }

    public var assetIndex: Int { visibleAssets.firstIndex { $0.id == selectedAssetID } ?? 0 }

    /// R17: only campaigns in analytics, in the chosen order.
    public var analyticsCampaigns: [CampaignReport] { derived.analyticsRows }

    public var analyticsIndex: Int { analyticsCampaigns.firstIndex { $0.id == analyticsCampaignID } ?? 0 }

    /// R5's unlinked values, those matching tab 3's filter (by value or spelling).
    public var unlinkedValues: [UnlinkedUtm] {
        let all = report?.unlinkedUtm ?? []
        let needle = unlinkedFilter.text.lowercased().trimmingCharacters(in: .whitespaces)
        let matching = needle.isEmpty ? all : all.filter { $0.key.contains(needle) || $0.spellings.contains { $0.lowercased().contains(needle) } }
        return unlinkedSort.sorted(matching)
    }

    /// The filter of the tab in front: the campaigns pane's on tab 1.
    public var currentFilter: TextField {
        get {
            switch tab {
            case .campaigns: return campaignFilter
            case .analytics: return analyticsFilter
            case .unlinked: return unlinkedFilter
            case .attribution: return attributionFilter
            }
        }
        set {
            switch tab {
            case .campaigns: campaignFilter = newValue
            case .analytics: analyticsFilter = newValue
            case .unlinked: unlinkedFilter = newValue
            case .attribution: attributionFilter = newValue
            }
        }
    }

    public var unlinkedIndex: Int { unlinkedValues.firstIndex { $0.key == unlinkedKey } ?? 0 }

    public var selectedUnlinked: UnlinkedUtm? {
        let rows = unlinkedValues
        return rows.first { $0.key == unlinkedKey } ?? rows.first
    }

    /// The pane or tab that has the focus, under any popup: its bindings are the status bar's.
    public var paneContext: BindingContext {
        switch tab {
        case .campaigns: return focus.context
        case .analytics: return .analytics
        case .unlinked: return .unlinked
        case .attribution: return .attribution
        }
    }

    /// The bindings in force now: the open popup's, the filter being typed, else the pane's.
    public var bindingContext: BindingContext {
        switch popup {
        case .help(let help)?: return help.filtering ? .helpFilter : .help
        case .explain?: return .explain
        case .confirm?: return .confirm
        case .quit?: return .quitQuestion
        case .input?: return .nameInput
        case .assetPicker?, .campaignPicker?, .segmentPicker?: return .picker
        case .topDeals?: return .topDeals
        case .contacts(let contacts)?: return contacts.filtering ? .contactsFilter : .contacts
        case .period?: return .periodEditor
        case .trackingURL?: return .urlForm
        case nil: return filtering ? .campaignFilter : paneContext
        }
    }

    public func campaign(id: String) -> CampaignReport? { allCampaigns.first { $0.id == id } }
}
