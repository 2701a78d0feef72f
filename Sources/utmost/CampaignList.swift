import ArgumentParser
import CampaignKit
import Foundation

/// The campaign list as a table or as JSON.
enum CampaignList {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    /// One campaign as JSON; field names follow the report's.
    private struct Item: Encodable {
        var id: String
        var name: String
        var utm_campaign: String
        var utm_aliases: [String]
        var created_at: String
        var start_date: String?
        var end_date: String?
        var owner: String?
        var color: String?
        var budget: Decimal?
        var in_analytics: Bool
    }

    static func print(_ campaigns: [Campaign], format: Format) throws {
        switch format {
        case .json:
            let items = campaigns.map { c in
                Item(id: c.id, name: c.name, utm_campaign: c.utm.value, utm_aliases: c.aliases.map(\.value),
                     created_at: c.createdAt.iso8601, start_date: c.startDate?.description,
                     end_date: c.endDate?.description, owner: c.owner, color: c.color, budget: c.budget,
                     in_analytics: c.inAnalytics)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(items), as: UTF8.self))
        case .table:
            let header = ["ID", "NAME", "UTM_CAMPAIGN", "ALIASES", "CREATED", "START", "END", "IN_ANALYTICS"]
            let rows = campaigns.map { c in
                [c.id, c.name, c.utm.value, c.aliases.map(\.value).joined(separator: ", "), c.createdAt.iso8601,
                 c.startDate?.description ?? "-", c.endDate?.description ?? "-", c.inAnalytics ? "yes" : "no"]
            }
            if rows.isEmpty {
                Swift.print("no campaigns yet: utmost import DIR, or utmost campaign create NAME")
                return
            }
            let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
            for row in [header] + rows {
                let cells = row.enumerated().map { i, cell in
                    i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
                }
                Swift.print(cells.joined(separator: "  "))
            }
        }
    }
}
