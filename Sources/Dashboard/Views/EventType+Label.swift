import CampaignKit
import Attribution

extension EventType {
    /// How a marketer says it: `page view`, `form`, `email click`.
    public var label: String {
        switch self {
        case .pageView: return "page view"
        case .formSubmission: return "form"
        case .emailOpen: return "email open"
        case .emailClick: return "email click"
        case .ctaClick: return "CTA click"
        case .adClick: return "ad click"
        case .socialClick: return "social click"
        case .workflowEnrollment: return "workflow"
        }
    }
}

extension TouchPosition {
    /// One word per key position of R18, for a narrow column.
    public var shortLabel: String {
        switch self {
        case .first: return "first"
        case .leadCreation: return "lead"
        case .dealCreation: return "deal"
        case .closedWon: return "won"
        }
    }
}
