import CampaignKit
import CampaignStore
import Dashboard

extension StoreOutline {
    /// #17: the campaigns as the dashboard outlines them, each with the assets associated with
    /// it at `now`: as the report will list them (aliases in attachment order, assets by id,
    /// one row per asset however many of its intervals cover `now`).
    func campaignOutlines(at now: Instant) -> [CampaignOutline] {
        let assetsByID = Dictionary(assets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var associated: [String: [AssetOutline]] = [:]
        var listed = Set<[String]>()
        for association in associations where association.covers(now) {
            guard let asset = assetsByID[association.assetID],
                  listed.insert([association.campaignID, asset.id]).inserted else { continue }
            associated[association.campaignID, default: []].append(AssetOutline(id: asset.id, name: asset.name, type: asset.type))
        }
        return campaigns.map { campaign in
            CampaignOutline(
                id: campaign.id, name: campaign.name, utmCampaign: campaign.utm.value,
                utmAliases: campaign.aliases.enumerated()
                    .sorted { ($0.element.attachedAt, $0.offset) < ($1.element.attachedAt, $1.offset) }.map(\.element.value),
                startDate: campaign.startDate, endDate: campaign.endDate, createdAt: campaign.createdAt,
                archivedAt: campaign.archivedAt,
                assets: (associated[campaign.id] ?? []).sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) })
        }
    }
}
