import Testing
@testable import CampaignKit

private let t0 = Instant(iso8601: "2024-01-01T00:00:00Z")!

private func campaign(_ id: String, _ name: String, utm: String, aliases: [String] = []) -> Campaign {
    Campaign(id: id, name: name, createdAt: t0, utm: UtmValue(value: utm, attachedAt: t0),
             aliases: aliases.map { UtmValue(value: $0, attachedAt: t0) })
}

struct NameRulesTests {
    @Test("R1 a name with control characters is refused (an escape sequence would drive the terminal)")
    func controlCharacters() {
        for raw in ["\u{1B}]0;pwned\u{07}", "Spring\u{0}launch", "Tab\u{7F}"] {
            #expect(throws: RuleViolation.self) { try CampaignName.validated(raw) }
        }
        #expect((try? CampaignName.validated("Café – été 2024")) == "Café – été 2024")
    }

    @Test("R1 names are trimmed")
    func trimmed() throws {
        #expect(try CampaignName.validated("  Spring launch \n") == "Spring launch")
    }

    @Test("R1 a name is required: empty and blank names are refused")
    func required() {
        for raw in ["", "   ", "\t\n"] {
            #expect(throws: RuleViolation("R1", "a campaign name is required")) { try CampaignName.validated(raw) }
        }
    }

    @Test("R1 at most 256 characters, counted after trimming")
    func length() throws {
        let longest = String(repeating: "é", count: 256)
        #expect(try CampaignName.validated("  " + longest + "  ") == longest)
        #expect(throws: RuleViolation.self) { try CampaignName.validated(longest + "x") }
    }

    @Test("R1 a name taken ignoring case is refused, naming the campaign holding it")
    func uniqueIgnoringCase() {
        let index = CampaignNameIndex([campaign("c1", "Spring Launch", utm: "spring-launch")])
        do {
            _ = try index.check(" spring LAUNCH ", for: "c2")
            Issue.record("expected a refusal")
        } catch let error as RuleViolation {
            #expect(error.rule == "R1")
            #expect(error.message.contains("c1"))
            #expect(error.message.contains("\"Spring Launch\""))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("R1 a campaign may keep its own name in another case")
    func ownName() throws {
        let index = CampaignNameIndex([campaign("c1", "Spring Launch", utm: "spring-launch")])
        #expect(try index.check("SPRING launch", for: "c1") == "SPRING launch")
    }

    @Test("R1 registering a new name frees the old one")
    func register() throws {
        var index = CampaignNameIndex([campaign("c1", "Old", utm: "old")])
        index.register("New", for: "c1")
        #expect(try index.check("old", for: "c2") == "old")
        #expect(index.holder(of: "NEW")?.id == "c1")
    }
}

struct SlugTests {
    @Test("R2 the SPEC's fold table, capitals alike", arguments: [
        ("æ Æ", "ae-ae"), ("œ Œ", "oe-oe"), ("ø Ø", "o-o"), ("ł Ł", "l-l"), ("đ Đ ð Ð", "d-d-d-d"),
        ("þ Þ", "th-th"), ("ß", "ss"), ("ı", "i"),
    ])
    func foldTable(name: String, slug: String) {
        #expect(Slug.make(name) == slug)
    }

    @Test("R2 NFKD drops combining marks and maps compatibility forms")
    func nfkd() {
        #expect(Slug.make("Crème Brûlée") == "creme-brulee")
        #expect(Slug.make("Łódź Straße") == "lodz-strasse")
        #expect(Slug.make("ＡＢＣ ﬁne ²") == "abc-fine-2")
        #expect(Slug.make("İstanbul") == "istanbul")
    }

    @Test("R2 slug folds æ to ae and collapses punctuation")
    func collapse() {
        #expect(Slug.make("Æble -- Spring!! 2024") == "aeble-spring-2024")
        #expect(Slug.make("  --Hello,   World--  ") == "hello-world")
        #expect(Slug.make("a_b.c/d") == "a-b-c-d")
    }

    @Test("R2 collisions with other campaigns' keys get -2, -3: the first free one")
    func suffix() {
        #expect(Slug.utmValue(forName: "Spring", campaignID: "c9", taken: []) == "spring")
        #expect(Slug.utmValue(forName: "Spring", campaignID: "c9", taken: ["spring"]) == "spring-2")
        #expect(Slug.utmValue(forName: "Spring", campaignID: "c9", taken: ["spring", "spring-2", "spring-4"]) == "spring-3")
    }

    @Test("R2 an empty slug becomes campaign-<id>, with the same suffix rule")
    func emptySlug() {
        #expect(Slug.make("日本語 !!!") == "")
        #expect(Slug.utmValue(forName: "日本語", campaignID: "c7", taken: []) == "campaign-c7")
        #expect(Slug.utmValue(forName: "!!!", campaignID: "c7", taken: ["campaign-c7"]) == "campaign-c7-2")
    }
}

struct RenameTests {
    let now = Instant(iso8601: "2024-06-01T12:00:00Z")!

    @Test("R3 rename mints a value from the new name and keeps the old one as an alias")
    func rename() throws {
        let c = campaign("c1", "Spring", utm: "spring")
        let plan = try RenamePlan.plan(campaign: c, newName: " Summer Sale ", names: CampaignNameIndex([c]),
                                       history: [CampaignNameUse(name: "Spring", utmValue: "spring")],
                                       takenKeys: [], now: now)
        #expect(plan.name == "Summer Sale")
        #expect(plan.utm == UtmValue(value: "summer-sale", attachedAt: now))
        #expect(plan.attachesNewValue)
        #expect(plan.keptAlias == UtmValue(value: "spring", attachedAt: t0))
    }

    @Test("R3 the new value follows R2: other campaigns' keys are taken")
    func renameCollision() throws {
        let c = campaign("c1", "Spring", utm: "spring")
        let other = campaign("c2", "Summer", utm: "summer-2024", aliases: ["summer"])
        let plan = try RenamePlan.plan(campaign: c, newName: "summer!", names: CampaignNameIndex([c, other]),
                                       history: [], takenKeys: ["summer-2024", "summer"], now: now)
        #expect(plan.utm.value == "summer-2")
    }

    @Test("R3 renaming back to an earlier name reuses its value")
    func renameBack() throws {
        var c = campaign("c1", "Summer", utm: "summer-sale", aliases: ["spring-24"])
        c.utm.attachedAt = now.adding(seconds: -60)
        let history = [CampaignNameUse(name: "Spring", utmValue: "spring-24"),
                       CampaignNameUse(name: "Summer", utmValue: "summer-sale")]
        let plan = try RenamePlan.plan(campaign: c, newName: "SPRING", names: CampaignNameIndex([c]),
                                       history: history, takenKeys: [], now: now)
        #expect(plan.utm == UtmValue(value: "spring-24", attachedAt: t0))
        #expect(!plan.attachesNewValue)
        #expect(plan.keptAlias?.value == "summer-sale")
    }

    @Test("R3 a case-only rename keeps the current value")
    func caseOnly() throws {
        let c = campaign("c1", "spring", utm: "spring")
        let plan = try RenamePlan.plan(campaign: c, newName: "Spring", names: CampaignNameIndex([c]),
                                       history: [], takenKeys: [], now: now)
        #expect(plan.utm.value == "spring")
        #expect(plan.keptAlias == nil)
    }

    @Test("R3 renaming to the same name or to a taken one is refused")
    func refused() {
        let c = campaign("c1", "Spring", utm: "spring")
        let other = campaign("c2", "Summer", utm: "summer")
        let names = CampaignNameIndex([c, other])
        #expect(throws: RuleViolation.self) {
            try RenamePlan.plan(campaign: c, newName: "Spring", names: names, history: [], takenKeys: [], now: now)
        }
        do {
            _ = try RenamePlan.plan(campaign: c, newName: "summer", names: names, history: [], takenKeys: [], now: now)
            Issue.record("expected a refusal")
        } catch let error as RuleViolation {
            #expect(error.rule == "R1")
            #expect(error.message.contains("c2"))
        } catch { Issue.record("unexpected \(error)") }
    }
}
