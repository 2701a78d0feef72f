import Foundation
import HostileText

/// A small data folder whose text fields hold hostile strings: what a data file can
/// carry (any text but the control characters a CSV file refuses; tab, CR and LF
/// inside quoted cells) and, percent-encoded in URLs, any byte at all, which the
/// engine decodes into utm values, as a visitor's crafted link would.
struct HostileFolder {
    let folder: URL
    /// The hostile URL of the first page view (percent-encoded, so a command line takes it).
    let pageURL: String
    /// The campaign names as written (the import trims them).
    let campaignNames: [String]

    init(seed: UInt64, in parent: URL) throws {
        var hostile = HostileText(seed: seed)
        folder = parent.appendingPathComponent("data-\(seed)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        /// Text a data file may hold: no C0 control but tab, LF and CR, no DEL, no C1.
        func cellText(_ text: String, lines: Bool = true) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.filter { s in
                let v = s.value
                if v == 0x09 || v == 0x0A || v == 0x0D { return lines }
                return !(v < 0x20 || (0x7F..<0xA0).contains(v))
            }))
        }
        /// Any bytes, percent-encoded: what a crafted link carries.
        func encoded(_ text: String, extra: [UInt8]) -> String {
            (Array(text.utf8) + extra).map { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) ? String(UnicodeScalar(b)) : String(format: "%%%02X", b)
            }.joined()
        }
        func quoted(_ cell: String) -> String { "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        func write(_ name: String, _ rows: [[String]]) throws {
            let text = rows.map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        /// A name R1 takes: no control character at all, not blank, at most 256 characters.
        func name(_ prefix: String) -> String { prefix + " " + String(cellText(hostile.string(maxParts: 5), lines: false).prefix(200)) }

        let attack = HostileText.attacks[0]
        let utm = encoded(attack + hostile.string(maxParts: 4), extra: (0..<4).map { _ in UInt8.random(in: 0...255) })
        pageURL = "https://www.example.com/" + encoded(hostile.string(maxParts: 3), extra: []) + "?utm_campaign=" + utm
        campaignNames = [name("One"), name("Two")]

        try write("campaigns.csv", [
            ["id", "name", "created_at", "owner", "notes", "utm_campaign"],
            ["c1", campaignNames[0], "2024-01-01T00:00:00Z", cellText(hostile.string()), cellText(hostile.string()), "one-" + cellText(hostile.string(maxParts: 3), lines: false)],
            ["c2", campaignNames[1], "2024-01-01T00:00:00Z", "", "", ""],
        ])
        try write("assets.csv", [
            ["id", "type", "name", "url", "published_at", "keywords"],
            ["a1", "landing_page", cellText(hostile.string()), "https://www.example.com/landing", "", ""],
            ["a2", "form", cellText(hostile.string()), "", "", ""],
            ["a3", "paid_search", cellText(hostile.string()), "", "", "kw " + cellText(hostile.string(maxParts: 3), lines: false)],
        ])
        try write("associations.csv", [
            ["asset_id", "campaign_id", "associated_at", "dissociated_at"],
            ["a1", "c1", "2024-01-01T00:00:00Z", ""], ["a2", "c1", "2024-01-01T00:00:00Z", ""], ["a3", "c2", "2024-01-01T00:00:00Z", ""],
        ])
        try write("contacts.csv", [
            ["id", "email", "created_at", "visitor_ids"],
            ["k1", cellText(hostile.string()), "2024-01-02T00:00:00Z", "v1"],
        ])
        try write("deals.csv", [
            ["id", "name", "amount", "stage", "created_at", "close_date"],
            ["d1", cellText(hostile.string()), "1500.00", "closed_won", "2024-01-03T00:00:00Z", "2024-02-01T00:00:00Z"],
        ])
        try write("deal_contacts.csv", [["deal_id", "contact_id", "associated_at"], ["d1", "k1", "2024-01-03T00:00:00Z"]])
        try write("events.csv", [
            ["time", "type", "visitor_id", "contact_id", "session_id", "url", "referrer", "asset_id", "keyword"],
            ["2024-01-02T10:00:00Z", "page_view", "v1", "", "", pageURL, cellText(hostile.string()), "", ""],
            ["2024-01-02T10:01:00Z", "page_view", "v1", "", "", "https://www.example.com/landing?utm_campaign=" + utm, "", "", cellText(hostile.string(maxParts: 3))],
            ["2024-01-02T10:02:00Z", "form_submission", "v1", "k1", "", "https://www.example.com/landing", "", "a2", ""],
        ])
        try write("salesforce_rules.csv", [["asset_id", "salesforce_campaign_id", "status"],
                                           ["a2", "701" + cellText(hostile.string(maxParts: 3), lines: false), cellText(hostile.string(maxParts: 3), lines: false)]])
    }
}
