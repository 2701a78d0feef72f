import Foundation

/// R6: the tracking URL builder.
public enum TrackingURL {
    /// Builds the page's tracking URL for `campaign`, tagged with its *current* utm value.
    public static func build(for campaign: Campaign, pageURL: String, source: String, medium: String,
                             term: String? = nil, content: String? = nil) throws -> String {
        try build(pageURL: pageURL, utmCampaign: campaign.utm.value, source: source, medium: medium,
                  term: term, content: content)
    }

    /// Builds `pageURL` tagged with the given utm values.
    ///
    /// The page's own query parameters and fragment are kept in place; every
    /// `utm_*` parameter it already carries (names compared ignoring case) is
    /// dropped, and the new ones are appended in the usual order: source,
    /// medium, campaign, term, content. Values are percent-encoded.
    public static func build(pageURL: String, utmCampaign: String, source: String, medium: String,
                             term: String? = nil, content: String? = nil) throws -> String {
        let page = pageURL.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = URLParts(page)
        guard let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw RuleViolation("R6", "\"\(pageURL)\" is not a page URL: it must start with http:// or https://")
        }
        guard !parts.host.isEmpty, !parts.host.contains(where: \.isWhitespace) else {
            throw RuleViolation("R6", "\"\(pageURL)\" is not a page URL: it has no host")
        }
        guard let source = nonEmpty(source) else { throw RuleViolation("R6", "utm_source is required") }
        guard let medium = nonEmpty(medium) else { throw RuleViolation("R6", "utm_medium is required") }
        guard let campaignValue = nonEmpty(utmCampaign) else {
            throw RuleViolation("R6", "the campaign has no utm value")
        }

        var rest = Substring(page)
        var fragment: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[hash...]
            rest = rest[..<hash]
        }
        var items: [Substring] = []
        if let q = rest.firstIndex(of: "?") {
            items = rest[rest.index(after: q)...].split(separator: "&", omittingEmptySubsequences: true)
            rest = rest[..<q]
        }
        items.removeAll { item in
            let name = item.firstIndex(of: "=").map { item[..<$0] } ?? item
            return UtmTags.percentDecode(name).lowercased().hasPrefix("utm_")
        }
        var tags = [("utm_source", source), ("utm_medium", medium), ("utm_campaign", campaignValue)]
        if let term = term.flatMap(nonEmpty) { tags.append(("utm_term", term)) }
        if let content = content.flatMap(nonEmpty) { tags.append(("utm_content", content)) }
        let query = items.map(String.init) + tags.map { "\($0.0)=\(UtmTags.percentEncode($0.1))" }
        return String(rest) + "?" + query.joined(separator: "&") + (fragment.map(String.init) ?? "")
    }

    private static func nonEmpty(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }
}
