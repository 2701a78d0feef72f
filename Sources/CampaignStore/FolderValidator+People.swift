import CampaignKit

/// Contacts, deals, their links, and Salesforce memberships and rules.
extension FolderValidator {
    func readContacts() throws {
        guard let file = try open(ContactColumn.self) else { return }
        let rows = file.reader.lineFeedsLeft
        known.reserveContacts(rows)
        plan.contacts.reserveCapacity(plan.contacts.count + rows)
        plan.visitors.reserveCapacity(plan.visitors.count + rows)
        while try file.next() {
            let origin = origin(file)
            let id = try file.required(.id)
            if let first = try known.contact(id) {
                throw file.error(.id, "duplicate contact id \"\(id)\"; it is already \(first.phrase)")
            }
            let email = file.text(.email)
            let createdAt = try file.requiredInstant(.created_at)
            let visitorIDs = file.list(.visitor_ids)
            for visitorID in visitorIDs {
                try claimVisitor(visitorID, for: id, file, .visitor_ids, listed: true)
            }
            let salesforceIDs = file.list(.salesforce_campaign_ids)
            for sfID in salesforceIDs {
                known.salesforceMembers[KnownData.pairKey(id, sfID)] = .some(nil)
                plan.salesforceMembers.append(.init(contactID: id, salesforceCampaignID: sfID, status: nil,
                                                    source: ContactColumn.fileName))
            }
            known.contacts[id] = origin
            if let email { known.addEmail(email, of: id) }
            plan.contacts.append(Contact(id: id, email: email, createdAt: createdAt, visitorIDs: visitorIDs,
                                         salesforceCampaignIDs: salesforceIDs))
        }
        summary.contacts = plan.contacts.count
    }

    /// R11: a visitor id belongs to one contact.
    func claimVisitor<C>(_ visitorID: String, for contactID: String, _ file: DataFile<C>, _ column: C,
                         listed: Bool) throws {
        if let owner = try known.visitorOwner(visitorID) {
            guard owner.contactID == contactID else {
                throw file.error(column, "visitor id \"\(visitorID)\" is claimed by two contacts: \(owner.contactID) \(owner.origin.phrase) and \(contactID); a visitor belongs to one contact (R11)")
            }
            return
        }
        known.visitorOwners[visitorID] = (contactID, origin(file))
        plan.visitors.append((visitorID, contactID, listed))
    }

    func readDeals() throws {
        guard let file = try open(DealColumn.self) else { return }
        while try file.next() {
            let id = try file.required(.id)
            if let first = known.deals[id] {
                throw file.error(.id, "duplicate deal id \"\(id)\"; it is already \(first.phrase)")
            }
            guard let amount = try file.amount(.amount) else { throw file.error(.amount, "a value is required") }
            guard let stage: DealStage = try file.choice(.stage, "stage") else { throw file.error(.stage, "a value is required") }
            let createdAt = try file.requiredInstant(.created_at)
            let closeDate = try file.instant(.close_date)
            if stage != .open && closeDate == nil {
                throw file.error(.close_date, "a \(stage.rawValue) deal needs a close_date")
            }
            known.deals[id] = origin(file)
            plan.deals.append(Deal(id: id, name: file.text(.name), amount: amount, stage: stage,
                                   createdAt: createdAt, closeDate: closeDate))
        }
        summary.deals = plan.deals.count
    }

    func readDealContacts() throws {
        guard let file = try open(DealContactColumn.self) else { return }
        while try file.next() {
            let dealID = try file.required(.deal_id)
            guard known.deals[dealID] != nil else {
                throw file.error(.deal_id, "unknown deal \"\(dealID)\"; it is in neither deals.csv nor the store")
            }
            let contactID = try knownContact(file, .contact_id, required: true)!
            let associatedAt = try file.requiredInstant(.associated_at)
            let pair = KnownData.pairKey(dealID, contactID)
            if let first = known.dealContacts[pair] {
                throw file.error(.contact_id, "duplicate link of deal \(dealID) with contact \(contactID); it is already \(first.phrase)")
            }
            known.dealContacts[pair] = origin(file)
            plan.dealContacts.append(DealContact(dealID: dealID, contactID: contactID, associatedAt: associatedAt))
        }
        summary.dealContacts = plan.dealContacts.count
    }

    /// The contact id in `column`, refused when it names no contact of the folder or the store.
    func knownContact<C>(_ file: DataFile<C>, _ column: C, required: Bool) throws -> String? {
        guard let id = file.text(column) else {
            if required { throw file.error(column, "a value is required") }
            return nil
        }
        guard try known.contact(id) != nil else {
            throw file.error(column, "unknown contact \"\(id)\"; it is in neither contacts.csv nor the store")
        }
        return id
    }

    /// R20: memberships by contact id or email (`SalesforceMemberReader`).
    func readSalesforceMembers() throws {
        guard let file = try open(SalesforceMemberColumn.self) else { return }
        let (members, counts) = try SalesforceMemberReader.read(file, source: SalesforceMemberColumn.fileName,
                                                                known: &known, lookedIn: "contacts.csv or the store")
        plan.salesforceMembers += members
        summary.salesforceMembers = counts.new
        summary.salesforceStatusUpdates = counts.statusUpdated
        summary.skippedSalesforceMembers = counts.skipped
    }

    func readSalesforceRules() throws {
        guard let file = try open(SalesforceRuleColumn.self) else { return }
        while try file.next() {
            let assetID = try file.required(.asset_id)
            guard let asset = known.assets[assetID] else {
                throw file.error(.asset_id, "unknown asset \"\(assetID)\"; it is in neither assets.csv nor the store")
            }
            guard asset.type == .form || asset.type == .workflow else {
                throw file.error(.asset_id, "asset \"\(assetID)\" is \(Article.a(asset.type.rawValue)); Salesforce rules go on forms and workflows (R20)")
            }
            let sfID = try file.required(.salesforce_campaign_id)
            let pair = KnownData.pairKey(assetID, sfID)
            if let first = known.salesforceRules[pair] {
                throw file.error(.salesforce_campaign_id, "duplicate rule for asset \(assetID) and Salesforce campaign \(sfID); it is already \(first.phrase)")
            }
            known.salesforceRules[pair] = origin(file)
            plan.salesforceRules.append(SalesforceRule(assetID: assetID, salesforceCampaignID: sfID, status: file.text(.status)))
        }
        summary.salesforceRules = plan.salesforceRules.count
    }
}
