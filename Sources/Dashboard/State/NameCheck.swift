import Widgets
import Foundation
import Attribution
import CampaignKit

/// R1 and R2/R3 as the dashboard previews them while a name is typed. The
/// store decides for real; this only spares the user a round trip.
public enum NameCheck {
    /// Why the name cannot be used (R1), nil when it can.
    public static func problem(_ name: String, campaignID: String?, campaigns: [CampaignReport]) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "A campaign needs a name (R1)" }
        if trimmed.count > 256 { return "At most 256 characters (R1): this is \(trimmed.count)" }
        if let holder = campaigns.first(where: { $0.id != campaignID && $0.name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == trimmed.lowercased() }) {
            return "Taken by campaign \(holder.id) “\(holder.name)” (R1)"
        }
        return nil
    }

    /// The utm value the name would get, and whether it is one of the
    /// campaign's earlier values coming back (R3) rather than a new one (R2).
    public static func utmValue(for name: String, campaignID: String?, campaigns: [CampaignReport]) -> (value: String, reused: Bool) {
        let own = campaigns.first { $0.id == campaignID }
        let slug = Slug.make(name)
        if let own, let earlier = (own.utmAliases + [own.utmCampaign]).first(where: { UtmTags.matchKey($0) == UtmTags.matchKey(slug) }), !slug.isEmpty {
            return (earlier, true)
        }
        var taken = Set<String>()
        for c in campaigns where c.id != campaignID {
            taken.insert(UtmTags.matchKey(c.utmCampaign))
            for alias in c.utmAliases { taken.insert(UtmTags.matchKey(alias)) }
        }
        return (Slug.utmValue(forName: name, campaignID: campaignID ?? "new", taken: taken), false)
    }
}
