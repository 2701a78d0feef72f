/// A name a campaign has carried, with the utm value it carried then (R3).
public struct CampaignNameUse: Hashable, Sendable {
    public var name: String
    public var utmValue: String
    public init(name: String, utmValue: String) { self.name = name; self.utmValue = utmValue }
}

/// R3: what renaming a campaign does to its utm values.
///
/// The new name gets a value by R2, with other campaigns' keys taken. The
/// value that was current stays attached as an alias. Renaming back to a
/// name the campaign carried before (ignoring case) reuses the value it
/// carried then, so no value is minted twice for one name.
public struct RenamePlan: Hashable, Sendable {
    /// The trimmed new name.
    public var name: String
    /// The current value after the rename.
    public var utm: UtmValue
    /// True when `utm` is minted by this rename and must be attached at its instant.
    public var attachesNewValue: Bool
    /// The current value before the rename.
    public var previous: UtmValue

    /// The value that stops being current and stays as an alias; nil when the value did not change.
    public var keptAlias: UtmValue? { previous.key == utm.key ? nil : previous }

    /// Plans renaming `campaign` to `newName` at `now`.
    /// - Parameters:
    ///   - names: every campaign's name, for R1.
    ///   - history: the names `campaign` carried (the current one included) with their values.
    ///   - takenKeys: match keys of other campaigns' current and earlier values (R2).
    public static func plan(campaign: Campaign, newName: String, names: CampaignNameIndex,
                            history: [CampaignNameUse], takenKeys: Set<String>, now: Instant) throws -> RenamePlan {
        let name = try names.check(newName, for: campaign.id)
        if name == campaign.name {
            throw RuleViolation("R3", "campaign \(campaign.id) is already named \"\(name)\"")
        }
        let own = campaign.allUtmValues
        func ownValue(key: String) -> UtmValue? { own.first { $0.key == key } }

        let nameKey = CampaignName.key(name)
        if CampaignName.key(campaign.name) == nameKey {
            return RenamePlan(name: name, utm: campaign.utm, attachesNewValue: false, previous: campaign.utm)
        }
        if let earlier = history.last(where: { CampaignName.key($0.name) == nameKey }),
           let value = ownValue(key: UtmTags.matchKey(earlier.utmValue)) {
            return RenamePlan(name: name, utm: value, attachesNewValue: false, previous: campaign.utm)
        }
        let minted = Slug.utmValue(forName: name, campaignID: campaign.id, taken: takenKeys)
        if let value = ownValue(key: UtmTags.matchKey(minted)) {
            return RenamePlan(name: name, utm: value, attachesNewValue: false, previous: campaign.utm)
        }
        return RenamePlan(name: name, utm: UtmValue(value: minted, attachedAt: now),
                          attachesNewValue: true, previous: campaign.utm)
    }
}
