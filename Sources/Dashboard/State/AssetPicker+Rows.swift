import Foundation
import Attribution

extension AssetPicker {
    /// The assets the picker offers: not yet in the target campaign, matching
    /// the query in name, id, type or current campaign; by name.
    public func rows(campaignName: (String) -> String?) -> [AssetListing] {
        let needle = query.text.lowercased().trimmingCharacters(in: .whitespaces)
        let matching = (assets ?? []).filter { asset in
            guard !asset.campaignIDs.contains(campaignID) else { return false }
            guard !needle.isEmpty else { return true }
            let haystack = [asset.name, asset.id, asset.type.label] + asset.campaignIDs.compactMap(campaignName)
            return haystack.contains { $0.lowercased().contains(needle) }
        }
        return NaturalOrder.byName(matching, name: \.name, id: \.id)
    }
}

extension CampaignPicker {
    /// The campaigns the picker offers, matching the query in name or utm value; by name.
    public var rows: [CampaignListing] {
        let needle = query.text.lowercased().trimmingCharacters(in: .whitespaces)
        let matching = (campaigns ?? []).filter {
            needle.isEmpty || $0.name.lowercased().contains(needle) || $0.utmCampaign.lowercased().contains(needle)
        }
        return NaturalOrder.byName(matching, name: \.name, id: \.id)
    }
}
