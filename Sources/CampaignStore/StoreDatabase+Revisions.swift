import CampaignKit

/// Revisions of campaigns and assets, and the compare-and-swap an undo needs:
/// inside the edit's write transaction, the object must still be at the
/// revision the undone edit left, or the edit is refused and nothing is written.
/// Two dashboards (or a dashboard and a command) can race on an object; only
/// the database, where writers take turns, can tell which came first.
extension StoreDatabase {
    func revision(ofCampaign id: String) throws -> Revision {
        .campaign(id: id,
                  lastName: try value(Int64.self, "SELECT max(seq) FROM campaign_names WHERE campaign_id = ?", [id]) ?? 0,
                  lastUtmValue: try value(Int64.self, "SELECT max(seq) FROM utm_values WHERE campaign_id = ?", [id]) ?? 0)
    }

    func revision(ofAsset id: String) throws -> Revision {
        let row = try row("SELECT max(seq), count(dissociated_at) FROM associations WHERE asset_id = ?", [id])
        return .asset(id: id, lastInterval: row?[0] ?? 0, closedIntervals: row?[1] ?? 0)
    }

    /// Refuses the edit when `expected` is given and the object is no longer there (`current`
    /// is its revision now), saying what changed since.
    func require(_ expected: Revision?, at current: Revision) throws {
        guard let expected, expected != current else { return }
        throw StoreError.changedSinceEdit(try changes(since: expected) + " since your edit")
    }

    /// What happened to the object after `revision`, in one clause:
    /// "“Spring Launch” was renamed to “Spring Final”".
    func changes(since revision: Revision) throws -> String {
        switch revision {
        case let .campaign(id, lastName, lastUtmValue):
            let name = try value(String.self, "SELECT name FROM campaign_names WHERE seq = ?", [lastName])
                ?? value(String.self, "SELECT name FROM campaigns WHERE id = ?", [id]) ?? id
            let renames = try rows("""
                SELECT name, utm_key FROM campaign_names WHERE campaign_id = ? AND seq > ? ORDER BY seq
                """, [id, lastName]).map { (name: $0[0] as String, utmKey: $0[1] as String) }
            let attached = try values(String.self, """
                SELECT value FROM utm_values WHERE campaign_id = ? AND seq > ? ORDER BY seq
                """, [id, lastUtmValue]).filter { value in
                    !renames.contains { $0.utmKey == UtmTags.matchKey(value) }
                }
            var parts: [String] = []
            if !renames.isEmpty { parts.append("renamed to " + renames.map { quoted($0.name) }.joined(separator: ", then ")) }
            if !attached.isEmpty {
                parts.append("given the utm value\(attached.count == 1 ? "" : "s") " + attached.map(quoted).joined(separator: ", "))
            }
            return "\(quoted(name)) was " + (parts.isEmpty ? "changed" : parts.joined(separator: " and "))
        case let .asset(id, lastInterval, closedIntervals):
            let asset = try asset(id)
            let joined = try values(String.self, """
                SELECT campaigns.name FROM associations JOIN campaigns ON campaigns.id = associations.campaign_id
                WHERE associations.asset_id = ? AND associations.seq > ? ORDER BY associations.seq
                """, [id, lastInterval])
            // An interval is closed once (an undo that reopens one removes the move that closed it): the latest closings are the ones since.
            let closedSince = max(0, (try value(Int64.self, "SELECT count(dissociated_at) FROM associations WHERE asset_id = ?", [id]) ?? 0)
                - closedIntervals)
            let left = Array(try values(String.self, """
                SELECT campaigns.name FROM associations JOIN campaigns ON campaigns.id = associations.campaign_id
                WHERE associations.asset_id = ? AND associations.dissociated_at IS NOT NULL
                ORDER BY associations.dissociated_at DESC, associations.seq DESC LIMIT ?
                """, [id, closedSince]).reversed())
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
