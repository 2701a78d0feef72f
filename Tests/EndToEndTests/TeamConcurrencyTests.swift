import CampaignKit
import CampaignStore
import Foundation
import PostgresStore
import PostgresTestSupport
import Synchronization
import Testing

/// #16 concurrency on a team store: eight `utmost` processes making fifty mixed edits each
/// (renames, moves of assets, dissociations, utm values attached, archivings) beside an
/// import end in the same state as the same commands run one after another.
@Suite(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipped)))
struct TeamConcurrencyTests {
    static let people = 8
    static let base = Instant(iso8601: "2026-12-01T00:00:00Z")!

    /// `--now` for the `k`th command of person `i`: each person's edits in order, on their own objects.
    static func now(_ i: Int, _ k: Int) -> String {
        Instant(microseconds: base.microseconds + Int64(i * 10_000 + k * 60) * 1_000_000).iso8601
    }

    /// Person `i`'s fifty commands, on their five campaigns and three assets.
    static func commands(_ i: Int, assets: [String]) -> [[String]] {
        var names = (0..<5).map { "Team \(i) Campaign \($0)" }
        var commands: [[String]] = []
        for round in 0..<3 {
            for j in 0..<5 {
                let renamed = "Team \(i) Campaign \(j) r\(round + 1)"
                commands.append(["campaign", "rename", names[j], renamed])
                names[j] = renamed
            }
            for k in 0..<5 { commands.append(["associate", assets[k % 3], names[(k + round) % 5]]) }
            commands.append(["dissociate", assets[2], names[(2 + round) % 5]])
            for j in 0..<(round == 0 ? 5 : round == 1 ? 4 : 0) {
                commands.append(["utm", "attach", "team-\(i)-extra-\(round)-\(j)", names[j]])
            }
        }
        for j in 0..<4 { commands.append(["campaign", "archive", names[j]]) }
        for j in 0..<4 { commands.append(["campaign", "unarchive", names[j]]) }
        return commands.enumerated().map { k, command in command + ["--now", now(i, k)] }
    }

    /// Runs `command` on the store at `url`, which must succeed.
    static func run(_ command: [String], on url: String) throws {
        let result = try CLI.run(command + ["--db", url])
        if result.status != 0 { throw Failure("utmost \(command.joined(separator: " ")) failed: \(result)") }
    }

    /// The demo company's assets that belong to one campaign at a time, in file order.
    static func exclusiveAssets() throws -> [String] {
        let text = try String(contentsOf: CLI.sampleData.appendingPathComponent("assets.csv"), encoding: .utf8)
        let rows: [[Substring]] = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        return rows.filter { $0[1] != "workflow" }.map { String($0[0]) }
    }

    @Test("#16 eight processes, fifty mixed edits each, beside an import: the same state as the same commands one after another")
    func eightWriters() async throws {
        let concurrent = try TestPostgres.Database(), sequential = try TestPostgres.Database()
        let assets = try Self.exclusiveAssets()
        let work = (0..<Self.people).map { Self.commands($0, assets: Array(assets[($0 * 3)..<($0 * 3 + 3)])) }
        let importing = ["import", CLI.moreEvents.path, "--now", Self.now(Self.people, 0)]
        #expect(work.allSatisfy { $0.count == 50 })

        try await offThePool {
            // The demo company with five campaigns per person, copied into both databases.
            let scratch = try Scratch.sample()
            defer { scratch.remove() }
            for i in 0..<Self.people {
                for j in 0..<5 { try Self.run(["campaign", "create", "Team \(i) Campaign \(j)", "--now", Self.now(i, 0)], on: scratch.db) }
            }
            for database in [concurrent, sequential] {
                let copied = try CLI.run(["store", "copy", scratch.db, database.url])
                if copied.status != 0 { throw Failure("store copy failed: \(copied)") }
            }

            let failures = Mutex<[String]>([])
            let group = DispatchGroup()
            for commands in work + [[importing]] {
                DispatchQueue.global().async(group: group) {
                    do { for command in commands { try Self.run(command, on: concurrent.url) } } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
            group.wait()
            if let failure = failures.withLock({ $0.first }) { throw Failure(failure) }
            for command in work.joined() + [importing] { try Self.run(command, on: sequential.url) }
        }

        let one = try await offThePool { try Self.state(concurrent.location) }
        let other = try await offThePool { try Self.state(sequential.location) }
        #expect(one == other)
        #expect(one.campaigns.filter { $0.name.hasSuffix(" r3") }.count == Self.people * 5)
    }

    /// The store's content, each list as a set: the two runs give rows their `seq`s in different orders.
    struct State: Equatable, Sendable {
        var campaigns: Set<Campaign>, assets: Set<Asset>, associations: Set<Association>, contacts: Set<Contact>
        var deals: Set<Deal>, dealContacts: Set<DealContact>, events: EventTable, rules: Set<SalesforceRule>
        var additions: Set<String>
    }

    static func state(_ location: PostgresLocation) throws -> State {
        let store = try PostgresStore.existing(location)
        defer { try? store.close() }
        let d = try store.loadDataset()
        return State(campaigns: Set(d.campaigns), assets: Set(d.assets), associations: Set(d.associations), contacts: Set(d.contacts),
                     deals: Set(d.deals), dealContacts: Set(d.dealContacts), events: d.events, rules: Set(d.salesforceRules),
                     additions: Set(try store.salesforceAdditions().map { "\($0)" }))
    }
}
