import Foundation
import Testing
import TmuxHarness
#if canImport(Glibc)
import Glibc
#endif

/// The dashboard, run for real in tmux (issue 4's end-to-end list). Each test has its
/// own session and store, polls the screen with a deadline instead of sleeping, and
/// closes its session at the end. The suite runs one test at a time: each one starts
/// a full-screen program, and a 2-core machine is better off not drawing eight at once.
@Suite("Dashboard in tmux", .serialized, .timeLimit(.minutes(2)))
struct DashboardTmuxTests {
    /// What the campaigns pane shows at 120 columns (long names are cut with "…").
    static let campaignPrefixes = ["Always-o", "Google Ads", "Partner program", "Spring launch", "Tallybird 3.0",
                                   "Trial onboardin", "Webinar: Cash", "Year-end invoic"]

    /// A fresh store path (the file does not exist yet) in its own folder.
    func freshStore() throws -> Scratch { try Scratch() }

    /// Starts the dashboard on `store` and waits for the campaigns to show.
    func start(_ label: String, store: Scratch?, width: Int = 120, height: Int = 35,
               arguments: [String] = [], environment: [String: String] = [:], unset: [String] = [],
               ready: [String] = ["Campaigns 8"]) throws -> TmuxSession {
        let tmux = try TmuxSession(utmost: (store.map { ["--db", $0.db] } ?? []) + arguments, label: label, width: width, height: height,
                            environment: environment, unset: unset)
        do {
            // A first run imports the demo data before it draws: allow for a slow machine.
            try tmux.waitFor("the campaigns (\(ready))", timeout: 30) { screen in ready.allSatisfy { screen.contains($0) } }
        } catch {
            tmux.close()
            throw error
        }
        return tmux
    }

    /// Quits with `q` and checks the exit and the terminal left behind.
    func quit(_ tmux: TmuxSession, alternateScreen: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try tmux.send("q")
        let status = try tmux.waitForExit()
        #expect(status == 0, "q exits with status 0", sourceLocation: sourceLocation)
        try expectSaneTerminal(tmux, alternateScreen: alternateScreen, sourceLocation: sourceLocation)
    }

    /// After utmost exits: the terminal is back in cooked mode with echo (stty), the
    /// dashboard is gone from the screen (the alternate screen was left, on terminals
    /// that have one: a vt100 does not), and text typed at the shell shows as it is
    /// typed and is read as a line.
    func expectSaneTerminal(_ tmux: TmuxSession, alternateScreen: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let modes = try tmux.modesAfterExit()
        for mode in ["icanon", "echo", "isig", "icrnl", "opost", "onlcr"] {
            #expect(modes.contains(mode) && !modes.contains("-" + mode), "stty after exit has \(mode): \(modes.sorted())",
                    sourceLocation: sourceLocation)
        }
        if alternateScreen {
            let after = try tmux.screen()
            #expect(!after.contains("Campaigns 8") && !after.contains("refreshed"),
                    "the dashboard is gone after exit:\n\(after)", sourceLocation: sourceLocation)
        }
        let word = "typed-\(UInt32.random(in: 1000...9999))"
        try tmux.type(word)
        try tmux.waitFor("typed text to echo", timeout: 10, allowExit: true) { $0.contains(TmuxSession.afterExitPrompt + word) }
        try tmux.send("Enter")
        try tmux.waitFor("the shell to read the line", timeout: 10, allowExit: true) { $0.contains("got:[\(word)]") }
    }

    // MARK: - First run

    @Test("§8 a first run on a missing store fills it with the demo data and shows the sample campaigns")
    func firstRun() throws {
        let store = try freshStore()
        defer { store.remove() }
        #expect(!FileManager.default.fileExists(atPath: store.db))
        let tmux = try start("first-run", store: store)
        defer { tmux.close() }
        let full = try tmux.waitFor("every sample campaign and Always-on's numbers") { screen in
            Self.campaignPrefixes.allSatisfy { screen.contains($0) }
                && screen.contains("Metrics · Always-on content") && screen.contains("35,918.40")
        }
        #expect(full.contains("┌") && full.contains("│"), "UTF-8 box drawing under LANG=C.UTF-8")
        #expect(full.contains("Unlinked utm (6)"), "the six unlinked values of the README")
        try quit(tmux)
        #expect(try store.campaigns().count == 8, "the store file holds the demo company")
    }

    // MARK: - Edits

    /// Filters the campaigns pane down to one campaign and waits for its panes.
    func select(_ campaign: String, filter: String, in tmux: TmuxSession) throws {
        try tmux.send("/")
        try tmux.type(filter)
        try tmux.send("Enter")
        try tmux.waitFor("Assets · \(campaign)", "Metrics · \(campaign)")
    }

    @Test("R7 moving an asset with the dashboard keys shows in utmost report")
    func moveAsset() throws {
        let store = try freshStore()
        defer { store.remove() }
        let tmux = try start("move", store: store)
        defer { tmux.close() }
        try select("Partner program", filter: "Partner", in: tmux)
        try tmux.send("a")
        try tmux.waitFor("Associate an asset with Partner program")
        try tmux.type("Free invoice templates")
        try tmux.waitFor("the picker showing the templates page in the 3.0 launch") { screen in
            screen.split(separator: "\n").contains { $0.contains("Free invoice templates") && $0.contains("Tallybird 3.0 launch") }
        }
        try tmux.send("Enter")
        let confirm = try tmux.waitForSettled("Move “Free invoice templates”")
        #expect(confirm.contains("from Tallybird 3.0 launch to Partner program"), "the confirmation names the campaign it leaves:\n\(confirm)")
        #expect(confirm.contains("R7"))
        try tmux.send("y")
        try tmux.waitFor("the page in Partner program's assets") { screen in
            screen.contains("Moved") && screen.split(separator: "\n").contains { $0.contains("Free invoice templates") }
        }
        try quit(tmux)

        // A new process, reading the file: the move is there, at the clock's now.
        let report = try CLI.run(["report", "--format", "json", "--db", store.db])
        #expect(report.status == 0, "\(report)")
        let json = try ReportJSON(report.stdout)
        #expect(json.campaignsListing("a-lp-templates") == ["c-partner"], "listed under the new campaign only")
        #expect(json.campaignsListing("a-form-templates") == ["c-launch3"], "its form did not move")
    }

    @Test("R3 renaming with r shows the new utm value and the old one kept as an alias")
    func rename() throws {
        let store = try freshStore()
        defer { store.remove() }
        let tmux = try start("rename", store: store)
        defer { tmux.close() }
        try select("Partner program", filter: "Partner", in: tmux)
        try tmux.send("r")
        try tmux.waitFor("Rename Partner program")
        try tmux.send("C-u")
        try tmux.type("Partners")
        let preview = try tmux.waitForSettled("partners (new", "kept as alias partner-program")
        #expect(preview.contains("R2"), "\(preview)")
        try tmux.send("Enter")
        try tmux.waitFor("the renamed campaign in the list") { screen in
            screen.split(separator: "\n").contains { $0.contains("Partners ") && $0.contains(" partners ") }
                && screen.contains("Metrics · Partners")
        }
        try quit(tmux)
        let list = try store.campaigns()
        #expect(list["c-partner"]?["name"] as? String == "Partners")
        #expect(list["c-partner"]?["utm_campaign"] as? String == "partners")
        #expect(list["c-partner"]?["utm_aliases"] as? [String] == ["partner-program"])
    }

    @Test("R7 u undoes a move made with the keys: utmost report finds the asset back in its campaign")
    func undoMove() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("undo", store: store)
        defer { tmux.close() }
        try select("Google Ads – invoicing", filter: "google", in: tmux)
        try tmux.send("a")
        try tmux.waitFor("Associate an asset with Google Ads")
        try tmux.type("Become a Tallybird")
        try tmux.waitFor("Become a Tallybird partner", "in Partner program")
        try tmux.send("Enter")
        try tmux.waitFor("from Partner program to Google Ads – invoicing?")
        try tmux.send("Enter")
        try tmux.waitFor("Moved “Become a Tallybird partner”")
        let moved = try ReportJSON(try CLI.run(["report", "--format", "json", "--db", store.db]).stdout)
        #expect(moved.campaignsListing("a-em-partner") == ["c-ads"], "the CLI sees the move while the dashboard runs")
        try tmux.send("u")
        try tmux.waitFor("Undone")
        try quit(tmux)
        let report = try ReportJSON(try CLI.run(["report", "--format", "json", "--db", store.db]).stdout)
        #expect(report.campaignsListing("a-em-partner") == ["c-partner"], "back in Partner program only")
    }

    @Test("R7 R8 d dissociates the asset under the cursor after a confirmation; history still counts")
    func dissociateWithKeys() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let before = try ReportJSON(try CLI.run(["report", "--format", "json", "--db", store.db]).stdout)
        let tmux = try start("dissociate", store: store)
        defer { tmux.close() }
        try select("Google Ads – invoicing", filter: "google", in: tmux)
        try tmux.send("Tab")
        try tmux.send("g")
        try tmux.send("d")
        let confirm = try tmux.waitForSettled("Dissociate asset", "Invoicing software for agencies")
        #expect(confirm.contains("R8"), "\(confirm)")
        try tmux.send("y")
        try tmux.waitFor("Removed “Invoicing software for agencies”")
        try quit(tmux)
        let after = try ReportJSON(try CLI.run(["report", "--format", "json", "--db", store.db]).stdout)
        #expect(after.campaignsListing("a-lp-ads") == [])
        #expect(try after.metrics("c-ads") == before.metrics("c-ads"), "what the page did until now still counts (R8)")
    }

    @Test("R1 R2 n creates a campaign; a taken name is refused in the popup, naming the holder")
    func newCampaign() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("new", store: store)
        defer { tmux.close() }
        try tmux.send("n")
        try tmux.waitFor("New campaign")
        try tmux.type("SPRING launch")
        try tmux.waitFor("c-spring", "Spring launch” (R1)")
        try tmux.send("Enter")
        // Enter is refused: keys are read in order, so once the "x" typed after it shows
        // in the field, Enter was handled, and the popup is still there.
        try tmux.type("x")
        try tmux.waitFor("New campaign", "SPRING launchx")
        #expect(try store.campaigns().count == 8, "nothing was written")
        try tmux.send("C-u")
        try tmux.type("Winter webinar")
        try tmux.waitFor("winter-webinar (new")
        try tmux.send("Enter")
        try tmux.waitFor("Campaigns 9", "winter-webinar")
        try quit(tmux)
        let list = try store.campaigns()
        #expect(list.values.contains { $0["name"] as? String == "Winter webinar" && $0["utm_campaign"] as? String == "winter-webinar" })
    }

    @Test("R5 a on the unlinked tab attaches sprng-launch to Spring launch as an alias")
    func attachAlias() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("alias", store: store)
        defer { tmux.close() }
        try tmux.send("3")
        try tmux.waitFor("Unlinked utm values (R5) · 1 of 6", "sprng-launch")
        try tmux.send("G")
        try tmux.send("a")
        try tmux.waitFor("Attach sprng-launch to a campaign")
        try tmux.type("Spring launch")
        try tmux.send("Enter")
        try tmux.waitFor("Attach utm_campaign=sprng-launch", "to Spring launch as an alias?")
        try tmux.send("y")
        try tmux.waitFor("Unlinked utm (5)")
        try quit(tmux)
        let list = try store.campaigns()
        #expect(list["c-spring"]?["utm_aliases"] as? [String] == ["spring-promo", "sprng-launch"])
        let report = try ReportJSON(try CLI.run(["report", "--format", "json", "--db", store.db]).stdout)
        #expect(!report.unlinked.contains { $0["key"] as? String == "sprng-launch" }, "no longer unlinked")
        #expect(try report.metrics("c-spring") == SampleDataTests.expected["c-spring"], "R8: the visits before the attachment stay uncredited")
    }

    @Test("R19 R9 Enter on a hidden asset explains why it is hidden; Esc closes the popup")
    func explainPopup() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("explain", store: store)
        defer { tmux.close() }
        try select("Google Ads – invoicing", filter: "google", in: tmux)
        try tmux.send("Tab")
        try tmux.send("G")
        try tmux.send("Enter")
        let popup = try tmux.waitForSettled("Explain · Search: timesheet app", "R9")
        #expect(popup.contains("Hidden in"), "\(popup)")
        try tmux.send("Escape")
        try tmux.waitFor("the popup to close") { !$0.contains("Explain ·") }
        try quit(tmux)
    }

    @Test("§8 UTMOST_DB picks the dashboard's store when --db is not given")
    func utmostDBVariable() throws {
        let store = try Scratch()
        defer { store.remove() }
        let tmux = try start("utmost-db", store: nil, environment: ["UTMOST_DB": store.db])
        defer { tmux.close() }
        try tmux.waitFor("store.sqlite │")
        try quit(tmux)
        #expect(try store.campaigns().count == 8, "the demo data went to $UTMOST_DB")
    }

    @Test("R17 tab 2 compares the seven campaigns created after 2017-09-01, with a totals row")
    func analyticsTab() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("analytics", store: store)
        defer { tmux.close() }
        try tmux.send("2")
        let screen = try tmux.waitForSettled("Campaign analytics (R17)", "Total")
        let rows = screen.split(separator: "\n").map(String.init)
        #expect(!rows.contains { $0.contains("Always-on") && $0.contains("│ ") && !$0.contains("Campaigns") },
                "Always-on content is left out:\n\(screen)")
        let total = try #require(rows.first { $0.contains("Total") }, "\(screen)")
        #expect(total.contains(" 934 "), "sessions of the seven: 934: \(total)")
        for prefix in ["Trial onboarding nurture", "Google Ads", "Partner program", "Tallybird 3.0 launch"] {
            #expect(screen.contains(prefix), "\(prefix)")
        }
        try quit(tmux)
    }

    // MARK: - Live data

    @Test("§8 utmost import from outside moves the dashboard's numbers within 2 s")
    func liveImport() throws {
        let store = try freshStore()
        defer { store.remove() }
        let tmux = try start("live", store: store)
        defer { tmux.close() }
        // Always-on content is selected first: 540 sessions, 191 influenced.
        let metricsRow = { (sessions: String, influenced: String) in { (screen: String) in
            screen.split(separator: "\n").contains { $0.contains("│ \(sessions) ") && $0.contains(" \(influenced) ") }
        } }
        try tmux.waitFor("Always-on's 540 sessions", metricsRow("540", "191"))
        let imported = try CLI.run(["import", CLI.moreEvents.path, "--db", store.db])
        #expect(imported.status == 0, "\(imported)")
        let committed = Date()
        try tmux.waitFor("Always-on's 578 sessions and 197 influenced", timeout: 15, metricsRow("578", "197"))
        let elapsed = Date().timeIntervalSince(committed)
        #expect(elapsed <= 2.0, "the numbers changed \(String(format: "%.2f", elapsed)) s after the import's commit")
        try quit(tmux)
    }

    // MARK: - Resize

    @Test("§8 resizing 120×35 → 80×24 → 60×15 → 20×5 → 1×1 → 20×5 → 120×35 never crashes; it keeps drawing")
    func resize() throws {
        let store = try freshStore()
        defer { store.remove() }
        let tmux = try start("resize", store: store)
        defer { tmux.close() }
        try tmux.waitFor("Metrics · Always-on content")

        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("the full layout at 80×24") { screen in
            screen.contains("Campaigns 8") && screen.contains("Assets ·") && screen.contains("Metrics ·")
                && screen.split(separator: "\n").allSatisfy { $0.count <= 80 } && (try? tmux.size()) == "80x24"
        }
        #expect(tmux.isRunning)

        try tmux.resize(width: 60, height: 15)
        try tmux.waitFor("the single-pane layout at 60×15") { screen in
            screen.contains("Campaigns 8") && !screen.contains("Metrics ·")
                && screen.split(separator: "\n").allSatisfy { $0.count <= 60 }
        }
        #expect(tmux.isRunning)

        try tmux.resize(width: 20, height: 5)
        let tiny = try tmux.waitFor("the too-small message at 20×5") { $0.contains("too small") }
        #expect(tiny.split(separator: "\n").allSatisfy { $0.count <= 20 }, "\(tiny)")
        #expect(tmux.isRunning)

        try tmux.resize(width: 1, height: 1)
        try tmux.waitFor("a 1×1 pane") { _ in (try? tmux.size()) == "1x1" }
        // Nothing to read at 1×1: going back to 20×5 and seeing the message again shows
        // it lived through it.
        try tmux.resize(width: 20, height: 5)
        try tmux.waitFor("the too-small message after 1×1") { $0.contains("too small") && (try? tmux.size()) == "20x5" }
        #expect(tmux.isRunning, "alive after 1×1")

        try tmux.resize(width: 120, height: 35)
        try tmux.waitFor("the full layout again") { screen in
            screen.contains("Campaigns 8") && screen.contains("Metrics · Always-on content") && screen.contains("35,918.40")
        }
        #expect(tmux.isRunning)
        // Still answering keys after all that.
        try tmux.send("2")
        try tmux.waitFor("the analytics tab") { $0.contains("Totals") || $0.contains("Total") }
        try quit(tmux)
    }

    // MARK: - Terminals and colours

    @Test("§8 NO_COLOR=1 draws without colours; the default run has them")
    func noColor() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        do {
            let coloured = try start("colour", store: store)
            defer { coloured.close() }
            try coloured.waitFor("Metrics · Always-on content")
            #expect(try coloured.screen(escapes: true).hasColour, "the default theme uses colour (so the check below means something)")
            try quit(coloured)
        }
        do {
            let plain = try start("no-color", store: store, environment: ["NO_COLOR": "1"])
            defer { plain.close() }
            try plain.waitFor("Metrics · Always-on content")
            let screen = try plain.screen(escapes: true)
            #expect(!screen.hasColour, "no colour under NO_COLOR: \(screen.sgrParameters.filter { !$0.isEmpty }.prefix(10))")
            try quit(plain)
        }
        do {
            let flag = try start("no-color-flag", store: store, arguments: ["--no-color"])
            defer { flag.close() }
            try flag.waitFor("Metrics · Always-on content")
            #expect(!(try flag.screen(escapes: true)).hasColour, "no colour with --no-color")
            try quit(flag)
        }
    }

    @Test("§8 TERM=vt100: the dashboard draws, answers keys and quits cleanly")
    func vt100() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("vt100", store: store, environment: ["TERM": "vt100"])
        defer { tmux.close() }
        let screen = try tmux.waitFor("every campaign on a vt100") { screen in
            Self.campaignPrefixes.allSatisfy { screen.contains($0) } && screen.contains("Metrics ·")
        }
        #expect(!screen.hasColour)
        try tmux.send("j")
        try tmux.waitFor("Metrics · Google Ads")
        try quit(tmux, alternateScreen: false)
    }

    /// The non-ASCII characters of the demo data's names (the en dash of
    /// "Google Ads – invoicing"): data, not drawing, so a UTF-8 terminal may show them.
    static let dataCharacters: Set<Character> = {
        let names = ["campaigns.csv", "assets.csv"].compactMap {
            try? String(contentsOf: CLI.sampleData.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        return Set(names.filter { !$0.isASCII })
    }()

    /// The characters on screen that are neither ASCII nor the data's own.
    func drawingCharacters(_ screen: String) -> Set<Character> {
        Set(screen.filter { !$0.isASCII && !Self.dataCharacters.contains($0) })
    }

    @Test("§8 LANG=C draws with ASCII only")
    func asciiUnderLangC() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("lang-c", store: store, environment: ["LANG": "C"])
        defer { tmux.close() }
        let screen = try tmux.waitFor("the ASCII frame") { screen in
            screen.contains("+ Campaigns 8") && screen.contains("Metrics") && screen.contains("35,918.40")
        }
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "every character is ASCII in the C locale:\n\(screen)")
        #expect(screen.contains("Google Ads"))
        try quit(tmux)
    }

    @Test("§8 --ascii draws with ASCII only under UTF-8 (the data's own characters aside)")
    func asciiOption() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("ascii", store: store, arguments: ["--ascii"])
        defer { tmux.close() }
        let screen = try tmux.waitFor("the ASCII frame") { screen in
            screen.contains("+ Campaigns 8") && screen.contains("Metrics") && screen.contains("35,918.40")
        }
        let drawn = drawingCharacters(screen)
        #expect(drawn.isEmpty, "non-ASCII characters the dashboard drew itself: \(drawn.sorted().map { "\($0) U+\(String($0.unicodeScalars.first!.value, radix: 16, uppercase: true))" })")
        #expect(screen.contains("Google Ads – in"), "the data keeps its en dash under UTF-8")
        try quit(tmux)
    }

    // MARK: - Leaving

    @Test("§8 Ctrl-C leaves the terminal sane: cooked mode, echo, the dashboard gone")
    func controlC() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("ctrl-c", store: store)
        defer { tmux.close() }
        try tmux.send("C-c")
        let status = try tmux.waitForExit()
        #expect(status == 0 || status == 130, "Ctrl-C quits (0, or 130 as for SIGINT); got \(status)")
        try expectSaneTerminal(tmux)
    }

    @Test("§8 Ctrl-C inside a popup leaves the terminal sane too")
    func controlCInPopup() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("ctrl-c-popup", store: store)
        defer { tmux.close() }
        try tmux.send("r")
        try tmux.waitFor("Rename Always-on content")
        try tmux.send("C-c")
        let status = try tmux.waitForExit()
        #expect(status == 0 || status == 130, "got \(status)")
        try expectSaneTerminal(tmux)
        #expect(try store.campaigns()["c-always-on"]?["name"] as? String == "Always-on content", "nothing renamed")
    }

    @Test("§8 SIGTERM leaves the terminal sane")
    func sigterm() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try start("sigterm", store: store)
        defer { tmux.close() }
        let pid = try tmux.waitForStart()
        #expect(kill(pid, SIGTERM) == 0)
        let status = try tmux.waitForExit()
        #expect(status == 143 || status == 0, "SIGTERM ends it (143 = 128 + 15); got \(status)")
        try expectSaneTerminal(tmux)
    }
}
