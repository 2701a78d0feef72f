import Foundation

/// R1: campaign names are required, trimmed, at most 256 characters, and
/// unique among campaigns ignoring case.
public enum CampaignName {
    public static let maxLength = 256

    /// The trimmed name, or a refusal when it is empty, too long, or holds control
    /// characters (an escape sequence in a name would drive the terminal that prints it).
    public static func validated(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw RuleViolation("R1", "a campaign name is required") }
        if let control = name.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw RuleViolation("R1", "a campaign name cannot hold control characters (found U+\(String(control.value, radix: 16, uppercase: true)))")
        }
        guard name.count <= maxLength else {
            throw RuleViolation("R1", "a campaign name has at most \(maxLength) characters; this one has \(name.count)")
        }
        return name
    }

    /// The form two names are compared in: trimmed and lowercased.
    public static func key(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

/// Which campaign holds which name (R1), for checking many names cheaply.
public struct CampaignNameIndex: Sendable {
    private var holders: [String: (id: String, name: String)] = [:]

    public init() {}

    public init<S: Sequence>(_ campaigns: S) where S.Element == Campaign {
        for c in campaigns { holders[CampaignName.key(c.name)] = (c.id, c.name) }
    }

    /// The campaign holding `name` (ignoring case), if any.
    public func holder(of name: String) -> (id: String, name: String)? {
        holders[CampaignName.key(name)]
    }

    /// R1: the trimmed name if campaign `campaignID` may take it; refuses a
    /// missing or overlong name and one that another campaign holds, naming that campaign.
    public func check(_ raw: String, for campaignID: String) throws -> String {
        let name = try CampaignName.validated(raw)
        if let holder = holder(of: name), holder.id != campaignID {
            throw RuleViolation("R1", "the name \"\(name)\" is taken by campaign \(holder.id) (\"\(holder.name)\")")
        }
        return name
    }

    /// Records that `campaignID` holds `name`, releasing any name it held before.
    public mutating func register(_ name: String, for campaignID: String) {
        holders = holders.filter { $0.value.id != campaignID }
        holders[CampaignName.key(name)] = (campaignID, name)
    }

    /// Records a new campaign's name; cheaper than `register` when the campaign held none.
    public mutating func insert(_ name: String, for campaignID: String) {
        holders[CampaignName.key(name)] = (campaignID, name)
    }
}
