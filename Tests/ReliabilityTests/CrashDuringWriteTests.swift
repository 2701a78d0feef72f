import CampaignKit
import CampaignStore
import Foundation
import GRDB
import Testing

extension Reliability {
    /// Issue 8 §2: `utmost import` killed with SIGKILL at random points of a
    /// large import. The store afterwards is sound and holds all of the import
    /// or none of it.
    @Suite struct CrashDuringWrite {
        /// The sample's events repeated until there are at least `events` of them (events carry no ids).
        static func bigEvents(_ events: Int, into folder: URL) throws {
            let sample = try String(contentsOf: Repo.sampleData.appendingPathComponent("events.csv"), encoding: .utf8)
            let header = sample.prefix(while: { $0 != "\n" })
            let body = sample.dropFirst(header.count + 1)
            let perCopy = body.filter { $0 == "\n" }.count
            var out = Data((header + "\n").utf8)
            let bodyData = Data(body.utf8)
            for _ in 0..<max(1, (events + perCopy - 1) / perCopy) { out.append(bodyData) }
            try out.write(to: folder.appendingPathComponent("events.csv"))
        }

        /// What a kill may leave: the counts before, or the counts after a whole import.
        enum State: String { case nothing, everything }

        static func state(of path: String, before: [String: Int], after: [String: Int]) throws -> State? {
            let counts = try StoreProbe.counts(path)
            if counts == after { return .everything }
            if counts == before { return .nothing }
            return nil
        }

        @Test("§7 SIGKILL during an import into an existing store: integrity ok, all or none", .timeLimit(.minutes(15)))
        func killIntoExistingStore() throws {
            let scratch = Scratch("kill")
            let folder = scratch.folder("big")
            try Self.bigEvents(Budget.killEvents, into: folder)
            let base = try DamagedStore.sampleStore(scratch, name: "base.sqlite")
            let before = try StoreProbe.counts(base)

            // A whole run first: how long an import takes, and what "all" looks like.
            let whole = scratch.file("whole.sqlite")
            try FileManager.default.copyItem(atPath: base, toPath: whole)
            let clock = ContinuousClock()
            let start = clock.now
            let run = try Binary.run(["import", folder.path, "--db", whole])
            let duration = (clock.now - start).seconds
            try #require(run.status == 0, "\(run.stderr)")
            let after = try StoreProbe.counts(whole)
            #expect(after["events"]! - before["events"]! >= Budget.killEvents)

            var rng = SplitMix64(seed: Budget.fuzzSeed, case: 1)
            var seen: [State: Int] = [:]
            let runs = max(1, Budget.killRuns * 2 / 3)
            for i in 0..<runs {
                let db = scratch.file("run.sqlite")
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: db + suffix) }
                try FileManager.default.copyItem(atPath: base, toPath: db)
                let delay = Double.random(in: 0.02...(duration * 1.05), using: &rng)
                let process = try Binary.start(["import", folder.path, "--db", db])
                Thread.sleep(forTimeInterval: delay)
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                #expect(try StoreProbe.integrity(db) == "ok", "run \(i), killed after \(delay) s")
                let state = try Self.state(of: db, before: before, after: after)
                let counts = try StoreProbe.counts(db)
                #expect(state != nil, "run \(i), killed after \(delay) s: a partial import: \(ImportHarness.delta(before, counts))")
                if let state { seen[state, default: 0] += 1 }
            }
            print("import into an existing store (\(after["events"]! - before["events"]!) events, \(String(format: "%.1f", duration)) s): \(runs) SIGKILLs, \(seen[.nothing] ?? 0) left none, \(seen[.everything] ?? 0) had finished; integrity ok")
        }

        @Test("§7 SIGKILL during the import that creates a store: no store, or a whole one in WAL mode", .timeLimit(.minutes(15)))
        func killWhileCreatingStore() throws {
            let scratch = Scratch("killnew")
            let folder = scratch.folder("big")
            for name in DataFolder.names where name != "events.csv" {
                let source = Repo.sampleData.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: source.path) {
                    try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(name))
                }
            }
            try Self.bigEvents(Budget.killEvents, into: folder)
            let whole = scratch.file("whole.sqlite")
            let clock = ContinuousClock()
            let start = clock.now
            let run = try Binary.run(["import", folder.path, "--db", whole])
            let duration = (clock.now - start).seconds
            try #require(run.status == 0, "\(run.stderr)")
            let after = try StoreProbe.counts(whole)

            var rng = SplitMix64(seed: Budget.fuzzSeed, case: 2)
            var none = 0, all = 0
            let runs = max(1, Budget.killRuns / 3)
            for i in 0..<runs {
                let runFolder = scratch.folder("run\(i)")
                let db = runFolder.appendingPathComponent("new.sqlite").path
                let delay = Double.random(in: 0.02...(duration * 1.05), using: &rng)
                let process = try Binary.start(["import", folder.path, "--db", db])
                Thread.sleep(forTimeInterval: delay)
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                if FileManager.default.fileExists(atPath: db) {
                    #expect(try StoreProbe.integrity(db) == "ok", "run \(i), killed after \(delay) s")
                    let counts = try StoreProbe.counts(db)
                    #expect(counts == after, "run \(i), killed after \(delay) s: a store that is not the whole import: \(ImportHarness.delta(after, counts))")
                    let mode = try DatabaseQueue(path: db).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
                    #expect(mode == "wal", "run \(i), killed after \(delay) s: the store was left in \(mode ?? "?") mode")
                    if counts == after { all += 1 }
                } else {
                    none += 1
                    // Running the import again works, and sweeps away what the killed one left.
                    let again = try Binary.run(["import", Repo.sampleData.path, "--db", db])
                    #expect(again.status == 0, "\(again.stderr)")
                    let left = try FileManager.default.contentsOfDirectory(atPath: runFolder.path).filter { $0 != "new.sqlite" }
                    #expect(left.isEmpty, "run \(i): left beside the store: \(left)")
                }
            }
            print("import into a new store: \(runs) SIGKILLs, \(none) left no store, \(all) a whole one")
        }
    }
}
