import Widgets
import Attribution

/// The one popup (if any) drawn over the panes; it takes every key while open.
public enum Popup: Hashable, Sendable {
    case help(HelpPopup)
    case explain(ExplainPopup)
    case confirm(ConfirmPopup)
    case input(InputPopup)
    case assetPicker(AssetPicker)
    case campaignPicker(CampaignPicker)
    case topDeals(TopDealsPopup)
    case segmentPicker(SegmentPicker)
    case contacts(ContactsPopup)
    case quit(QuitPopup)
    case period(PeriodPopup)
    case trackingURL(TrackingURLPopup)
}

/// `b`: R6's tracking-URL builder as a form: the page and the utm values, with the URL
/// it would make shown as they are typed.
public struct TrackingURLPopup: Hashable, Sendable {
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case page, source, medium, term, content

        public var label: String {
            switch self {
            case .page: return "Page URL"
            case .source: return "utm_source"
            case .medium: return "utm_medium"
            case .term: return "utm_term"
            case .content: return "utm_content"
            }
        }

        public var required: Bool { self == .page || self == .source || self == .medium }
    }

    public var campaignID: String
    public var fields: [TextField] = Array(repeating: TextField(), count: Field.allCases.count)
    public var focus: Field = .page
    /// Why the URL cannot be built (R6), shown under the form.
    public var error: String?

    public init(campaignID: String) { self.campaignID = campaignID }

    public func text(_ field: Field) -> String { fields[field.rawValue].text.trimmingCharacters(in: .whitespaces) }
}

/// `p`: the period editor. A row per preset with the dates it covers, and a last row of
/// custom dates typed as `YYYY-MM-DD` or stepped with the arrows.
public struct PeriodPopup: Hashable, Sendable {
    /// Which date field is being edited, on the custom row.
    public enum Field: Hashable, Sendable { case from, to }

    /// A row of `Period.presets`; `Period.presets.count` is the custom row.
    public var cursor: Int
    public var from: TextField
    public var to: TextField
    /// The field being edited; nil while choosing a row.
    public var editing: Field?
    /// Why the dates typed cannot be used.
    public var error: String?

    public init(period: Period, window: ReportWindow) {
        cursor = Period.presets.firstIndex(of: period) ?? Period.presets.count
        from = TextField(window.from?.description ?? "")
        to = TextField(window.to?.description ?? "")
    }

    /// Whether the cursor is on the custom row.
    public var onCustom: Bool { cursor == Period.presets.count }
}

/// `?`: the focused pane's bindings, filterable with `/`.
public struct HelpPopup: Hashable, Sendable {
    public var context: BindingContext
    public var filter = TextField()
    public var filtering = false
    public var scroll = 0
    public init(context: BindingContext) { self.context = context }
}

/// `utmost explain`'s answer for one subject (R19).
public struct ExplainPopup: Hashable, Sendable {
    public var subject: ExplainSubject
    public var title: String
    /// Nil while the answer is on its way.
    public var lines: [String]?
    public var scroll = 0
    public init(subject: ExplainSubject, title: String, lines: [String]? = nil) {
        self.subject = subject; self.title = title; self.lines = lines
    }
}

/// A yes/no question before an edit.
public struct ConfirmPopup: Hashable, Sendable {
    public var title: String
    public var lines: [String]
    public var pending: PendingEdit
    public init(title: String, lines: [String], pending: PendingEdit) {
        self.title = title; self.lines = lines; self.pending = pending
    }
}

/// `q` while an edit waits for another process's write: wait for it, quit
/// without it, or stay. An edit is never dropped without this question.
public struct QuitPopup: Hashable, Sendable {
    /// The waiting edit, as the status bar would name it once saved.
    public var summary: String
    public init(summary: String) { self.summary = summary }
}

/// A name being typed for a new campaign or a rename.
public struct InputPopup: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case newCampaign
        case rename(campaignID: String)
    }
    public var purpose: Purpose
    public var field: TextField
    /// Why the name cannot be taken (R1), shown under the field.
    public var error: String?
    public init(purpose: Purpose, text: String = "") { self.purpose = purpose; self.field = TextField(text) }
}

/// `a`: choose an asset to associate with a campaign, searching as you type.
public struct AssetPicker: Hashable, Sendable {
    public var campaignID: String
    public var query = TextField()
    public var cursor = 0
    /// Nil until the backend has listed the assets.
    public var assets: [AssetListing]?
    public init(campaignID: String) { self.campaignID = campaignID }
}

/// On the unlinked tab: choose the campaign a stray utm value belongs to.
public struct CampaignPicker: Hashable, Sendable {
    public var value: UnlinkedUtm
    public var query = TextField()
    public var cursor = 0
    /// Nil until the backend has listed the campaigns.
    public var campaigns: [CampaignListing]?
    public init(value: UnlinkedUtm) { self.value = value }
}

/// Enter on the attribution tab: a campaign's top deals under a model (R18),
/// each with its touches.
public struct TopDealsPopup: Hashable, Sendable {
    public var request: TopDealsRequest
    public var campaignName: String
    /// Nil while the answer is on its way.
    public var result: TopDeals?
    public var error: String?
    public var scroll = 0
    public init(request: TopDealsRequest, campaignName: String) {
        self.request = request; self.campaignName = campaignName
    }
}

extension TopDealsPopup {
    /// How many deals the popup asks for.
    public static let limit = 10

    /// One scrolling line of the popup: a deal, one of its touches, or the blank between deals.
    public enum Line: Hashable, Sendable {
        case deal(DealCredit)
        case touch(DealTouch)
        case gap
    }

    public var lines: [Line] {
        var out: [Line] = []
        for deal in result?.deals ?? [] {
            if !out.isEmpty { out.append(.gap) }
            out.append(.deal(deal))
            out += deal.touches.map(Line.touch)
        }
        return out
    }

    public var lineCount: Int { lines.count }
}
