import Foundation
import Attribution

extension AssetPicker {
    /// The assets the picker offers: not yet in the target campaign, matching
    /// the query in name, id, type or current campaign; by name.
    public func rows(campaignName: (String) -> String?) -> [AssetListing] {
        let needle = query.text.lowercased().trimmingCharacters(in: .whitespaces)
        return (assets ?? []).filter { asset in
            guard !asset.campaignIDs.contains(campaignID) else { return false }
            guard !needle.isEmpty else { return true }
            let haystack = [asset.name, asset.id, asset.type.label] + asset.campaignIDs.compactMap(campaignName)
            return haystack.contains { $0.lowercased().contains(needle) }
        }.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
    }
}

extension CampaignPicker {
    /// The campaigns the picker offers, matching the query in name or utm value; by name.
    public var rows: [CampaignListing] {
        let needle = query.text.lowercased().trimmingCharacters(in: .whitespaces)
        return (campaigns ?? []).filter {
            needle.isEmpty || $0.name.lowercased().contains(needle) || $0.utmCampaign.lowercased().contains(needle)
        }.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
    }
}
