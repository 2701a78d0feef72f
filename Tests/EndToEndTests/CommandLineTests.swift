import Foundation
import Testing

/// The command line as a script meets it: refused imports, where the store is,
/// errors, output widths and `explain`.
@Suite("Command line")
struct CommandLineTests {
    // MARK: - Bad input (SPEC §7)

    /// A copy of `more-events/events.csv` with line `line` (1-based, the header is line 1)
    /// changed by `edit`, in a fresh folder.
    func brokenEvents(line: Int, _ edit: (String) -> String) throws -> URL {
        let folder = try CLI.temporaryFolder(prefix: "utmost-bad")
        var lines = try String(contentsOf: CLI.moreEvents.appendingPathComponent("events.csv"), encoding: .utf8)
            .components(separatedBy: "\n")
        lines[line - 1] = edit(lines[line - 1])
        try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("events.csv"), atomically: false, encoding: .utf8)
        return folder
    }

    @Test("§7 a malformed instant: non-zero exit, file:line:column on stderr, the store's bytes unchanged")
    func malformedInstant() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let bad = try brokenEvents(line: 200) { line in
            let comma = line.firstIndex(of: ",")!
            return "2025-01-32T25:61:00Z" + line[comma...]
        }
        defer { try? FileManager.default.removeItem(at: bad) }
        let before = try scratch.storeFiles()
        let run = try scratch.utmost("import", bad.path)
        #expect(run.status != 0)
        #expect(run.errorLines.count == 1, "one line: \(run)")
        #expect(run.stderr.hasPrefix("utmost: events.csv:200:1"), "file:line:column of the bad cell: \(run.stderr)")
        #expect(run.stderr.contains("2025-01-32T25:61:00Z"), "quotes the bad value: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(try scratch.storeFiles() == before, "the store's files, byte for byte")
        #expect(try scratch.report().metrics("c-ads") == SampleDataTests.expected["c-ads"], "and the numbers")
    }

    @Test("§7 an event naming an unknown asset is refused at its line; a later good import still works")
    func unknownAsset() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        // Line 2 is a page view; make it an ad click on an asset that does not exist.
        let bad = try brokenEvents(line: 31) { line in
            var cells = line.components(separatedBy: ",")
            cells[1] = "ad_click"
            cells[7] = "a-no-such-ad"
            return cells.joined(separator: ",")
        }
        defer { try? FileManager.default.removeItem(at: bad) }
        let before = try scratch.storeFiles()
        let run = try scratch.utmost("import", bad.path)
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("utmost: events.csv:31:"), "\(run.stderr)")
        #expect(run.stderr.contains("a-no-such-ad"), "\(run.stderr)")
        #expect(try scratch.storeFiles() == before)
        #expect(try scratch.utmost("import", CLI.moreEvents.path).status == 0, "the store is still usable")
    }

    @Test("§7 a refused import into a new store creates no store")
    func refusedImportCreatesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let data = scratch.folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("id,amount,stage,created_at\nd1,5,won,2024-01-01T00:00:00Z\n".utf8).write(to: data.appendingPathComponent("deals.csv"))
        let run = try scratch.utmost("import", data.path)
        #expect(run.status != 0)
        #expect(run.stderr == "utmost: deals.csv:2:3 (stage): unknown stage \"won\"; expected open, closed_won or closed_lost\n")
        #expect(try scratch.storeFiles().isEmpty, "no store file left behind")
    }

    @Test("§7 importing the sample twice is refused (duplicate ids) and changes nothing")
    func duplicateImport() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let before = try scratch.storeFiles()
        let run = try scratch.utmost("import", CLI.sampleData.path)
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("utmost: campaigns.csv:2:"), "\(run.stderr)")
        #expect(try scratch.storeFiles() == before)
    }

    @Test("R20 an unknown Salesforce member is a warning naming file and line, not an error; the summary counts the skipped rows")
    func unknownMemberWarns() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let data = scratch.folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("id,email,created_at\nk1,ann@example.com,2024-01-01T00:00:00Z\n".utf8).write(to: data.appendingPathComponent("contacts.csv"))
        try Data("salesforce_campaign_id,contact_id\n701A,lead-9\n701A,k1\n".utf8)
            .write(to: data.appendingPathComponent("salesforce_members.csv"))
        let run = try scratch.utmost("import", data.path)
        #expect(run.status == 0, "\(run)")
        #expect(run.errorLines == ["utmost: warning: salesforce_members.csv:2:2 (contact_id): no contact with id \"lead-9\" in contacts.csv or the store; the row is skipped"], "\(run)")
        #expect(run.stdout.contains("1 contact, 1 Salesforce membership, 1 skipped Salesforce member"), "\(run)")

        let file = scratch.folder.appendingPathComponent("members.csv")
        try Data("CampaignId,Email\n701B,ANN@example.com\n701B,nobody@example.com\n701B,nobody2@example.com\n".utf8).write(to: file)
        let sf = try scratch.utmost("salesforce", "import", file.path)
        #expect(sf.status == 0, "\(sf)")
        #expect(sf.errorLines.count == 2 && sf.errorLines.allSatisfy { $0.hasPrefix("utmost: warning: \(file.path):") }, "\(sf)")
        #expect(sf.stderr.contains(":3:2 (Email): no contact with email \"nobody@example.com\" in the store; the row is skipped"), "\(sf)")
        #expect(sf.stdout.contains("1 new membership, 0 statuses updated, 0 unchanged, 2 skipped (no such contact)"), "\(sf)")
    }

    // MARK: - Where the store is (§8)

    @Test("§8 --db wins over UTMOST_DB; UTMOST_DB alone picks the store")
    func dbOptionAndEnvironment() throws {
        let sample = try Scratch.sample()
        let other = try Scratch()
        defer { sample.remove(); other.remove() }

        let viaEnvironment = try CLI.run(["campaign", "list", "--format", "json"], environment: ["UTMOST_DB": sample.db])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment)")
        #expect(viaEnvironment.stdout.contains("c-spring"), "UTMOST_DB names the sample store")

        let optionWins = try CLI.run(["campaign", "list", "--format", "json", "--db", sample.db], environment: ["UTMOST_DB": other.db])
        #expect(optionWins.stdout.contains("c-spring"), "--db is read, not UTMOST_DB")
        #expect(try other.storeFiles().isEmpty, "the UTMOST_DB store was not touched")

        let create = try CLI.run(["campaign", "create", "Only in other", "--now", "2024-01-01T00:00:00Z"],
                                 environment: ["UTMOST_DB": other.db])
        #expect(create.status == 0, "\(create)")
        #expect(try other.campaigns().values.contains { $0["name"] as? String == "Only in other" })
        #expect(!(try sample.campaigns().values.contains { $0["name"] as? String == "Only in other" }))
    }

    @Test("§8 without --db or UTMOST_DB the store is $XDG_DATA_HOME/utmost/utmost.sqlite, else ~/.local/share")
    func defaultStore() throws {
        let home = try Scratch()
        defer { home.remove() }
        let xdg = home.folder.appendingPathComponent("xdg")
        let withXDG = try CLI.run(["import", CLI.sampleData.path],
                                  environment: ["XDG_DATA_HOME": xdg.path, "HOME": home.folder.path])
        #expect(withXDG.status == 0, "\(withXDG)")
        #expect(FileManager.default.fileExists(atPath: xdg.appendingPathComponent("utmost/utmost.sqlite").path))

        let withHome = try CLI.run(["campaign", "create", "Home run", "--now", "2024-01-01T00:00:00Z"],
                                   environment: ["HOME": home.folder.path])
        #expect(withHome.status == 0, "\(withHome)")
        #expect(FileManager.default.fileExists(atPath: home.folder.appendingPathComponent(".local/share/utmost/utmost.sqlite").path))
    }

    // MARK: - Errors

    /// A usage error: non-zero, nothing on stdout, and a first line `utmost: ...` that
    /// names what was wrong; whatever follows is usage help, not a trace.
    func expectUsageError(_ arguments: [String], naming word: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let run = try CLI.run(arguments + ["--db", scratch.db])
        #expect(run.status != 0, "\(arguments): \(run)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "\(arguments): nothing on stdout: \(run.stdout)", sourceLocation: sourceLocation)
        let first = run.errorLines.first ?? ""
        #expect(first.hasPrefix("utmost: ") && first.contains(word),
                "\(arguments): the first line names \(word): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.errorLines.filter { $0.hasPrefix("utmost:") || $0.contains("Error") }.count == 1,
                "\(arguments): one error line: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("Fatal") && !run.stderr.contains("Stack"), sourceLocation: sourceLocation)
        #expect(run.errorLines.count <= 4, "\(arguments): short: \(run.stderr)", sourceLocation: sourceLocation)
    }

    @Test("§8 an unknown subcommand is one clear error naming it")
    func unknownSubcommand() throws {
        try expectUsageError(["frobnicate"], naming: "frobnicate")
    }

    @Test("§8 an unknown option is one clear error naming it")
    func unknownOption() throws {
        try expectUsageError(["report", "--bogus"], naming: "--bogus")
        try expectUsageError(["report", "--format", "xml"], naming: "xml")
    }

    @Test("§8 an unknown subcommand of a command group is named, not an option after it")
    func unknownNestedSubcommand() throws {
        try expectUsageError(["campaign", "lst"], naming: "lst")
        try expectUsageError(["explain", "thing", "x"], naming: "thing")
    }

    @Test("§8 malformed option values are refused in one line")
    func malformedValues() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        for (arguments, word) in [(["report", "--as-of", "yesterday"], "yesterday"), (["report", "--tz", "Mars/Olympus"], "Mars/Olympus"),
                                  (["report", "--from", "2024-02-30"], "2024-02-30"), (["explain", "asset", "a-nope"], "a-nope"),
                                  (["explain", "deal", "d-nope"], "d-nope"), (["explain", "contact", "k-nope"], "k-nope")] {
            let run = try CLI.run(arguments + ["--db", scratch.db])
            #expect(run.status != 0, "\(arguments)")
            #expect(run.errorLines.count == 1 && run.stderr.contains(word), "\(arguments): \(run.stderr)")
        }
    }

    @Test("§8 the dashboard without a terminal says so in one line and exits non-zero")
    func dashboardWithoutTerminal() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let run = try CLI.run(["--db", scratch.db], timeout: 30)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty, "no escape sequences on a pipe: \(run.stdout.prefix(200))")
        #expect(run.errorLines.count == 1 && run.stderr.contains("terminal"), "\(run.stderr)")
    }

    // MARK: - Output widths

    /// At a terminal the table fits its width (`CommandLineDayTests.fitTerminal`).
    @Test("§8 #14 report --format table in a pipe has every section, and no line is cut")
    func tableInPipe() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let run = try scratch.utmost("report", "--as-of", CLI.asOf)
        #expect(run.status == 0)
        #expect(!run.stdout.contains("…"), "\(run.stdout)")
        for name in ["Google Ads – invoicing", "Webinar: Cash flow for agencies", "Unlinked", "Attribution"] {
            #expect(run.stdout.contains(name), "\(name)")
        }
    }

    /// CSV is for programs: its header names every metric in full (159 characters), so
    /// it is checked for shape rather than width.
    @Test("§8 report --format csv is RFC 4180 with one row per campaign")
    func csvShape() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let run = try scratch.utmost("report", "--format", "csv", "--as-of", CLI.asOf)
        #expect(run.status == 0)
        let rows = CSVText.parse(run.stdout)
        #expect(rows.count == 9, "a header and eight campaigns")
        #expect(Set(rows.map(\.count)).count == 1, "every row has the header's cell count")
        #expect(rows.first(where: { $0.first == "c-ads" })?.contains("Google Ads – invoicing") == true, "UTF-8 kept")
        #expect(rows.first(where: { $0.first == "c-spring" })?.contains("spring-promo") == true, "aliases")
    }

    // MARK: - explain (R19)

    func explain(_ arguments: String..., in scratch: Scratch) throws -> String {
        let run = try CLI.run(["explain"] + arguments + ["--as-of", CLI.asOf, "--db", scratch.db])
        guard run.status == 0 else { throw Failure("explain \(arguments) failed: \(run)") }
        return run.stdout
    }

    @Test("R19 R9 explain asset names the hidden reason and the rule")
    func explainAsset() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let podcast = try explain("asset", "a-tu-podcast", in: scratch)
        #expect(podcast.contains("R9") && podcast.contains("Partner program"), "\(podcast)")
        let recap = try explain("asset", "a-blog-webinar-recap", in: scratch)
        #expect(recap.contains("R9") && recap.contains("2023-06-30"), "outside the dates: \(recap)")
        let birthday = try explain("asset", "a-soc-birthday", in: scratch)
        #expect(birthday.contains("R9") && birthday.contains("2030"), "scheduled for 2030: \(birthday)")
        let ad = try explain("asset", "a-ppc-invoicing", in: scratch)
        #expect(ad.contains("R8"), "the test week's clicks did not count: \(ad)")
    }

    @Test("R19 R14 R18 explain deal says why d039 and d040 count nowhere, and shows d002's touches")
    func explainDeal() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let d039 = try explain("deal", "d039", in: scratch)
        #expect(d039.contains("R14") && d039.contains("after the close"), "\(d039)")
        #expect(d039.contains("R18") && d039.contains("unattributed"), "\(d039)")
        let d040 = try explain("deal", "d040", in: scratch)
        #expect(d040.contains("R14") && !d040.contains("Counted for"), "\(d040)")
        let d002 = try explain("deal", "d002", in: scratch)
        #expect(d002.contains("R18") && d002.contains("c-nurture"), "\(d002)")
        let only = try explain("deal", "d002", "--campaign", "c-nurture", in: scratch)
        #expect(!only.contains("c-ads"), "--campaign limits the answer: \(only)")
    }

    @Test("R19 R15 R16 R11 explain contact gives first and last touch with the rule")
    func explainContact() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let k1 = try explain("contact", "k0001", in: scratch)
        #expect(k1.contains("R15") && k1.contains("R16"), "\(k1)")
        #expect(k1.contains("First touch") && k1.contains("Last touch"), "\(k1)")
        #expect(k1.contains("R11"), "its cookies' history is its own: \(k1)")
    }

    @Test("R19 R12 R5 R8 explain url: unlinked value, page rule, and too early")
    func explainURL() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let podcast = try explain("url", "https://www.tallybird.com/partners?UTM_Source=podcast&UTM_Medium=audio&UTM_Campaign=partner_program&utm_content=ep42", in: scratch)
        #expect(podcast.contains("R5") && podcast.contains("unlinked"), "\(podcast)")
        #expect(podcast.contains("R12") && podcast.contains("c-partner"), "counted through the page: \(podcast)")
        let early = try explain("url", "https://www.tallybird.com/?utm_source=preview&utm_medium=test&utm_campaign=spring-launch", in: scratch)
        #expect(early.contains("R8") && early.contains("no campaign"), "tested before the rename: \(early)")
        let at = try explain("url", "https://www.tallybird.com/lp/invoicing-software?utm_campaign=google-ads-invoicing",
                             "--at", "2024-06-01T12:00:00Z", in: scratch)
        #expect(at.contains("R12") && at.contains("c-ads"), "\(at)")
    }

    @Test("R19 R8 R12 R14 explain campaign counts page views per rule")
    func explainCampaign() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let partner = try explain("campaign", "c-partner", in: scratch)
        for rule in ["R8", "R12", "R13", "R14"] { #expect(partner.contains(rule), "\(rule): \(partner)") }
        #expect(partner.contains("partner-program"))
    }
}
