import Foundation
import GRDB
import Testing
import TmuxHarness

extension Reliability {
    /// Issue 8 §3: the dashboard open on a store while other processes import,
    /// edit and report on it at the same time.
    @Suite struct SecondWriter {
        /// The sample's later events, split into small folders to import one by one.
        static func eventFolders(in scratch: Scratch, count: Int) throws -> [URL] {
            let text = try String(contentsOf: Repo.sampleData.appendingPathComponent("more-events/events.csv"), encoding: .utf8)
            var lines = text.split(separator: "\n").map(String.init)
            let header = lines.removeFirst()
            let size = max(1, lines.count / count)
            return try (0..<count).map { i in
                let folder = scratch.folder("events\(i)")
                let chunk = lines.dropFirst(i * size).prefix(i == count - 1 ? lines.count : size)
                try (([header] + chunk).joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("events.csv"), atomically: false, encoding: .utf8)
                return folder
            }
        }

        /// The operations of round `r`, for two writers: imports for one, edits for the other.
        /// Explicit instants make the serial replay give the same store.
        static func importOps(round r: Int, folders: [URL], db: String) -> [[String]] {
            [["import", folders[r % folders.count].path, "--db", db, "--now", "2025-03-\(String(format: "%02d", r % 28 + 1))T00:00:00Z"]]
        }

        static func editOps(round r: Int, db: String) -> [[String]] {
            let day = String(format: "%02d", r % 28 + 1)
            let month = String(format: "%02d", 4 + r / 28)
            let names = ["Spring again", "Spring (final)", "Spring launch"]
            return [
                ["associate", "a-blog-rate-card", "c-spring", "--db", db, "--now", "2025-\(month)-\(day)T01:00:00Z"],
                ["campaign", "rename", "c-spring", names[r % 3], "--db", db, "--now", "2025-\(month)-\(day)T02:00:00Z"],
                ["dissociate", "a-blog-rate-card", "c-spring", "--db", db, "--now", "2025-\(month)-\(day)T03:00:00Z"],
                ["associate", "a-wf-onboarding", "c-partner", "--db", db, "--now", "2025-\(month)-\(day)T04:00:00Z"],
                ["dissociate", "a-wf-onboarding", "c-partner", "--db", db, "--now", "2025-\(month)-\(day)T05:00:00Z"],
            ]
        }

        static let asOf = "2026-01-01T00:00:00Z"

        /// Problems seen by the concurrent loops.
        final class Log: @unchecked Sendable {
            private let lock = NSLock()
            private var items: [String] = []
            private var ops = 0
            func add(_ s: String) { lock.withLock { items.append(s) } }
            func count() { lock.withLock { ops += 1 } }
            var problems: [String] { lock.withLock { items } }
            var operations: Int { lock.withLock { ops } }
        }

        static func mentionsLock(_ text: String) -> Bool {
            let t = text.lowercased()
            return t.contains("locked") || t.contains("busy") || t.contains("sqlite_")
        }

        /// The dashboard's ways of reporting a failure (status bar, popups).
        static func showsFailure(_ screen: String) -> Bool {
            mentionsLock(screen) || screen.contains("Could not") || screen.contains("Not saved")
        }

        @Test("§8 a write that meets another process's long write waits for it, says so, and succeeds; the dashboard shows no error")
        func waitsForLongWrite() throws {
            let scratch = Scratch("longwrite")
            let db = try DamagedStore.sampleStore(scratch)
            let tmux = try TmuxSession(TmuxSession.utmostCommand(["--db", db], pidFile: scratch.file("pid")),
                                       label: "writer", width: 120, height: 35)
            try tmux.waitForDashboard()
            // Another process's write (an import of millions of events, say), held for 7 s.
            let holder = try GRDB.DatabaseQueue(path: db)
            let held = DispatchSemaphore(value: 0)
            let hold: TimeInterval = 7
            DispatchQueue.global().async {
                try? holder.writeWithoutTransaction { conn in
                    try conn.execute(sql: "BEGIN IMMEDIATE")
                    try conn.execute(sql: "INSERT INTO imports (folder, imported_at, events) VALUES ('holder', 0, 0)")
                    held.signal()
                    Thread.sleep(forTimeInterval: hold)
                    try conn.execute(sql: "COMMIT")
                }
            }
            held.wait()
            let log = Log()
            let group = DispatchGroup()
            let commands = [["associate", "a-blog-rate-card", "c-spring", "--db", db],
                            ["import", Repo.sampleData.appendingPathComponent("more-events").path, "--db", db],
                            ["campaign", "rename", "c-spring", "Spring again", "--db", db]]
            let start = Date()
            for arguments in commands {
                DispatchQueue.global().async(group: group) {
                    do {
                        let run = try Binary.run(arguments)
                        let waited = Date().timeIntervalSince(start)
                        log.count()
                        if run.status != 0 || Self.mentionsLock(run.stderr) {
                            log.add("\(arguments[0]): exit \(run.status): \(run.stderr)")
                        } else if waited < hold - 1 {
                            log.add("\(arguments[0]) did not wait for the lock (\(waited) s)")
                        } else if !run.stderr.contains("waiting for another process that is writing to") {
                            log.add("\(arguments[0]) waited silently: \(run.stderr)")
                        }
                    } catch { log.add("\(error)") }
                }
            }
            while group.wait(timeout: .now() + 0.2) == .timedOut {
                let screen = try tmux.screen()
                if Self.showsFailure(screen) { log.add("dashboard: \(screen)"); break }
            }
            group.wait()
            try holder.close()
            for problem in log.problems { Issue.record(Comment(rawValue: problem)) }
            #expect(log.operations == 3)
            let after = try tmux.waitFor("Spring again", timeout: 10)
            #expect(!Self.showsFailure(after), "\(after)")
        }

        @Test("§8 dashboard + importer + editor + reporter at once: no lock reaches anyone, the dashboard catches up, the result equals the serial one",
              .timeLimit(.minutes(15)))
        func concurrentWriters() throws {
            let scratch = Scratch("writers")
            let rounds = max(1, Budget.writerRounds)
            let folders = try Self.eventFolders(in: scratch, count: 8)
            let db = try DamagedStore.sampleStore(scratch)
            let serialDB = try DamagedStore.sampleStore(scratch, name: "serial.sqlite")

            let tmux = try TmuxSession(TmuxSession.utmostCommand(["--db", db], pidFile: scratch.file("pid")),
                                       label: "writer", width: 120, height: 35)
            try tmux.waitForDashboard()
            let pid = try #require(ProcessProbe.pid(from: scratch.file("pid")))

            let log = Log()
            let group = DispatchGroup()
            let done = ManagedFlag()
            func loop(_ label: String, _ ops: @escaping @Sendable (Int) -> [[String]]) {
                DispatchQueue.global().async(group: group) {
                    for r in 0..<rounds {
                        for arguments in ops(r) {
                            do {
                                let run = try Binary.run(arguments)
                                log.count()
                                if run.status != 0 || Self.mentionsLock(run.stderr) {
                                    log.add("\(label) round \(r) `\(arguments.prefix(3).joined(separator: " "))`: exit \(run.status): \(run.stderr)")
                                }
                            } catch {
                                log.add("\(label): \(error)")
                            }
                        }
                    }
                }
            }
            loop("importer") { Self.importOps(round: $0, folders: folders, db: db) }
            loop("editor") { Self.editOps(round: $0, db: db) }
            // A reader as well, until the writers are done.
            DispatchQueue.global().async(group: group) {
                while !done.isSet {
                    do {
                        let run = try Binary.run(["report", "--db", db, "--format", "json", "--as-of", Self.asOf])
                        log.count()
                        if run.status != 0 || Self.mentionsLock(run.stderr) { log.add("reporter: exit \(run.status): \(run.stderr)") }
                    } catch { log.add("reporter: \(error)") }
                }
            }
            // Watch the dashboard's screen meanwhile.
            var screens = 0
            let writers = DispatchGroup()
            writers.enter()
            DispatchQueue.global().async {
                while group.wait(timeout: .now() + 0.05) == .timedOut {
                    if done.isSet { break }
                }
                writers.leave()
            }
            let start = Date()
            while Date().timeIntervalSince(start) < 600 {
                let screen = try tmux.screen()
                screens += 1
                if Self.showsFailure(screen) {
                    log.add("dashboard screen: \(screen)")
                    break
                }
                if log.operations >= rounds * 6 { break }
                Thread.sleep(forTimeInterval: 0.2)
            }
            done.set()
            group.wait()
            writers.wait()
            #expect(ProcessProbe.isAlive(pid), "the dashboard died")
            for problem in log.problems { Issue.record(Comment(rawValue: problem)) }

            // The dashboard catches up: it shows what a fresh one shows.
            let fresh = try TmuxSession(TmuxSession.utmostCommand(["--db", db], pidFile: scratch.file("pid2")),
                                        label: "fresh", width: 120, height: 35)
            let freshScreen = try fresh.waitForDashboard()
            let caughtUp = try tmux.waitFor("what a fresh dashboard shows:\n\(freshScreen)", timeout: 10) {
                HostileTerminal.body($0) == HostileTerminal.body(freshScreen)
            }
            #expect(caughtUp.contains("Spring") )

            // The same operations, one after the other, on a fresh store.
            for r in 0..<rounds {
                for arguments in Self.importOps(round: r, folders: folders, db: serialDB) + Self.editOps(round: r, db: serialDB) {
                    let run = try Binary.run(arguments)
                    #expect(run.status == 0, "serial: \(arguments): \(run.stderr)")
                }
            }
            let concurrent = try Binary.run(["report", "--db", db, "--format", "json", "--as-of", Self.asOf])
            let serial = try Binary.run(["report", "--db", serialDB, "--format", "json", "--as-of", Self.asOf])
            #expect(concurrent.status == 0 && serial.status == 0)
            #expect(concurrent.stdout == serial.stdout, "the concurrent store's report differs from the serial one")
            #expect(try StoreProbe.counts(db) == StoreProbe.counts(serialDB))
            print("second writer: \(log.operations) CLI operations (\(rounds * 6) writes, \(log.operations - rounds * 6) reports) beside the dashboard, \(screens) screens read; report equals the serial one: \(concurrent.stdout == serial.stdout)")
        }
    }
}

/// A flag set once, read from any thread.
final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
