import Foundation
import Testing
import TmuxHarness

/// Issue 14's edits you can trust and lists that filter, in the real dashboard: undo
/// leaves the store as it was, archiving takes a campaign out of the lists, and every
/// tab filters with `/`.
@Suite("#14 a marketer's working day in tmux", .serialized, .timeLimit(.minutes(2)))
struct WorkingDayTmuxTests {
    /// The history tables an edit and its undo touch, as SQL, for comparing before and after.
    func history(_ store: Scratch) throws -> String {
        let result = try Self.sqlite(store.db, ".dump campaigns campaign_names utm_values associations assets")
        return result
    }

    static func sqlite(_ db: String, _ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", db, command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The dashboard on the campaign called `name`, filtered down to it.
    func onCampaign(_ tmux: TmuxSession, _ name: String) throws {
        try tmux.send("/")
        try tmux.type(name)
        try tmux.send("Enter")
        try tmux.waitFor("Campaigns 1 of 8", "Assets · \(name)")
    }

    @Test("#14 R3 a rename undone leaves the store as it was: the name, the value it minted, nothing else")
    func undoRename() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let before = try history(store)
        let tmux = try TmuxSession.dashboard("undo-rename", store)
        defer { tmux.close() }
        try onCampaign(tmux, "Spring launch")
        try tmux.send("r", "C-u")
        try tmux.type("Spring relaunch")
        try tmux.send("Enter")
        try tmux.waitFor("u undoes")
        #expect(try history(store) != before)
        try tmux.send("u")
        try tmux.waitFor("Undone:")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        #expect(try history(store) == before)
    }

    @Test("#14 R7 a move undone restores the earlier interval exactly: no seconds-long association left behind")
    func undoMove() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let before = try history(store)
        let tmux = try TmuxSession.dashboard("undo-move", store)
        defer { tmux.close() }
        try onCampaign(tmux, "Spring launch")
        try tmux.send("a")
        try tmux.waitFor("Associate an asset with Spring launch")
        try tmux.type("Partners")
        try tmux.waitFor("in Partner program")
        try tmux.send("Enter")
        try tmux.waitFor("Move “Partners”")
        try tmux.send("y")
        try tmux.waitFor("u undoes")
        try tmux.send("u")
        try tmux.waitFor("Undone:")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        #expect(try history(store) == before)
    }

    @Test("#14 §8 x archives a campaign: it leaves the lists, the command line's list too; its numbers stay in the report")
    func archive() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let report = try store.report().metrics("c-spring")
        let tmux = try TmuxSession.dashboard("archive", store)
        defer { tmux.close() }
        try onCampaign(tmux, "Spring launch")
        try tmux.send("x")
        try tmux.waitFor("Archived “Spring launch”")
        try tmux.send("Escape")
        try tmux.waitFor("Campaigns 7 · 1 archived (X)")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        let listed = try CLI.run(["campaign", "list", "--db", store.db])
        #expect(!listed.stdout.contains("Spring launch"), "\(listed)")
        #expect(try store.report().metrics("c-spring") == report)
    }

    @Test("#14 / filters every tab: campaigns, analytics, unlinked values, attribution")
    func filters() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try TmuxSession.dashboard("filters", store)
        defer { tmux.close() }
        try onCampaign(tmux, "Spring launch")
        for (tab, text, title) in [("2", "google", "Campaign analytics (R17) · 1 of 1 · /google"),
                                   ("3", "sprng", "Unlinked utm values (R5) · 1 of 1 · /sprng"),
                                   ("4", "year", "Attribution models (R18) · 1 of 1 · /year")] {
            try tmux.send(tab, "/")
            try tmux.type(text)
            try tmux.send("Enter")
            try tmux.waitFor(title)
        }
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }
}

extension AttackTmuxTests {
    @Test("#14 R6 b builds a tracking URL in the form: kept as an asset of the campaign, copied to tmux's buffer")
    func trackingURL() throws {
        let store = try Scratch.sample()
        defer { store.remove() }
        let tmux = try TmuxSession.dashboard("tracking-url", store)
        defer { tmux.close() }
        try honourClipboardAndClearBuffers()
        try tmux.send("/")
        try tmux.type("Spring launch")
        try tmux.send("Enter", "b")
        try tmux.waitFor("Tracking URL · Spring launch")
        try tmux.type("https://www.tallybird.com/spring")
        try tmux.send("Enter")
        try tmux.type("podcast")
        try tmux.send("Enter")
        try tmux.type("audio")
        try tmux.send("Enter")
        try tmux.waitFor("Built a tracking URL for Spring launch")
        let url = "https://www.tallybird.com/spring?utm_source=podcast&utm_medium=audio&utm_campaign=spring-launch"
        #expect(try lastCopy() == url)
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        let kept = try WorkingDayTmuxTests.sqlite(store.db, """
            SELECT assets.url FROM assets JOIN associations ON associations.asset_id = assets.id \
            WHERE assets.type = 'tracking_url' AND associations.campaign_id = 'c-spring' AND assets.url LIKE '%podcast%'
            """)
        #expect(kept.trimmingCharacters(in: .whitespacesAndNewlines) == url)
    }
}
