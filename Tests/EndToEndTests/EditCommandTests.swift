import Foundation
import Testing

/// The editing commands (`campaign create|rename|list`, `associate`, `dissociate`, `url`)
/// on the demo company's store. Every command is its own process, so whatever a later
/// command sees was read back from the file: the edits survive a restart.
@Suite("Editing commands")
struct EditCommandTests {
    /// Edits happen at this instant (the hidden `--now`), before the report's `--as-of`.
    static let editTime = "2026-11-01T00:00:00Z"

    @Test("R2 R3 campaign list shows every campaign with its utm value and aliases")
    func campaignList() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let table = try scratch.utmost("campaign", "list")
        #expect(table.status == 0, "\(table)")
        let expected: [(id: String, name: String, utm: String, aliases: [String])] = [
            ("c-always-on", "Always-on content", "always-on", []),
            ("c-nurture", "Trial onboarding nurture", "onboarding-nurture", []),
            ("c-spring", "Spring launch", "spring-launch", ["spring-promo"]),
            ("c-ads", "Google Ads – invoicing", "google-ads-invoicing", []),
            ("c-webinar", "Webinar: Cash flow for agencies", "webinar-cash-flow-for-agencies", []),
            ("c-partner", "Partner program", "partner-program", []),
            ("c-yearend", "Year-end invoicing push", "year-end-push", []),
            ("c-launch3", "Tallybird 3.0 launch", "tallybird-3", []),
        ]
        let lines = table.stdout.split(separator: "\n").map(String.init)
        for want in expected {
            let line = lines.first { $0.hasPrefix(want.id + " ") }
            #expect(line != nil, "the table has a row for \(want.id):\n\(table.stdout)")
            guard let line else { continue }
            #expect(line.contains(want.name) && line.contains(" \(want.utm) "), "\(line)")
            for alias in want.aliases { #expect(line.contains(alias), "\(want.id) shows its alias \(alias): \(line)") }
        }
        #expect(lines.count == expected.count + 1, "a header and one row per campaign:\n\(table.stdout)")

        let json = try scratch.campaigns()
        #expect(Set(json.keys) == Set(expected.map(\.id)))
        for want in expected {
            #expect(json[want.id]?["name"] as? String == want.name)
            #expect(json[want.id]?["utm_campaign"] as? String == want.utm)
            #expect(json[want.id]?["utm_aliases"] as? [String] == want.aliases)
        }
        #expect(json["c-always-on"]?["in_analytics"] as? Bool == false, "R17")
    }

    @Test("R1 creating or renaming to a taken name is refused, naming the campaign that holds it")
    func takenNames() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let before = try scratch.storeFiles()

        let create = try scratch.utmost("campaign", "create", "  spring LAUNCH ")
        #expect(create.status != 0)
        #expect(create.errorLines.count == 1, "one line, no stack trace: \(create)")
        #expect(create.stderr.contains("c-spring") && create.stderr.contains("Spring launch"), "names the holder: \(create.stderr)")
        #expect(create.stdout.isEmpty)

        let rename = try scratch.utmost("campaign", "rename", "c-ads", "PARTNER program")
        #expect(rename.status != 0)
        #expect(rename.errorLines.count == 1, "\(rename)")
        #expect(rename.stderr.contains("c-partner") && rename.stderr.contains("Partner program"), "names the holder: \(rename.stderr)")

        let empty = try scratch.utmost("campaign", "create", "   ")
        #expect(empty.status != 0 && empty.errorLines.count == 1, "a name is required: \(empty)")
        let long = try scratch.utmost("campaign", "create", String(repeating: "x", count: 257))
        #expect(long.status != 0 && long.errorLines.count == 1, "at most 256 characters: \(long)")
        #expect(long.stderr.contains("256"), "\(long.stderr)")

        #expect(try scratch.storeFiles() == before, "a refused edit changes nothing in the file")
        let ok = try scratch.utmost("campaign", "create", String(repeating: "y", count: 256), "--now", Self.editTime)
        #expect(ok.status == 0, "256 characters is allowed: \(ok)")
    }

    @Test("R2 a new campaign's value is its slug, suffixed when an alias or value already has it")
    func slugs() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let promo = try scratch.utmost("campaign", "create", "Spring Promo", "--now", Self.editTime)
        #expect(promo.status == 0, "the name is free (the alias is not a name): \(promo)")
        #expect(promo.stdout.contains("spring-promo-2"), "spring-promo is Spring launch's alias: \(promo.stdout)")
        let french = try scratch.utmost("campaign", "create", "Œuvre Été — Straße", "--now", Self.editTime)
        #expect(french.stdout.contains("utm_campaign oeuvre-ete-strasse"), "\(french)")
        let list = try scratch.campaigns()
        #expect(list.values.contains { $0["name"] as? String == "Spring Promo" && $0["utm_campaign"] as? String == "spring-promo-2" })
    }

    @Test("R3 rename keeps the old value as an alias; renaming back reuses it, across restarts")
    func renameAndBack() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let created = try scratch.utmost("campaign", "create", "Autumn sale", "--now", "2024-09-01T00:00:00Z")
        #expect(created.status == 0, "\(created)")
        let id = try #require(try scratch.campaigns().keys.first)

        let renamed = try scratch.utmost("campaign", "rename", id, "Winter sale", "--now", "2024-11-01T00:00:00Z")
        #expect(renamed.status == 0, "\(renamed)")
        var list = try scratch.campaigns()
        #expect(list[id]?["name"] as? String == "Winter sale")
        #expect(list[id]?["utm_campaign"] as? String == "winter-sale")
        #expect(list[id]?["utm_aliases"] as? [String] == ["autumn-sale"])

        let back = try scratch.utmost("campaign", "rename", "winter SALE", "Autumn sale", "--now", "2024-12-01T00:00:00Z")
        #expect(back.status == 0, "\(back)")
        list = try scratch.campaigns()
        #expect(list[id]?["utm_campaign"] as? String == "autumn-sale", "the earlier value is reused, not autumn-sale-2")
        #expect(list[id]?["utm_aliases"] as? [String] == ["winter-sale"])
        #expect(list.count == 1)
    }

    @Test("R3 renaming Spring launch back to Spring promo reuses spring-promo; its numbers do not move")
    func renameSampleCampaign() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let before = try scratch.report().metrics("c-spring")
        let r = try scratch.utmost("campaign", "rename", "c-spring", "Spring promo", "--now", Self.editTime)
        #expect(r.status == 0, "\(r)")
        let list = try scratch.campaigns()
        #expect(list["c-spring"]?["utm_campaign"] as? String == "spring-promo")
        #expect(list["c-spring"]?["utm_aliases"] as? [String] == ["spring-launch"])
        let after = try scratch.report()
        #expect(try after.metrics("c-spring") == before, "traffic tagged with either value still counts")
        #expect(!after.unlinked.contains { $0["key"] as? String == "spring-launch" }, "an alias is never unlinked")
    }

    @Test("R7 associate moves an asset: the report lists it under the new campaign only")
    func associateMoves() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let before = try scratch.report()
        let moved = try scratch.utmost("associate", "a-em-partner", "Google Ads – INVOICING", "--now", Self.editTime)
        #expect(moved.status == 0, "\(moved)")
        #expect(moved.stdout.contains("c-ads") && moved.stdout.contains("c-partner"), "names the campaign it left: \(moved.stdout)")

        let after = try scratch.report()
        #expect(after.campaignsListing("a-em-partner") == ["c-ads"])
        let asset = try after.asset("a-em-partner", in: "c-ads")
        #expect(asset["interactions"] as? Int == 0, "R8: nothing from before the move counts for c-ads")
        #expect(try after.metrics("c-ads") == before.metrics("c-ads"), "R8: c-ads gains nothing from the past")
        #expect(try after.metrics("c-partner") == before.metrics("c-partner"), "R8: what the email did stays with c-partner")

        let again = try scratch.utmost("associate", "a-em-partner", "c-ads", "--now", "2026-11-02T00:00:00Z")
        #expect(again.status != 0 && again.errorLines.count == 1, "already there: \(again)")
    }

    @Test("R7 a workflow can belong to several campaigns at once")
    func workflowJoins() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let r = try scratch.utmost("associate", "a-wf-onboarding", "c-spring", "--now", Self.editTime)
        #expect(r.status == 0, "\(r)")
        #expect(!r.stdout.contains("left"), "a workflow leaves nothing: \(r.stdout)")
        #expect(try scratch.report().campaignsListing("a-wf-onboarding") == ["c-launch3", "c-nurture", "c-spring"])
    }

    @Test("R7 R8 dissociate ends the association; the history stays")
    func dissociate() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let before = try scratch.report()
        let wrong = try scratch.utmost("dissociate", "a-wp-partners", "c-ads", "--now", Self.editTime)
        #expect(wrong.status != 0 && wrong.errorLines.count == 1, "not associated with c-ads: \(wrong)")
        let r = try scratch.utmost("dissociate", "a-wp-partners", "c-partner", "--now", Self.editTime)
        #expect(r.status == 0, "\(r)")
        let after = try scratch.report()
        #expect(after.campaignsListing("a-wp-partners") == [])
        #expect(try after.metrics("c-partner") == before.metrics("c-partner"), "visits while associated still count")
        let unknown = try scratch.utmost("associate", "a-nope", "c-ads")
        #expect(unknown.status != 0 && unknown.stderr.contains("a-nope"), "\(unknown)")
    }

    @Test("R6 url tags the page with the current value, keeps its query and fragment, and becomes a tracking_url asset")
    func trackingURL() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let r = try scratch.utmost("url", "Spring launch", "https://www.tallybird.com/pricing?plan=studio&UTM_SOURCE=old#faq",
                                   "--source", "news letter", "--medium", "email", "--term", "a&b", "--content", "x/y",
                                   "--now", Self.editTime)
        #expect(r.status == 0, "\(r)")
        let url = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!url.contains("\n"), "one line: \(r.stdout)")
        let parts = try #require(URLComponents(string: url), "a valid URL: \(url)")
        #expect(parts.host == "www.tallybird.com" && parts.path == "/pricing")
        #expect(parts.fragment == "faq", "the fragment is kept: \(url)")
        let items = parts.queryItems ?? []
        func value(_ name: String) -> [String] { items.filter { $0.name.lowercased() == name }.compactMap(\.value) }
        #expect(value("plan") == ["studio"], "the page's own parameter is kept: \(url)")
        #expect(value("utm_source") == ["news letter"], "the old utm_source is replaced, once: \(url)")
        #expect(value("utm_medium") == ["email"])
        #expect(value("utm_campaign") == ["spring-launch"], "the current value, not the alias")
        #expect(value("utm_term") == ["a&b"] && value("utm_content") == ["x/y"], "values percent-encoded: \(url)")
        #expect(!url.contains(" "), "a space is encoded: \(url)")

        let report = try scratch.report()
        let added = (try report.campaign("c-spring")["assets"] as? [[String: Any]] ?? [])
            .filter { $0["type"] as? String == "tracking_url" }
        #expect(added.count == 1, "the URL is a tracking_url asset of the campaign")
        #expect(added.first?["hidden_reason"] as? String == "not_visited", "R9: never visited yet")

        let missing = try scratch.utmost("url", "c-spring", "https://www.tallybird.com/", "--source", "s")
        #expect(missing.status != 0 && missing.stderr.contains("--medium"), "utm_medium is required: \(missing)")
        let nobody = try scratch.utmost("url", "c-nope", "https://www.tallybird.com/", "--source", "s", "--medium", "m")
        #expect(nobody.status != 0 && nobody.stderr.contains("c-nope"), "\(nobody)")
    }

    @Test("R2 R3 R6 create, rename and url on an empty store, with a fixed clock")
    func editsThroughCommands() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try scratch.utmost("campaign", "create", "Été Sale", "--now", "2024-01-01T00:00:00Z").stdout
            == "created campaign c1 \"Été Sale\" with utm_campaign ete-sale\n")
        #expect(try scratch.utmost("campaign", "rename", "été sale", "Winter", "--now", "2024-02-01T00:00:00Z").status == 0)
        #expect(try scratch.utmost("url", "c1", "https://example.com/?a=1", "--source", "x", "--medium", "y").stdout
            == "https://example.com/?a=1&utm_source=x&utm_medium=y&utm_campaign=winter\n")
        let list = try scratch.campaigns()
        #expect(list["c1"]?["utm_aliases"] as? [String] == ["ete-sale"])
        #expect(list["c1"]?["created_at"] as? String == "2024-01-01T00:00:00Z")
    }
}
