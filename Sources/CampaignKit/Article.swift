/// English's indefinite article, for messages that name a kind by its data value:
/// "an email", "an open deal", "a form", "a cta".
public enum Article {
    /// `noun` after "a" or "an", chosen by its first letter: "an" before a, e, i and o.
    /// Not before u: the names of the data model that start with it read "you"
    /// (`utm_campaign`, `url`), as an initialism like `cta` reads from its letters.
    public static func a(_ noun: String) -> String {
        guard let first = noun.first?.lowercased() else { return noun }
        return ("aeio".contains(first) ? "an " : "a ") + noun
    }
}
