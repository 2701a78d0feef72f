import CampaignKit

/// R20: "add the contact to Salesforce campaign X" rules firing on the stored events.
///
/// A rule on a form fires on that form's `form_submission` events, a rule on a
/// workflow on its `workflow_enrollment` events, when the event's instant lies
/// in the rule's period [active_from, removed_at). It adds the event's contact
/// to X once: the pair (contact, X) is recorded the first time, with the rule,
/// the event and the instant the store recorded it, and never again, whatever
/// rule or event comes later. Events are looked at in (time, data order), so in
/// one pass the earliest event is the one that added the contact.
///
/// Firing is done whenever rules or events are added, on the pairs that are new:
/// new rules against every stored event, and the rules that were already there
/// against the new events. So the outcome does not depend on whether rules or
/// events came first, only on the events' instants.
enum SalesforceRules {
    /// Event type codes of the events rules fire on (form_submission, workflow_enrollment).
    static let firingTypes = "(\(EventTypeCode.code(.formSubmission)), \(EventTypeCode.code(.workflowEnrollment)))"

    /// Records the additions that rules with `seq > rulesAfter` make on all events, and
    /// that the other rules make on events with `seq > eventsAfter`.
    /// - Returns: the number of additions recorded.
    @discardableResult
    static func apply(_ db: some StoreDatabase, rulesAfter: Int64, eventsAfter: Int64, now: Instant) throws -> Int {
        let maxRule = try db.value(Int64.self, "SELECT max(seq) FROM salesforce_rules") ?? 0
        guard maxRule > 0 else { return 0 }
        let maxEvent = try db.value(Int64.self, "SELECT max(seq) FROM events") ?? 0
        var parts: [String] = []
        var arguments: [any SQLBindable] = []
        let select = """
            SELECT e.contact_id AS contact_id, r.salesforce_campaign_id AS sf, r.status AS status, r.seq AS rule_seq,
                   r.asset_id AS asset_id, e.seq AS event_seq, e.time AS event_time
            """
        let applies = """
            e.type IN \(firingTypes) AND e.contact_id IS NOT NULL
              AND (r.active_from IS NULL OR e.time >= r.active_from)
              AND (r.removed_at IS NULL OR e.time < r.removed_at)
            """
        // SQLite's CROSS JOIN keeps the events as the outer loop; PostgreSQL plans the join itself.
        let join = db.dialect == .sqlite ? "CROSS JOIN" : "JOIN"
        if maxRule > rulesAfter {
            // One pass over the events, each looking its asset up among the new rules.
            parts.append("\(select) FROM events e \(join) salesforce_rules r ON r.asset_id = e.asset_id WHERE r.seq > ? AND \(applies)")
            arguments += [rulesAfter]
        }
        if maxEvent > eventsAfter && rulesAfter > 0 {
            // Only the new events (a range of seq), against the rules that were there.
            parts.append("\(select) FROM events e \(join) salesforce_rules r ON r.asset_id = e.asset_id WHERE e.seq > ? AND r.seq <= ? AND \(applies)")
            arguments += [eventsAfter, rulesAfter]
        }
        guard !parts.isEmpty else { return 0 }
        // Rows go in in (time, data order): the first to name a pair records it, the others are ignored.
        // (`WHERE TRUE` spares SQLite's parser the ambiguity of an upsert after a SELECT.)
        return try db.exec("""
            INSERT INTO salesforce_additions
                (contact_id, salesforce_campaign_id, status, rule_seq, asset_id, event_seq, event_time, added_at)
            SELECT contact_id, sf, status, rule_seq, asset_id, event_seq, event_time, ?
            FROM (\(parts.joined(separator: " UNION ALL "))) AS fired
            WHERE TRUE
            ORDER BY event_time, event_seq, rule_seq
            ON CONFLICT DO NOTHING
            """, [now.microseconds] + arguments)
    }

    /// The highest `seq` of rules and of events, to call `apply` with after adding some.
    static func marks(_ db: some StoreDatabase) throws -> (rules: Int64, events: Int64) {
        (try db.value(Int64.self, "SELECT max(seq) FROM salesforce_rules") ?? 0,
         try db.value(Int64.self, "SELECT max(seq) FROM events") ?? 0)
    }
}
