import Attribution

/// The campaign metrics of R14, named as in `utmost report --format json`.
public enum CampaignMetric: String, CaseIterable, Hashable, Sendable {
    case sessions
    case influencedContacts = "influenced_contacts"
    case newContactsFirstTouch = "new_contacts_first_touch"
    case newContactsLastTouch = "new_contacts_last_touch"
    case influencedDeals = "influenced_deals"
    case influencedRevenue = "influenced_revenue"

    /// A label for a tile or a column header, at most `width` columns, its middle dot
    /// drawn with `separator` (ASCII terminals get `-`).
    public func label(width: Int, separator: Character = "·") -> String {
        let text = plainLabel(width: width)
        return separator == "·" ? text : text.replacingOccurrences(of: "·", with: separator == "|" ? "-" : String(separator))
    }

    private func plainLabel(width: Int) -> String {
        let (long, medium, short): (String, String, String)
        switch self {
        case .sessions: (long, medium, short) = ("Sessions", "Sessions", "Sessions")
        case .influencedContacts: (long, medium, short) = ("Influenced contacts", "Influenced", "Influenced")
        case .newContactsFirstTouch: (long, medium, short) = ("New contacts · first touch", "New · first touch", "New 1st")
        case .newContactsLastTouch: (long, medium, short) = ("New contacts · last touch", "New · last touch", "New last")
        case .influencedDeals: (long, medium, short) = ("Influenced deals", "Deals", "Deals")
        case .influencedRevenue: (long, medium, short) = ("Influenced revenue", "Revenue", "Revenue")
        }
        if long.count <= width { return long }
        if medium.count <= width { return medium }
        return short
    }

    /// The metric's value in a campaign's report.
    public func value(in campaign: CampaignReport) -> MetricValue {
        switch self {
        case .sessions: return .count(campaign.sessions)
        case .influencedContacts: return .count(campaign.influencedContacts)
        case .newContactsFirstTouch: return .count(campaign.newContactsFirstTouch)
        case .newContactsLastTouch: return .count(campaign.newContactsLastTouch)
        case .influencedDeals: return .count(campaign.influencedDeals)
        case .influencedRevenue: return .money(campaign.influencedRevenue)
        }
    }
}
