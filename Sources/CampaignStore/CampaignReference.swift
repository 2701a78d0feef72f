import CampaignKit

/// How a caller names a campaign: a person types an id or a name, the dashboard
/// knows its campaigns by id.
///
/// Every edit and look-up of the store resolves a campaign through
/// `StoreDatabase.campaign(_:)`, the one place that decides what a reference means.
public enum CampaignReference: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Exactly this id.
    case id(String)
    /// An id (surrounding spaces aside, which no id has), or a name compared as R1 compares
    /// names (trimmed, ignoring case). A text that is one campaign's id and another
    /// campaign's name names neither: the refusal lists both.
    case idOrName(String)

    public init(stringLiteral value: String) { self = .idOrName(value) }

    /// The text as given.
    public var description: String {
        switch self {
        case .id(let text), .idOrName(let text): return text
        }
    }
}

/// A campaign that a reference could mean, and how it matched.
public struct CampaignCandidate: Hashable, Sendable, CustomStringConvertible {
    public var id: String
    public var name: String
    /// True when the reference is its id, false when it is its name.
    public var byID: Bool

    public var description: String {
        byID ? "the id of campaign \(id) (“\(name)”)" : "the name of campaign \(id) (“\(name)”)"
    }
}

extension StoreDatabase {
    /// Resolves a reference: `StoreError.notFound` when nothing matches, and
    /// `StoreError.ambiguousCampaign` (listing the candidates) when an id-or-name matches
    /// one campaign's id and another's name. A name belongs to one campaign at most (R1).
    func campaign(_ reference: CampaignReference) throws -> Campaign {
        let matches: [Campaign]
        switch reference {
        case .id(let id):
            matches = try campaigns(where: "WHERE id = ?", [id])
        case .idOrName(let text):
            let id = text.trimmed
            matches = try campaigns(where: "WHERE id = ? OR name_key = ?", [id, CampaignName.key(text)])
            if matches.count > 1 {
                let candidates = matches.map { CampaignCandidate(id: $0.id, name: $0.name, byID: $0.id == id) }
                    .sorted { ($0.byID ? 0 : 1) < ($1.byID ? 0 : 1) }
                throw StoreError.ambiguousCampaign(reference: text, candidates: candidates)
            }
        }
        guard let campaign = matches.first else { throw StoreError.notFound(kind: "campaign", reference: reference.description) }
        return campaign
    }
}
