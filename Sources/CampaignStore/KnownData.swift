import CampaignKit
import Foundation

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
    /// The contacts known, and below the visitors' owners: all of the store's, or, when
    /// `storeRows` looks them up, only those asked about so far (`contact(_:)`, `visitorOwner(_:)`).
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
    /// The store's contacts and visitors, looked up one at a time; nil when they were loaded whole.
    private var storeRows: StoreRows?

    /// Looks up one of the store's contacts or visitors, for validation that asks about a few
    /// of many (#17).
    struct StoreRows {
        let contactExists: (String) throws -> Bool
        let visitorOwner: (String) throws -> String?
    }

    /// Where contact `id` came from, nil for a contact neither the store nor the folder has.
    mutating func contact(_ id: String) throws -> Origin? {
        if let origin = contacts[id] { return origin }
        guard let storeRows, try storeRows.contactExists(id) else { return nil }
        contacts[id] = .store
        return .store
    }

    /// R11: the contact visitor `id` belongs to, and where that was said; nil for none.
    mutating func visitorOwner(_ id: String) throws -> (contactID: String, origin: Origin)? {
        if let owner = visitorOwners[id] { return owner }
        guard let storeRows, let contactID = try storeRows.visitorOwner(id) else { return nil }
        visitorOwners[id] = (contactID, .store)
        return (contactID, .store)
    }

    static func pairKey(_ a: String, _ b: String) -> String { a + "\u{1F}" + b }

    /// Records a contact's email (R20 matching ignores case); the first contact keeps it.
    /// One hash of the email for a new one (a contacts file's usual case), two for one seen before.
    mutating func addEmail(_ email: String, of contactID: String) {
        let key = email.lowercased()
        guard let first = emails.updateValue(contactID, forKey: key) else { return }
        emails[key] = first
        if first != contactID && sharedEmails[key] == nil { sharedEmails[key] = contactID }
    }

    /// Room for `count` more contacts, their emails and visitors (about as many), so that
    /// the tables are not hashed again each time they double.
    mutating func reserveContacts(_ count: Int) {
        contacts.reserveCapacity(contacts.count + count)
        emails.reserveCapacity(emails.count + count)
        visitorOwners.reserveCapacity(visitorOwners.count + count)
    }

    /// The store's content, as validation of the folder at `folder` needs it: what its files
    /// consult (`Needs`). A SQLite store's contacts and visitors are looked up one at a time,
    /// as validation asks about them, when the folder is small beside them (`looksUpRows`).
    static func load(_ db: some StoreDatabase, for folder: String) throws -> KnownData {
        let needs = Needs(folder: folder)
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
        if needs.salesforceMembers {
            try known.loadContacts(db)
        } else if needs.contacts {
            if try looksUpRows(db, forFolderBytes: needs.bytes) {
                known.storeRows = StoreRows(
                    contactExists: { id in try db.repeatedValue(Int.self, "SELECT 1 FROM contacts WHERE id = ?", [id]) != nil },
                    visitorOwner: { id in try db.repeatedValue(String.self, "SELECT contact_id FROM visitors WHERE visitor_id = ?", [id]) })
            } else {
                try db.each("SELECT id FROM contacts", []) { row in known.contacts[row[0]] = .store }
            }
        }
        if needs.contacts && known.storeRows == nil {
            try db.each("SELECT visitor_id, contact_id FROM visitors", []) { row in
                known.visitorOwners[row[0]] = (row[1], .store)
            }
        }
        if needs.deals {
            try db.each("SELECT id FROM deals", []) { row in known.deals[row[0]] = .store }
            try db.each("SELECT deal_id, contact_id FROM deal_contacts", []) { row in
                known.dealContacts[pairKey(row[0], row[1])] = .store
            }
        }
        try db.each("SELECT asset_id, salesforce_campaign_id FROM salesforce_rules WHERE removed_at IS NULL", []) { row in
            known.salesforceRules[pairKey(row[0], row[1])] = .store
        }
        return known
    }

    /// What of the store's content a folder's files consult, beside its campaigns, utm values,
    /// assets, associations and Salesforce rules (always loaded: they are few).
    struct Needs {
        /// Contacts and visitors: for contacts.csv, deal_contacts.csv, events.csv and salesforce_members.csv.
        var contacts = false
        /// Contacts with their emails and Salesforce memberships: for salesforce_members.csv.
        var salesforceMembers = false
        /// Deals and their contacts: for deals.csv and deal_contacts.csv.
        var deals = false
        /// The size of the folder's files.
        var bytes: Int64 = 0

        init(folder: String) {
            for name in DataFolderFiles.all {
                let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
                guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber else { continue }
                bytes += size.int64Value
                contacts = contacts || [ContactColumn.fileName, DealContactColumn.fileName, EventColumn.fileName,
                                        SalesforceMemberColumn.fileName].contains(name)
                salesforceMembers = salesforceMembers || name == SalesforceMemberColumn.fileName
                deals = deals || [DealColumn.fileName, DealContactColumn.fileName].contains(name)
            }
        }
    }

    /// Whether to look up the store's contacts and visitors one at a time rather than load
    /// them whole: on SQLite (a lookup is a query in this process, not a round trip), when the
    /// lookups the folder needs would cost less than loading. An events row, the commonest,
    /// is 50 bytes or more and names a contact and a visitor at most: `bytes / 20` lookups is
    /// a generous guess. A wrong guess costs time, never a check: either way asks the same store.
    static func looksUpRows(_ db: some StoreDatabase, forFolderBytes bytes: Int64) throws -> Bool {
        guard db.dialect == .sqlite else { return false }
        let storeRows = try db.approximateRowCount(of: "contacts") + db.approximateRowCount(of: "visitors")
        return bytes / 20 < Int64(storeRows) / lookupCostInRowsLoaded
    }

    /// How many rows loading whole costs as much as one lookup. Measured at L (1M contacts,
    /// 1.1M visitors, #17): loading both took 1.75 s more than looking up a thousand events'
    /// (0.8 µs a row), and 200,000 lookups 1.2 s more than a thousand (6 µs each).
    static let lookupCostInRowsLoaded: Int64 = 8

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
