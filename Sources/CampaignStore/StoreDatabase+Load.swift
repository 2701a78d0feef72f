import CampaignKit

extension StoreDatabase {
    /// The whole store as plain values, every array in data order, with `events` as the
    /// backend read them (each keeps a columnar copy of its own: `EventChunks`).
    /// Campaign aliases are in attachment order, ties in data order; a current value
    /// that utm_aliases.csv listed as well is among them too (SPEC §7).
    func dataset(events: EventTable) throws -> Dataset {
        let campaigns = try campaigns(), assets = try assets(), associations = try associations()
        let contacts = try contacts()
        let deals = try deals()
        return Dataset(campaigns: campaigns, assets: assets, associations: associations, contacts: contacts, deals: deals,
                       dealContacts: try dealContacts(), events: events, salesforceRules: try salesforceRulesInForce())
    }

    func campaigns(where condition: String = "", _ arguments: [any SQLBindable] = []) throws -> [Campaign] {
        var values: [String: [(value: UtmValue, aliasSpelling: String?)]] = [:]
        try each("SELECT campaign_id, value, attached_at, alias_value FROM utm_values ORDER BY attached_at, seq", []) { row in
            values[row[0], default: []].append((UtmValue(value: row[1], attachedAt: Instant(microseconds: row[2])), row[3]))
        }
        var archived: [String: Instant] = [:]
        try each("SELECT campaign_id, archived_at FROM campaign_archivings WHERE unarchived_at IS NULL", []) { row in
            archived[row[0]] = Instant(microseconds: row[1])
        }
        return try rows("""
            SELECT id, name, created_at, start_date, end_date, owner, notes, color, budget, utm_key
            FROM campaigns \(condition) ORDER BY seq
            """, arguments).map { row in
            let id: String = row[0]
            let all = values[id] ?? []
            let currentKey: String = row[9]
            let current = all.first { $0.value.key == currentKey }?.value
                ?? UtmValue(value: currentKey, attachedAt: Instant(microseconds: row[2]))
            let aliases = all.filter { $0.value.key != currentKey || $0.aliasSpelling != nil }.map {
                UtmValue(value: $0.aliasSpelling ?? $0.value.value, attachedAt: $0.value.attachedAt)
            }
            return Campaign(id: id, name: row[1], createdAt: Instant(microseconds: row[2]),
                            startDate: (row[3] as String?).flatMap(CalendarDate.init(iso8601:)),
                            endDate: (row[4] as String?).flatMap(CalendarDate.init(iso8601:)),
                            owner: row[5], notes: row[6], color: row[7],
                            budget: (row[8] as String?).flatMap(Money.parse),
                            utm: current, aliases: aliases, archivedAt: archived[id])
        }
    }

    func assets(where condition: String = "", _ arguments: [any SQLBindable] = []) throws -> [Asset] {
        var keywords: [String: [String]] = [:]
        try each("SELECT asset_id, keyword FROM asset_keywords ORDER BY seq", []) { row in
            keywords[row[0], default: []].append(row[1])
        }
        return try rows("SELECT id, name, type, url, published_at FROM assets \(condition) ORDER BY seq", arguments).compactMap { row in
            guard let type = AssetType(rawValue: row[2]) else { return nil }
            let id: String = row[0]
            return Asset(id: id, name: row[1], type: type, url: row[3],
                         publishedAt: (row[4] as Int64?).map(Instant.init(microseconds:)), keywords: keywords[id] ?? [])
        }
    }

    func associations(where condition: String = "", _ arguments: [any SQLBindable] = []) throws -> [Association] {
        try rows("""
            SELECT asset_id, campaign_id, associated_at, dissociated_at FROM associations \(condition) ORDER BY seq
            """, arguments).map { row in
            Association(assetID: row[0], campaignID: row[1], associatedAt: Instant(microseconds: row[2]),
                        dissociatedAt: (row[3] as Int64?).map(Instant.init(microseconds:)))
        }
    }

    private func contacts() throws -> [Contact] {
        // R20: imported memberships, then those the rules added that are not imported too.
        var salesforce: [String: [String]] = [:]
        try each("SELECT contact_id, salesforce_campaign_id FROM contact_salesforce_campaigns ORDER BY seq", []) { row in
            salesforce[row[0], default: []].append(row[1])
        }
        try each("""
            SELECT a.contact_id, a.salesforce_campaign_id FROM salesforce_additions a
            WHERE NOT EXISTS (SELECT 1 FROM contact_salesforce_campaigns m
                              WHERE m.contact_id = a.contact_id AND m.salesforce_campaign_id = a.salesforce_campaign_id)
            ORDER BY a.seq
            """, []) { row in
            salesforce[row[0], default: []].append(row[1])
        }
        // Sized up front: a million contacts would otherwise grow the array twenty times.
        var contacts: [Contact] = []
        contacts.reserveCapacity(try approximateRowCount(of: "contacts"))
        try each("SELECT id, email, created_at FROM contacts ORDER BY seq", []) { row in
            let id: String = row[0]
            contacts.append(Contact(id: id, email: row[1], createdAt: Instant(microseconds: row[2]),
                                    salesforceCampaignIDs: salesforce.isEmpty ? [] : salesforce[id] ?? []))
        }
        // The visitor ids a contact lists are written with it, so they come in the contacts'
        // order: each is found a few contacts on from the one before (those between list none),
        // without hashing a million ids (#17). One out of that order is looked up by id.
        var cursor = 0
        var byID: [String: Int]?
        try each("SELECT contact_id, visitor_id FROM visitors WHERE listed ORDER BY seq", []) { row in
            let contactID: String = row[0]
            if let near = contacts[cursor..<min(contacts.count, cursor + 8)].firstIndex(where: { $0.id == contactID }) {
                cursor = near
            } else {
                if byID == nil { byID = Dictionary(contacts.indices.map { (contacts[$0].id, $0) }, uniquingKeysWith: { _, last in last }) }
                guard let far = byID?[contactID] else { return }
                cursor = far
            }
            contacts[cursor].visitorIDs.append(row[1])
        }
        return contacts
    }

    private func deals() throws -> [Deal] {
        try rows("SELECT id, name, amount, stage, created_at, close_date FROM deals ORDER BY seq").compactMap { row in
            guard let amount = Money.parse(row[2]), let stage = DealStage(rawValue: row[3]) else { return nil }
            return Deal(id: row[0], name: row[1], amount: amount, stage: stage, createdAt: Instant(microseconds: row[4]),
                        closeDate: (row[5] as Int64?).map(Instant.init(microseconds:)))
        }
    }

    private func dealContacts() throws -> [DealContact] {
        try rows("SELECT deal_id, contact_id, associated_at FROM deal_contacts ORDER BY seq").map { row in
            DealContact(dealID: row[0], contactID: row[1], associatedAt: Instant(microseconds: row[2]))
        }
    }

    /// The rules in force.
    private func salesforceRulesInForce() throws -> [SalesforceRule] {
        try rows("""
            SELECT asset_id, salesforce_campaign_id, status FROM salesforce_rules WHERE removed_at IS NULL ORDER BY seq
            """).map { row in
            SalesforceRule(assetID: row[0], salesforceCampaignID: row[1], status: row[2])
        }
    }
}
