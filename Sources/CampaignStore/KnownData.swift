import CampaignKit

/// What import validation must know about the data already present: the
/// store's content to begin with, then each file's rows as they are accepted.
/// Where a value came from (`Origin`) lets a clash name the first holder.
struct KnownData {
    /// Where a known row came from: the store, or a line of a file of this import.
    enum Origin: Equatable {
        case store
        case line(file: String, line: Int)

        var phrase: String {
            switch self {
            case .store: return "in the store"
            case let .line(file, line): return "on \(file) line \(line)"
            }
        }
    }

    struct Interval {
        var association: Association
        var origin: Origin
    }

    var campaigns: [String: Origin] = [:]
    var names = CampaignNameIndex()
    /// R4 match key → the campaign holding it and where it was given.
    var utmOwners: [String: (campaignID: String, origin: Origin)] = [:]
    /// Campaign id → the match key of its current value, where it is known (not yet generated, R2).
    var currentUtmKeys: [String: String] = [:]
    var assets: [String: (type: AssetType, origin: Origin)] = [:]
    var intervals: [String: [Interval]] = [:]
    var contacts: [String: Origin] = [:]
    /// Lowercased email → the first contact (in data order) with it, for Salesforce members given by email.
    var emails: [String: String] = [:]
    /// Lowercased email → a second contact with it: such an email names no one for sure.
    var sharedEmails: [String: String] = [:]
    /// R11: visitor id → the contact it belongs to, and where that was said.
    var visitorOwners: [String: (contactID: String, origin: Origin)] = [:]
    var deals: [String: Origin] = [:]
    var dealContacts: [String: Origin] = [:]
    /// Rules in force, by `pairKey(asset, Salesforce campaign)`.
    var salesforceRules: [String: Origin] = [:]
    /// Imported memberships by `pairKey(contact, Salesforce campaign)`, with their status.
    var salesforceMembers: [String: String?] = [:]

    static func pairKey(_ a: String, _ b: String) -> String { a + "\u{1F}" + b }

    /// Records a contact's email (R20 matching ignores case); the first contact keeps it.
    mutating func addEmail(_ email: String, of contactID: String) {
        let key = email.lowercased()
        if let first = emails[key] {
            if first != contactID && sharedEmails[key] == nil { sharedEmails[key] = contactID }
        } else {
            emails[key] = contactID
        }
    }

    /// The store's content, as validation needs it.
    static func load(_ db: some StoreDatabase) throws -> KnownData {
        var known = KnownData()
        try db.each("SELECT id, name, utm_key FROM campaigns ORDER BY seq", []) { row in
            let id: String = row[0]
            known.campaigns[id] = .store
            known.names.insert(row[1], for: id)
            known.currentUtmKeys[id] = row[2]
        }
        try db.each("SELECT key, campaign_id FROM utm_values", []) { row in
            known.utmOwners[row[0]] = (row[1], .store)
        }
        try db.each("SELECT id, type FROM assets", []) { row in
            if let type = AssetType(rawValue: row[1]) { known.assets[row[0]] = (type, .store) }
        }
        try db.each("SELECT asset_id, campaign_id, associated_at, dissociated_at FROM associations ORDER BY seq", []) { row in
            let association = Association(assetID: row[0], campaignID: row[1], associatedAt: Instant(microseconds: row[2]),
                                          dissociatedAt: (row[3] as Int64?).map(Instant.init(microseconds:)))
            known.intervals[association.assetID, default: []].append(Interval(association: association, origin: .store))
        }
        try known.loadContacts(db)
        try db.each("SELECT visitor_id, contact_id FROM visitors", []) { row in
            known.visitorOwners[row[0]] = (row[1], .store)
        }
        try db.each("SELECT id FROM deals", []) { row in known.deals[row[0]] = .store }
        try db.each("SELECT deal_id, contact_id FROM deal_contacts", []) { row in
            known.dealContacts[pairKey(row[0], row[1])] = .store
        }
        try db.each("SELECT asset_id, salesforce_campaign_id FROM salesforce_rules WHERE removed_at IS NULL", []) { row in
            known.salesforceRules[pairKey(row[0], row[1])] = .store
        }
        return known
    }

    /// The store's contacts, their emails and Salesforce memberships: what matching members needs.
    mutating func loadContacts(_ db: some StoreDatabase) throws {
        try db.each("SELECT id, email FROM contacts ORDER BY seq", []) { row in
            let id: String = row[0]
            contacts[id] = .store
            if let email: String = row[1] { addEmail(email, of: id) }
        }
        try db.each("SELECT contact_id, salesforce_campaign_id, status FROM contact_salesforce_campaigns", []) { row in
            salesforceMembers[Self.pairKey(row[0], row[1])] = .some(row[2])
        }
    }
}
