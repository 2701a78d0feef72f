import Foundation

/// Campaign colours: `#rrggbb` or a theme colour name.
public enum CampaignColor {
    /// The eight basic terminal colours; each also has a `bright-` form.
    public static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Every theme colour name a campaign may use. The one list of them.
    public static let themeNames: [String] =
        basicNames + ["gray", "grey", "orange", "purple", "pink", "brown"] + basicNames.map { "bright-" + $0 }

    private static let nameSet = Set(themeNames)

    /// The colour in its canonical form (lowercase), or a refusal saying what is accepted.
    public static func validated(_ raw: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if nameSet.contains(text) || isHexTriplet(text) { return text }
        throw RuleViolation("colour", "malformed colour \"\(raw)\"; expected #rrggbb or one of \(themeNames.joined(separator: ", "))")
    }

    public static func isValid(_ raw: String) -> Bool { (try? validated(raw)) != nil }

    private static func isHexTriplet(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 7, b[0] == UInt8(ascii: "#") else { return false }
        return b.dropFirst().allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
