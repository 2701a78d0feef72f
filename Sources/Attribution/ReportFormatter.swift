import Foundation
import CampaignKit
import SafeText

/// Renders a Report as SPEC §8's JSON, as CSV, or as an aligned table.
///
/// Archived campaigns (§8) are in all three, marked: archiving changes no number, and a
/// report that left them out would no longer add up to the store's totals.
public enum ReportFormatter {
    public static func json(_ report: Report, models: [AttributionModel] = AttributionModel.builtIn) -> String {
        let w = report.window
        let window: JSONValue = .object([
            ("from", w.from.map { .string($0.description) } ?? .null),
            ("to", w.to.map { .string($0.description) } ?? .null),
            ("tz", .string(w.zoneName)),
        ])
        let campaigns: [JSONValue] = report.campaigns.map { c in
            .object([
                ("id", .string(c.id)), ("name", .string(c.name)), ("utm_campaign", .string(c.utmCampaign)),
                ("utm_aliases", .array(c.utmAliases.map { .string($0) })), ("in_analytics", .bool(c.inAnalytics)),
                ("archived", .bool(c.archivedAt != nil)),
                ("sessions", .int(c.sessions)), ("influenced_contacts", .int(c.influencedContacts)),
                ("new_contacts_first_touch", .int(c.newContactsFirstTouch)),
                ("new_contacts_last_touch", .int(c.newContactsLastTouch)),
                ("influenced_deals", .int(c.influencedDeals)), ("influenced_revenue", .money(c.influencedRevenue)),
                ("assets", .array(c.assets.map { a in
                    .object([
                        ("id", .string(a.id)), ("type", .string(a.type.rawValue)), ("visible", .bool(a.visible)),
                        ("hidden_reason", a.hiddenReason.map { .string($0.rawValue) } ?? .null),
                        ("interactions", .int(a.interactions)), ("contacts", .int(a.contacts)),
                    ])
                })),
            ])
        }
        let unlinked: [JSONValue] = report.unlinkedUtm.map { u in
            .object([("key", .string(u.key)), ("spellings", .array(u.spellings.map { .string($0) })),
                     ("page_views", .int(u.pageViews)), ("sessions", .int(u.sessions))])
        }
        let a = report.attribution
        let modelsJSON: [(String, JSONValue)] = models.compactMap { model in
            guard let credits = a.models[model.name] else { return nil }
            let ids = credits.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return (model.name, .object(ids.map { ($0, .money(credits[$0]!)) }))
        }
        let root: JSONValue = .object([
            ("window", window), ("campaigns", .array(campaigns)), ("unlinked_utm", .array(unlinked)),
            ("attribution", .object([
                ("attributed_revenue", .money(a.attributedRevenue)), ("unattributed_deals", .int(a.unattributedDeals)),
                ("unattributed_revenue", .money(a.unattributedRevenue)), ("models", .object(modelsJSON)),
            ])),
        ])
        return root.rendered() + "\n"
    }

    public static let csvHeader = ["id", "name", "utm_campaign", "utm_aliases", "in_analytics", "sessions",
                                   "influenced_contacts", "new_contacts_first_touch", "new_contacts_last_touch",
                                   "influenced_deals", "influenced_revenue", "archived"]

    /// One row per campaign; formula-leading cells are escaped for spreadsheets.
    public static func csv(_ report: Report) -> String {
        var lines = [csvHeader.joined(separator: ",")]
        for c in report.campaigns {
            let cells = [c.id, c.name, c.utmCampaign, c.utmAliases.joined(separator: ";"), c.inAnalytics ? "true" : "false",
                         String(c.sessions), String(c.influencedContacts), String(c.newContactsFirstTouch),
                         String(c.newContactsLastTouch), String(c.influencedDeals), Money.format(c.influencedRevenue),
                         c.archivedAt == nil ? "false" : "true"]
            lines.append(cells.map(CSVField.escape).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An aligned, human-readable report, every value in it cleaned for the terminal.
    /// - Parameter width: a terminal's width, which the tables fit by cutting text with
    ///   an ellipsis; nil cuts nothing.
    public static func table(_ report: Report, models: [AttributionModel], width: Int? = nil) -> String {
        var out = "Window: \(describe(report.window))\n\n"
        var campaigns = TextTable(columns: [
            .init("CAMPAIGN"), .init("SESS", right: true), .init("INFL", right: true), .init("1ST", right: true),
            .init("LAST", right: true), .init("DEALS", right: true), .init("REVENUE", right: true),
        ])
        for c in report.campaigns {
            let mark = (c.inAnalytics ? "" : " †") + (c.archivedAt == nil ? "" : " ‡")
            campaigns.add([c.id + "  " + c.name + mark, String(c.sessions), String(c.influencedContacts),
                           String(c.newContactsFirstTouch), String(c.newContactsLastTouch), String(c.influencedDeals),
                           TextTable.amount(c.influencedRevenue)])
        }
        out += campaigns.render(maxWidth: width)
        if report.campaigns.contains(where: { !$0.inAnalytics }) {
            out += "† created before 2017-09-01: left out of the analytics view (R17)\n"
        }
        if report.campaigns.contains(where: { $0.archivedAt != nil }) {
            out += "‡ archived: left out of campaign lists, counted as ever\n"
        }
        out += "SESS sessions · INFL influenced contacts · 1ST/LAST new by first/last touch\n"

        for c in report.campaigns where !c.assets.isEmpty {
            let earlier = c.utmAliases.isEmpty ? "" : ", earlier: " + c.utmAliases.joined(separator: ", ")
            out += "\n" + TerminalText.line("\(c.name) (utm_campaign=\(c.utmCampaign)\(earlier))") + "\n"
            var assets = TextTable(columns: [.init("  ASSET", whole: true), .init("TYPE"), .init("INTERACTIONS", right: true),
                                             .init("CONTACTS", right: true), .init("")])
            for a in c.assets {
                assets.add(["  " + a.id, a.type.rawValue, String(a.interactions), String(a.contacts),
                            a.hiddenReason.map { "hidden: " + $0.rawValue.replacingOccurrences(of: "_", with: " ") } ?? ""])
            }
            out += assets.render(maxWidth: width)
        }

        if !report.unlinkedUtm.isEmpty {
            out += "\nUnlinked utm_campaign values (R5)\n"
            var unlinked = TextTable(columns: [.init("  VALUE"), .init("VIEWS", right: true), .init("SESSIONS", right: true),
                                               .init("LIKELY MEANT")])
            for u in report.unlinkedUtm {
                unlinked.add(["  " + u.spellings.joined(separator: ", "), String(u.pageViews), String(u.sessions),
                              u.suggestedCampaignID ?? "—"])
            }
            out += unlinked.render(maxWidth: width)
        }

        let a = report.attribution
        out += "\nAttribution (R18): \(TextTable.amount(a.attributedRevenue)) attributed"
        out += a.unattributedDeals > 0 ? ", \(a.unattributedDeals) deals (\(TextTable.amount(a.unattributedRevenue))) without a touch\n" : "\n"
        var columns: [TextTable.Column] = [.init("  CAMPAIGN", whole: true)]
        columns += models.map { .init($0.name.uppercased(), right: true) }
        var attribution = TextTable(columns: columns)
        for c in report.campaigns {
            let credits = models.map { a.models[$0.name]?[c.id] ?? 0 }
            guard credits.contains(where: { $0 != 0 }) else { continue }
            attribution.add(["  " + c.id] + credits.map(TextTable.amount))
        }
        out += attribution.render(maxWidth: width)
        return out
    }

    /// The window as a sentence reads it: `all dates, UTC`, `2024-03-01 to 2024-03-31, UTC`,
    /// `2024-03-01 onwards, UTC`, `up to 2024-03-31, UTC`.
    public static func describe(_ w: ReportWindow) -> String {
        let days: String
        switch (w.from, w.to) {
        case (nil, nil): days = "all dates"
        case (let f?, nil): days = "\(f) onwards"
        case (nil, let t?): days = "up to \(t)"
        case (let f?, let t?): days = "\(f) to \(t)"
        }
        return "\(days), \(w.zoneName)"
    }
}
