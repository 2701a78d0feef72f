import Foundation
import PostgresTestSupport
import Testing
import TmuxHarness

/// #16 the dashboard on a team store, for real in tmux: it names the database and its
/// server, and a colleague's edit made with another utmost process shows on its own.
@Suite("#16 the dashboard on PostgreSQL in tmux", .serialized, .timeLimit(.minutes(2)),
       .enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipped)))
struct TeamDashboardTmuxTests {
    @Test("#16 a colleague's rename on the team store shows in the dashboard without a key pressed")
    func colleaguesEdit() throws {
        let scratch = try Scratch.sample()
        defer { scratch.remove() }
        let database = try TestPostgres.Database()
        let copied = try CLI.run(["store", "copy", scratch.db, database.url])
        #expect(copied.status == 0, "\(copied)")

        let tmux = try TmuxSession(utmost: ["--db", database.url], label: "team")
        defer { tmux.close() }
        try tmux.waitFor("the campaigns and the store's name", timeout: 30) { screen in
            screen.contains("Campaigns 8") && screen.contains("\(database.name) on \(database.location.server)")
        }
        let renamed = try CLI.run(["campaign", "rename", "c-spring", "Spring relaunch", "--db", database.url])
        #expect(renamed.status == 0, "\(renamed)")
        try tmux.waitFor("the new name", timeout: 15) { $0.contains("Spring relaunch") }
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }
}
