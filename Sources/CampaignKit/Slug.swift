import Foundation

/// R2: the utm value a campaign name yields.
public enum Slug {
    private static let folds: [Character: String] = [
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ß": "ss", "ẞ": "ss", "ı": "i",
    ]

    /// Folds to ASCII (NFKD, combining marks dropped, the SPEC's letter table),
    /// lowercases, turns each run of other characters into one `-`, trims `-`.
    public static func make(_ name: String) -> String {
        var folded = ""
        for scalar in name.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if let f = folds[Character(scalar)] { folded += f } else { folded.unicodeScalars.append(scalar) }
        }
        var out = ""
        var pendingDash = false
        for scalar in folded.lowercased().unicodeScalars {
            let v = scalar.value
            if (v >= 97 && v <= 122) || (v >= 48 && v <= 57) {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// The first free value for a campaign: the slug, else `slug-2`, `slug-3`, ...
    /// `taken` holds match keys of other campaigns' current and earlier values.
    public static func utmValue(forName name: String, campaignID: String, taken: Set<String>) -> String {
        var base = make(name)
        if base.isEmpty { base = "campaign-" + campaignID }
        if !taken.contains(UtmTags.matchKey(base)) { return base }
        var n = 2
        while taken.contains(UtmTags.matchKey("\(base)-\(n)")) { n += 1 }
        return "\(base)-\(n)"
    }
}
