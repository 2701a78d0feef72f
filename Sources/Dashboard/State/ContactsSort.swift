/// The contacts list's orders (R14–R16), cycled with `s`: when first influenced (the
/// store's order), by contact, or by the first or last touch campaign's name.
public enum ContactsSort: String, CaseIterable, Hashable, Sendable {
    case influenced, contact, firstTouch, lastTouch

    public var label: String {
        switch self {
        case .influenced: return "first influenced"
        case .contact: return "contact"
        case .firstTouch: return "first touch"
        case .lastTouch: return "last touch"
        }
    }

    public var next: ContactsSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Sorted in natural order of the key; contacts with no touch campaign last; ties keep the given order.
    public func sorted(_ contacts: [ContactListing], campaignName: (String) -> String?) -> [ContactListing] {
        let keys: [String?]
        switch self {
        case .influenced: return contacts
        case .contact: keys = contacts.map { $0.email ?? $0.id }
        case .firstTouch: keys = contacts.map { $0.firstTouchCampaignID.map { id in campaignName(id) ?? id } }
        case .lastTouch: keys = contacts.map { $0.lastTouchCampaignID.map { id in campaignName(id) ?? id } }
        }
        let keyed = contacts.enumerated().map { (offset: $0.offset, key: keys[$0.offset], contact: $0.element) }
        return keyed.sorted { a, b in
            switch (a.key, b.key) {
            case let (x?, y?): return NaturalOrder.precedes(x, y) ?? (a.offset < b.offset)
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.contact)
    }
}
