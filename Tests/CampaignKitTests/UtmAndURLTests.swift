import Testing
@testable import CampaignKit

struct UtmTagsTests {
    @Test("R4 parameter names match ignoring case")
    func nameCase() {
        #expect(UtmTags(url: "https://x.com/?UTM_Campaign=Spring").campaign == "Spring")
        #expect(UtmTags(url: "https://x.com/?utm%5FCAMPAIGN=spring").campaign == "spring")
        // Names told apart by their bytes when plain ASCII, decoded first otherwise.
        let mixed = UtmTags(url: "https://x.com/?gclid=1&Utm_Source=News&ut=2&utm=3&%55tm_medium=mail&utm+_x=4&%C3%BCtm_y=5&UTM_TERM=a+b")
        #expect(mixed.values == ["utm_source": "News", "utm_medium": "mail", "utm_term": "a b"])
    }

    @Test("R4 values are percent-decoded, + is a space, then trimmed")
    func decoding() {
        #expect(UtmTags(url: "https://x.com/p?utm_campaign=Spring+Launch%21").campaign == "Spring Launch!")
        #expect(UtmTags(url: "https://x.com/p?utm_campaign=%20%20spring+").campaign == "spring")
        #expect(UtmTags(url: "https://x.com/p?utm_campaign=caf%C3%A9").campaign == "café")
    }

    @Test("R4 the match key is the value lowercased; the raw value is kept")
    func matchKey() {
        let tags = UtmTags(url: "https://x.com/?utm_campaign=Spring-Launch")
        #expect(tags.campaign == "Spring-Launch")
        #expect(UtmTags.matchKey(tags.campaign!) == "spring-launch")
        #expect(UtmValue(value: "Spring-Launch", attachedAt: Instant(seconds: 0)).key == "spring-launch")
    }

    @Test("R4 the first occurrence counts, even when it is empty")
    func firstOccurrence() {
        #expect(UtmTags(url: "https://x.com/?utm_campaign=a&utm_campaign=b").campaign == "a")
        #expect(UtmTags(url: "https://x.com/?utm_campaign=&utm_campaign=b").campaign == nil)
        #expect(UtmTags(url: "https://x.com/?UTM_CAMPAIGN=+&utm_campaign=b").campaign == nil)
    }

    @Test("R4 an empty value is no tag")
    func emptyIsNoTag() {
        #expect(UtmTags(url: "https://x.com/?utm_campaign=").campaign == nil)
        #expect(UtmTags(url: "https://x.com/?utm_campaign").campaign == nil)
        #expect(UtmTags(url: "https://x.com/").campaign == nil)
    }

    @Test("R4 ids are decoded but never lowercased")
    func ids() {
        #expect(UtmTags(url: "https://x.com/?utm_id=AbC%2D1").values["utm_id"] == "AbC-1")
    }
}

struct PageKeyTests {
    @Test("R12 page key drops a leading www. and lowercases the host")
    func host() {
        #expect(PageKey(url: "https://WWW.Example.com/a").description == "example.com/a")
        #expect(PageKey(url: "https://shop.example.com/a").description == "shop.example.com/a")
    }

    @Test("#12.9 R12 page key drops every trailing /; the root is /")
    func slashes() {
        #expect(PageKey(url: "https://example.com/a/b/") == PageKey(url: "https://example.com/a/b"))
        #expect(PageKey(url: "https://example.com/a/b///").path == "/a/b")
        #expect(PageKey(url: "https://example.com/a//b/").path == "/a//b", "only trailing ones")
        #expect(PageKey(url: "https://example.com").path == "/")
        #expect(PageKey(url: "https://example.com/").path == "/")
        #expect(PageKey(url: "https://example.com//").path == "/")
    }

    @Test("R12 page key ignores scheme, port, query and fragment")
    func ignored() {
        let key = PageKey(url: "https://example.com/pricing")
        #expect(PageKey(url: "http://example.com:8080/pricing?utm_campaign=x#plans") == key)
        #expect(PageKey(url: "//www.example.com/pricing/#top") == key)
    }

    @Test("R12 page key keeps the path's case and does not percent-decode it")
    func path() {
        #expect(PageKey(url: "https://example.com/Pricing") != PageKey(url: "https://example.com/pricing"))
        #expect(PageKey(url: "https://example.com/a%20b").path == "/a%20b")
        #expect(PageKey(url: "https://example.com/a%20b") != PageKey(url: "https://example.com/a b"))
    }
}

struct TrackingURLTests {
    let t0 = Instant(iso8601: "2024-01-01T00:00:00Z")!

    @Test("R6 appends source, medium and campaign, keeping the page's query and fragment")
    func keepsQueryAndFragment() throws {
        let url = try TrackingURL.build(pageURL: "https://example.com/pricing?plan=pro&x=1#faq",
                                        utmCampaign: "spring-launch", source: "newsletter", medium: "email")
        #expect(url == "https://example.com/pricing?plan=pro&x=1&utm_source=newsletter&utm_medium=email&utm_campaign=spring-launch#faq")
    }

    @Test("R6 existing utm parameters are replaced, names compared ignoring case")
    func replaces() throws {
        let url = try TrackingURL.build(pageURL: "https://example.com/?UTM_Source=old&a=1&utm_campaign=old&Utm_Term=x",
                                        utmCampaign: "new", source: "s", medium: "m")
        #expect(url == "https://example.com/?a=1&utm_source=s&utm_medium=m&utm_campaign=new")
    }

    @Test("R6 values are percent-encoded; term and content are optional")
    func encodes() throws {
        let url = try TrackingURL.build(pageURL: "https://example.com/p", utmCampaign: "Été 2024",
                                        source: "news letter", medium: "e&mail", term: "a+b", content: "  ")
        #expect(url == "https://example.com/p?utm_source=news%20letter&utm_medium=e%26mail&utm_campaign=%C3%89t%C3%A9%202024&utm_term=a%2Bb")
        // R4 reads back what R6 wrote.
        #expect(UtmTags(url: url).campaign == "Été 2024")
        #expect(UtmTags(url: url).values["utm_term"] == "a+b")
    }

    @Test("R6 uses the campaign's current value, not an alias")
    func currentValue() throws {
        let c = Campaign(id: "c1", name: "Summer", createdAt: t0,
                         utm: UtmValue(value: "summer", attachedAt: t0.adding(seconds: 60)),
                         aliases: [UtmValue(value: "spring", attachedAt: t0)])
        let url = try TrackingURL.build(for: c, pageURL: "https://example.com/", source: "s", medium: "m",
                                        term: "t", content: "c")
        #expect(url == "https://example.com/?utm_source=s&utm_medium=m&utm_campaign=summer&utm_term=t&utm_content=c")
    }

    @Test("R6 source and medium are required; the page needs a host")
    func required() {
        #expect(throws: RuleViolation("R6", "utm_source is required")) {
            try TrackingURL.build(pageURL: "https://x.com/", utmCampaign: "c", source: " ", medium: "m")
        }
        #expect(throws: RuleViolation("R6", "utm_medium is required")) {
            try TrackingURL.build(pageURL: "https://x.com/", utmCampaign: "c", source: "s", medium: "")
        }
        #expect(throws: RuleViolation.self) {
            try TrackingURL.build(pageURL: "/just/a/path", utmCampaign: "c", source: "s", medium: "m")
        }
    }

    @Test("#14 R6 the page must be an http or https URL with a host")
    func pageIsHTTP() throws {
        for page in ["notaurl", "ftp://example.com/file", "mailto:ann@example.com", "https://", "https:///path", "//example.com/p",
                     "javascript:alert(1)", "https://exa mple.com/"] {
            #expect(throws: RuleViolation.self, "\(page)") {
                try TrackingURL.build(pageURL: page, utmCampaign: "c", source: "s", medium: "m")
            }
        }
        #expect(throws: RuleViolation("R6", "\"ftp://example.com/file\" is not a page URL: it must start with http:// or https://")) {
            try TrackingURL.build(pageURL: "ftp://example.com/file", utmCampaign: "c", source: "s", medium: "m")
        }
        #expect(try TrackingURL.build(pageURL: "HTTP://Example.com:8080/a", utmCampaign: "c", source: "s", medium: "m")
                == "HTTP://Example.com:8080/a?utm_source=s&utm_medium=m&utm_campaign=c")
    }
}

/// #17: the engine reads each distinct URL's page key and utm tags straight from its bytes
/// (`PageKey.withTags(ofURL:)`); that must give exactly what `URLParts` gives.
struct URLBytesTests {
    static func viaParts(_ url: String) -> (page: PageKey, tags: UtmTags) {
        let parts = URLParts(url)
        return (PageKey(parts: parts), UtmTags(parts: parts))
    }

    static func viaBytes(_ url: String) -> (page: PageKey, tags: UtmTags) {
        Array(url.utf8).withUnsafeBytes { PageKey.withTags(ofURL: $0) }
    }

    @Test("R4 R12 the page key and utm tags read from a URL's bytes are those of its parts, whatever the URL")
    func bytesMatchParts() {
        let fixed = [
            "", " ", "/", "//", "https://", "?", "#", "https://x.com", "https://WWW.Example.COM/Pricing/",
            "http://user:pw@www.x.com:8080/a//?utm_campaign=Spring#top", "//cdn.x.com/a", "/relative/path///",
            "https://[::1]:443/p?UTM_Source=News", "https://[::1/p", "x.com/p?utm_campaign=a&utm_campaign=b",
            "https://x.com/?utm%5FCAMPAIGN=caf%C3%A9+x&%55tm_medium=mail&utm+_x=4", "https://x.com/p?utm_campaign=%20spring+",
            " https://x.com/p?utm_campaign=padded ", "https://exämple.com/ü?utm_campaign=é", "\thttps://x.com/\n",
            "https://x.com/a?b#c?d", "https://a@b@c.com:1:2/p", "mailto:someone@x.com", "https://www./", "https://www.x.com",
            "https://x.com/p?&&utm_term=&utm_term=late", "https://x.com/p?utm_id=AbC&utm_content",
        ]
        for url in fixed {
            let (bytes, parts) = (Self.viaBytes(url), Self.viaParts(url))
            #expect(bytes.page == parts.page && bytes.tags == parts.tags, "\(url)")
        }
        // Random URLs from pieces that touch every branch, with and without what sends a URL the slow way.
        var rng = SystemRandomNumberGenerator()
        let schemes = ["", "https://", "HTTP://", "//", "/", "ftp:/"]
        let users = ["", "user@", "u:p@", "a@b@"]
        let hosts = ["x.com", "WWW.X.com", "www.", "[::1]", "[::1", "Exämple.org", "", "sub.www.y.io"]
        let ports = ["", ":80", ":", ":8:9"]
        let paths = ["", "/", "/a", "/A/b//", "//", "/ü", "/a?b"]
        let names = ["utm_campaign", "UTM_Source", "utm%5Fmedium", "utm+_x", "%C3%BCtm_y", "utm_id", "gclid", "utm", ""]
        let values = ["", "Spring", "a+b", "%20x%20", "caf%C3%A9", "%zz", "ü", "=x"]
        let edges = ["", " ", "\t", "\n"]
        for _ in 0..<2_000 {
            func any(_ list: [String]) -> String { list.randomElement(using: &rng)! }
            let query = (0..<Int.random(in: 0...4, using: &rng)).map { _ in any(names) + (Bool.random(using: &rng) ? "=" + any(values) : "") }
            var url = any(edges) + any(schemes) + any(users) + any(hosts) + any(ports) + any(paths)
            if !query.isEmpty || Bool.random(using: &rng) { url += "?" + query.joined(separator: any(["&", "&&"])) }
            if Bool.random(using: &rng) { url += "#" + any(["", "top", "a?utm_campaign=x"]) }
            url += any(edges)
            let (bytes, parts) = (Self.viaBytes(url), Self.viaParts(url))
            #expect(bytes.page == parts.page && bytes.tags == parts.tags, "\(url)")
        }
    }
}
