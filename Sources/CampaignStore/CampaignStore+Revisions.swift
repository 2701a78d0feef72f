import CampaignKit
import GRDB

/// Revisions of campaigns and assets, and the compare-and-swap an undo needs:
/// inside the edit's write transaction, the object must still be at the
/// revision the undone edit left, or the edit is refused and nothing is written.
/// Two dashboards (or a dashboard and a command) can race on an object; only
/// the database, holding the write lock, can tell which came first.
extension CampaignStore {
    static func revision(ofCampaign id: String, _ db: Database) throws -> Revision {
        .campaign(id: id,
                  lastName: try Int64.fetchOne(db, sql: "SELECT max(seq) FROM campaign_names WHERE campaign_id = ?", arguments: [id]) ?? 0,
                  lastUtmValue: try Int64.fetchOne(db, sql: "SELECT max(seq) FROM utm_values WHERE campaign_id = ?", arguments: [id]) ?? 0)
    }

    static func revision(ofAsset id: String, _ db: Database) throws -> Revision {
        let row = try Row.fetchOne(db, sql: """
            SELECT max(seq), count(dissociated_at) FROM associations WHERE asset_id = ?
            """, arguments: [id])
        return .asset(id: id, lastInterval: row?[0] ?? 0, closedIntervals: row?[1] ?? 0)
    }

    /// Refuses the edit when `expected` is given and the object is no longer there (`current`
    /// is its revision now), saying what changed since.
    static func require(_ expected: Revision?, at current: Revision, _ db: Database) throws {
        guard let expected, expected != current else { return }
        throw StoreError.changedSinceEdit(try changes(since: expected, db) + " since your edit")
    }

    /// What happened to the object after `revision`, in one clause:
    /// "“Spring Launch” was renamed to “Spring Final”".
    static func changes(since revision: Revision, _ db: Database) throws -> String {
        switch revision {
        case let .campaign(id, lastName, lastUtmValue):
            let name = try String.fetchOne(db, sql: "SELECT name FROM campaign_names WHERE seq = ?", arguments: [lastName])
                ?? String.fetchOne(db, sql: "SELECT name FROM campaigns WHERE id = ?", arguments: [id]) ?? id
            let renames = try Row.fetchAll(db, sql: """
                SELECT name, utm_key FROM campaign_names WHERE campaign_id = ? AND seq > ? ORDER BY seq
                """, arguments: [id, lastName]).map { (name: $0[0] as String, utmKey: $0[1] as String) }
            let attached = try String.fetchAll(db, sql: """
                SELECT value FROM utm_values WHERE campaign_id = ? AND seq > ? ORDER BY seq
                """, arguments: [id, lastUtmValue]).filter { value in
                    !renames.contains { $0.utmKey == UtmTags.matchKey(value) }
                }
            var parts: [String] = []
            if !renames.isEmpty { parts.append("renamed to " + renames.map { quoted($0.name) }.joined(separator: ", then ")) }
            if !attached.isEmpty {
                parts.append("given the utm value\(attached.count == 1 ? "" : "s") " + attached.map(quoted).joined(separator: ", "))
            }
            return "\(quoted(name)) was " + (parts.isEmpty ? "changed" : parts.joined(separator: " and "))
        case let .asset(id, lastInterval, closedIntervals):
            let asset = try Self.asset(id, db)
            let joined = try String.fetchAll(db, sql: """
                SELECT campaigns.name FROM associations JOIN campaigns ON campaigns.id = associations.campaign_id
                WHERE associations.asset_id = ? AND associations.seq > ? ORDER BY associations.seq
                """, arguments: [id, lastInterval])
            // An interval is closed once (an undo that reopens one removes the move that closed it): the latest closings are the ones since.
            let closedSince = max(0, (try Int64.fetchOne(db, sql: """
                SELECT count(dissociated_at) FROM associations WHERE asset_id = ?
                """, arguments: [id]) ?? 0) - closedIntervals)
            let left = Array(try String.fetchAll(db, sql: """
                SELECT campaigns.name FROM associations JOIN campaigns ON campaigns.id = associations.campaign_id
                WHERE associations.asset_id = ? AND associations.dissociated_at IS NOT NULL
                ORDER BY associations.dissociated_at DESC, associations.seq DESC LIMIT ?
                """, arguments: [id, closedSince]).reversed())
            if !asset.type.allowsManyCampaigns, joined.count == 1, left.count == 1 {
                return "\(quoted(asset.name)) was moved from \(left[0]) to \(joined[0])"
            }
            var parts: [String] = []
            if !joined.isEmpty { parts.append("associated with " + joined.joined(separator: ", ")) }
            if !left.isEmpty { parts.append("dissociated from " + left.joined(separator: ", ")) }
            return "\(quoted(asset.name)) was " + (parts.isEmpty ? "changed" : parts.joined(separator: " and "))
        }
    }
}

private func quoted(_ text: String) -> String { "“\(text)”" }
