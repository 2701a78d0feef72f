import CampaignKit

extension CompiledData {
    /// #17: the compiled form of the same dataset with `events` appended after its own,
    /// without compiling the rest again: exactly what `CompiledData(dataset)` of the grown
    /// dataset gives (the differential test `AppendingTests` holds it to that).
    ///
    /// Nil when this fast path cannot show that, and the caller compiles everything:
    /// - an appended event is earlier than the latest one compiled (it would change the
    ///   time order, and with it sessions, R10, and first touches);
    /// - an appended event ties a visitor that earlier events carry to a contact (R11: all
    ///   of the visitor's events, the earlier ones included, become the contact's);
    /// - an appended visitor id new to the events is a contact id, or an appended website
    ///   event derives its session from a contact id alone (R10's owners, rare enough to
    ///   leave to the full path: `EventOrder.append`);
    /// - the events' strings were let go (`EventStrings.letGo`).
    ///
    /// Everything but the events (campaigns, assets, associations, contacts, deals) must
    /// be as compiled: the caller knows that (`CampaignStore.eventsAppended(since:)`).
    public func appending(_ events: EventTable) -> CompiledData? {
        var grown = self
        return grown.append(events) ? grown : nil
    }

    /// `appending(_:)` in place: false, and nothing changed, when the fast path cannot take
    /// the events (`canAppend` decides before anything changes, as `EventOrder.append` would).
    /// The arrays grow where they are when nothing else holds them.
    public mutating func append(_ events: EventTable) -> Bool {
        let old = eventTime.count
        guard !events.isEmpty else { return true }
        guard let latest = latestEventTime, events.time.allSatisfy({ $0 >= latest }), hasEveryColumnKept(of: old) else { return false }
        // The pools `canAppend` looks strings up in, indexed where they stay rather than in its copies.
        dataset.events.prepareIndexes(of: [.visitor, .contact])
        guard canAppend(events) else { return false }

        var table = dataset.events
        dataset.events = EventTable()
        let poolCounts = EventTable.Field.allCases.map { table.pool($0).count }
        // The new events as the grown pools number them: every field's column, whichever the table keeps.
        let appended = table.appending(contentsOf: events)
        let visitors = appended.column(.visitor), contacts = appended.column(.contact)
        let oldVisitors = poolCounts[EventTable.Field.visitor.rawValue]
        // R11: new visitor strings get their listed contact, else a tie by the first new event carrying both.
        var listed = listedVisitors
        for v in Int32(oldVisitors)..<Int32(table.pool(.visitor).count) {
            visitorContact.append(table.pool(.visitor).withBytes(of: v) { listed.number(ofBytes: $0) }.map { contactOfListed[Int($0)] } ?? -1)
        }
        var contactOfString: [Int32: Int32] = [:]
        let (contactIDs, contactOfID) = (self.contactIDs, self.contactOfID)
        func contact(ofString c: Int32) -> Int32 {
            if let k = contactOfString[c] { return k }
            let k = Self.contact(id: table.pool(.contact)[c], in: contactIDs, contactOfID) ?? -1
            contactOfString[c] = k
            return k
        }
        for i in appended.indices where visitors[i] >= Int32(oldVisitors) && contacts[i] >= 0 {
            let v = Int(visitors[i])
            if visitorContact[v] < 0 { visitorContact[v] = contact(ofString: contacts[i]) }
        }
        appendColumns(of: appended, keywordPool: poolCounts[EventTable.Field.keyword.rawValue],
                      urlPool: poolCounts[EventTable.Field.url.rawValue], contact: contact(ofString:))
        let appendedToOrder = order.append(appended)
        dataset.events = table
        return appendedToOrder
    }

    /// Whether the events' table holds a column of `count` events for every field whose
    /// column it did not let go (none, when a compile let go of the strings: `EventStrings.letGo`).
    private func hasEveryColumnKept(of count: Int) -> Bool {
        EventTable.Field.allCases.allSatisfy { dataset.events.columnsLetGo.contains($0) || dataset.events.column($0).count == count }
    }

    /// Whether appending `events` leaves every earlier event's contact (R11) and session
    /// owner (R10) as it is: see `appending(_:)`.
    private func canAppend(_ events: EventTable) -> Bool {
        var visitorPool = dataset.events.pool(.visitor), contactPool = dataset.events.pool(.contact)
        let newVisitors = events.pool(.visitor), newContacts = events.pool(.contact)
        let earlierVisitor = (0..<Int32(newVisitors.count)).map { v in newVisitors.withBytes(of: v) { visitorPool.number(ofBytes: $0) } }
        // A visitor id new to the events that events carry as a contact id alone would share their sessions.
        var appendedContacts = newContacts
        for v in 0..<Int32(newVisitors.count) where earlierVisitor[Int(v)] == nil {
            if newVisitors.withBytes(of: v, { contactPool.number(ofBytes: $0) ?? appendedContacts.number(ofBytes: $0) }) != nil { return false }
        }
        let visitors = events.column(.visitor), contacts = events.column(.contact), sessions = events.column(.session)
        for i in 0..<events.count {
            let v = visitors[i], c = contacts[i]
            if events.type[i].isWebsite && sessions[i] < 0 && v < 0 && c >= 0 { return false }
            // R11: a contact tying a visitor that earlier events carry without one changes those events' contact.
            if v >= 0, c >= 0, let earlier = earlierVisitor[Int(v)], visitorContact[Int(earlier)] < 0,
               contact(id: newContacts[c]) != nil { return false }
        }
        return true
    }

    /// The per-event columns of the appended events `table` holds (all but the order and
    /// sessions), their URLs and keywords numbered on in pool order as a full compile numbers them.
    private mutating func appendColumns(of table: EventTable, keywordPool: Int, urlPool: Int, contact: (Int32) -> Int32) {
        for u in urlPool..<table.pool(.url).count { urls.append(ParsedURL(url: table.pool(.url)[Int32(u)], pageKeys: &pageKeys)) }
        var keywordOfString: [Int32: Int32] = [:]
        var assetOfString: [Int32: Int32] = [:]
        let visitors = table.column(.visitor), contacts = table.column(.contact), assets = table.column(.asset)
        let keywordColumn = table.column(.keyword)
        for i in table.indices {
            let c = contacts[i], v = visitors[i], a = assets[i], k = keywordColumn[i]
            eventContact.append(c >= 0 ? contact(c) : v >= 0 ? visitorContact[Int(v)] : -1)
            if a >= 0, assetOfString[a] == nil { assetOfString[a] = assetIndex[table.pool(.asset)[a]] ?? -1 }
            eventAsset.append(a >= 0 ? assetOfString[a]! : -1)
            if k >= 0, keywordOfString[k] == nil {
                let kw = Self.normaliseKeyword(table.pool(.keyword)[k])
                keywordOfString[k] = kw.isEmpty ? -1 : keywords.intern(kw)
            }
            eventKeyword.append(k >= 0 ? keywordOfString[k]! : -1)
        }
    }
}
