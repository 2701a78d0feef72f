import ArgumentParser
import Attribution
import CampaignKit
import Foundation

/// The campaign list as a table or as JSON.
enum CampaignList {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    /// Writes the list. JSON (field names follow the report's, keys in alphabetical
    /// order, absent values left out) keeps exact values, escaped by `JSONValue`; the
    /// table is aligned by display width and cleaned for the terminal. An archived
    /// campaign shows when it was archived (`archived_at`, the ARCHIVED column).
    /// - Parameter whenEmpty: the table's line when no campaign is listed.
    static func write(_ campaigns: [Campaign], format: Format, whenEmpty: String) throws {
        switch format {
        case .json:
            let items: [JSONValue] = campaigns.map { c in
                var fields: [(String, JSONValue?)] = [
                    ("archived_at", c.archivedAt.map { .string($0.iso8601) }),
                    ("budget", c.budget.map(JSONValue.money)), ("color", c.color.map(JSONValue.string)),
                    ("created_at", .string(c.createdAt.iso8601)), ("end_date", c.endDate.map { .string($0.description) }),
                    ("id", .string(c.id)), ("in_analytics", .bool(c.inAnalytics)), ("name", .string(c.name)),
                    ("owner", c.owner.map(JSONValue.string)), ("start_date", c.startDate.map { .string($0.description) }),
                ]
                fields.append(("utm_aliases", .array(c.aliases.map { .string($0.value) })))
                fields.append(("utm_campaign", .string(c.utm.value)))
                return .object(fields.compactMap { key, value in value.map { (key, $0) } })
            }
            Output.data(JSONValue.array(items).rendered() + "\n")
        case .table:
            guard !campaigns.isEmpty else {
                Output.line(whenEmpty)
                return
            }
            let archived = campaigns.contains { $0.archivedAt != nil }
            let titles = ["ID", "NAME", "UTM_CAMPAIGN", "ALIASES", "CREATED", "START", "END", "IN_ANALYTICS"] + (archived ? ["ARCHIVED"] : [])
            var table = TextTable(columns: titles.map { TextTable.Column($0, whole: $0 == "ID") })
            for c in campaigns {
                table.add([c.id, c.name, c.utm.value, c.aliases.map(\.value).joined(separator: ", "), c.createdAt.iso8601,
                           c.startDate?.description ?? "-", c.endDate?.description ?? "-", c.inAnalytics ? "yes" : "no"]
                          + (archived ? [c.archivedAt?.iso8601 ?? "-"] : []))
            }
            Output.table(table)
        }
    }
}
