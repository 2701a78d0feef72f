import Attribution
import CampaignKit

extension AssetType {
    /// How a marketer says it: `landing page`, `CTA`, `tracking URL`.
    public var label: String {
        switch self {
        case .blogPost: return "blog post"
        case .cta: return "CTA"
        case .email: return "email"
        case .landingPage: return "landing page"
        case .websitePage: return "web page"
        case .socialPost: return "social post"
        case .paidSearch: return "paid search"
        case .trackingURL: return "tracking URL"
        case .form: return "form"
        case .workflow: return "workflow"
        }
    }
}

extension HiddenReason {
    /// R9's reasons in words.
    public var label: String {
        switch self {
        case .unpublished: return "unpublished"
        case .notVisited: return "not visited"
        case .outsideDates: return "outside dates"
        }
    }
}
