import Foundation
import GRDB
import Testing
import TmuxHarness

extension Reliability {
    /// Issue 12 item 7: the dashboard in tmux beside another process writing the same
    /// store. Each step waits for the screen before the next, so the races are made on
    /// purpose, not by luck.
    @Suite struct EditRace {
        let scratch = Scratch("editrace")
        let db: String

        init() throws {
            db = try DamagedStore.sampleStore(scratch)
        }

        func dashboard() throws -> TmuxSession {
            let tmux = try TmuxSession(TmuxSession.utmostCommand(["--db", db], pidFile: scratch.file("pid")),
                                       label: "editrace", width: 120, height: 35)
            try tmux.waitForDashboard()
            return tmux
        }

        /// Renames the selected campaign with the keys.
        func rename(to name: String, in tmux: TmuxSession) throws {
            try tmux.send("r")
            try tmux.waitFor("Rename")
            try tmux.send("C-u")
            try tmux.type(name)
            try tmux.send("Enter")
        }

        func campaignNames() throws -> String {
            let run = try Binary.run(["campaign", "list", "--db", db])
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout
        }

        /// Holds the store's write lock, as a long import does, until `release()`.
        final class LockHolder: @unchecked Sendable {
            private let released = DispatchSemaphore(value: 0)
            private let finished = DispatchSemaphore(value: 0)

            init(_ path: String) throws {
                let queue = try DatabaseQueue(path: path)
                let held = DispatchSemaphore(value: 0)
                DispatchQueue.global().async { [released, finished] in
                    try? queue.writeWithoutTransaction { db in
                        try db.execute(sql: "BEGIN IMMEDIATE")
                        held.signal()
                        released.wait()
                        try db.execute(sql: "ROLLBACK")
                    }
                    try? queue.close()
                    finished.signal()
                }
                held.wait()
            }

            func release() {
                released.signal()
                finished.wait()
            }
        }

        @Test("#12.7 u after another process renamed the campaign: the dashboard says so in one line and reverts nothing")
        func undoAfterOtherRename() throws {
            let tmux = try dashboard()
            try rename(to: "Race test", in: tmux)
            try tmux.waitFor("u undoes")
            let other = try Binary.run(["campaign", "rename", "Race test", "Other writer", "--db", db])
            #expect(other.status == 0, "\(other.stderr)")
            try tmux.send("u")
            let screen = try tmux.waitFor("Not undone:")
            #expect(screen.contains("Not undone: “Race test” was renamed to “Other writer” since your edit"), "\(screen)")
            #expect(try campaignNames().contains("Other writer"))
        }

        @Test("#12.7 u after the store file was replaced by a new import: refused, saying so, and the new store is untouched")
        func undoAfterReplacedStore() throws {
            let tmux = try dashboard()
            try rename(to: "Before replace", in: tmux)
            try tmux.waitFor("u undoes")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            let reimport = try Binary.run(["import", Repo.sampleData.path, "--db", db])
            #expect(reimport.status == 0, "\(reimport.stderr)")
            let fresh = try StoreProbe.counts(db)
            try tmux.send("u")
            let screen = try tmux.waitFor("Not undone:")
            #expect(screen.contains("was replaced or removed since it was opened"), "\(screen)")
            #expect(try StoreProbe.counts(db) == fresh, "the new store is untouched")
        }

        @Test("#12.7 an edit waiting for another writer says so; q asks, Enter waits, and the dashboard quits once it is saved")
        func quitWaitsForEdit() throws {
            let tmux = try dashboard()
            let holder = try LockHolder(db)
            try rename(to: "Waited edit", in: tmux)
            try tmux.waitFor("Waiting for another writer… the edit is saved once it is done")
            try tmux.send("q")
            try tmux.waitFor("An edit is not saved yet", "Enter wait, then quit")
            try tmux.send("Enter")
            try tmux.waitFor("Waiting for another writer… then quitting")
            #expect(!(try tmux.screen()).contains("EXIT="), "it quit before the edit was saved")
            holder.release()
            let end = try tmux.waitFor("the dashboard's exit", allowExit: true) { $0.contains("EXIT=") }
            #expect(end.contains("EXIT=0"), "\(end)")
            #expect(try campaignNames().contains("Waited edit"), "the edit was saved before quitting")
        }

        @Test("#12.7 quitting without the waiting edit, as asked: nothing of it is written, the store is whole")
        func quitDropsWaitingEdit() throws {
            let tmux = try dashboard()
            let holder = try LockHolder(db)
            try rename(to: "Dropped edit", in: tmux)
            try tmux.waitFor("Waiting for another writer")
            try tmux.send("C-c")
            try tmux.waitFor("An edit is not saved yet")
            try tmux.send("q")
            let end = try tmux.waitFor("the dashboard's exit", allowExit: true) { $0.contains("EXIT=") }
            #expect(end.contains("EXIT=0"), "\(end)")
            holder.release()
            #expect(!(try campaignNames()).contains("Dropped edit"))
            #expect(try StoreProbe.integrity(db) == "ok")
        }
    }
}
