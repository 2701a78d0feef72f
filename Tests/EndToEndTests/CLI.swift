import Foundation
import TmuxHarness

/// Runs the real `utmost` binary, as a script or a user at a shell would.
enum CLI {
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
        /// The non-empty lines of stderr.
        var errorLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// A command that did not finish: the suite must not hang on a product bug.
    struct Timeout: Error, CustomStringConvertible {
        var arguments: [String]
        var seconds: TimeInterval
        var description: String { "utmost \(arguments.joined(separator: " ")) did not finish within \(Int(seconds)) s" }
    }

    /// The repository root, found from this file's path.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var sampleData: URL { repository.appendingPathComponent("sample-data") }
    static var moreEvents: URL { sampleData.appendingPathComponent("more-events") }

    /// The instant the sample README's expected numbers are computed at.
    static let asOf = "2026-11-29T00:00:00Z"

    /// Runs `utmost arguments...` with the test's environment minus `UTMOST_DB` (and the
    /// other variables that would reach a user's own store or settings), plus
    /// `environment`, minus `unset`. The working directory is `directory` when given;
    /// `executable` runs instead of utmost (a shell that sets up and execs it, say).
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], unset: [String] = [],
                    in directory: URL? = nil, timeout: TimeInterval = 120, executable: URL? = nil) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        for key in ["UTMOST_DB", "UTMOST_THEME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "NO_COLOR"] { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        for key in unset { env[key] = nil }
        let run = try ProgramRun.toEnd(try executable ?? binary(), arguments, environment: env, directory: directory, timeout: timeout)
        if run.timedOut { throw Timeout(arguments: arguments, seconds: timeout) }
        return Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var looked: [String]
        var description: String { "the utmost binary was not found (looked at \(looked.joined(separator: ", "))); run swift build first" }
    }

    /// The built executable: `$UTMOST_BINARY`, else beside the test bundle
    /// (`.build/<triple>/<config>/`), else `.build/debug/utmost`.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["UTMOST_BINARY"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var bundle = Bundle.main.bundleURL
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("utmost"))
            candidates.append(bundle.appendingPathComponent("utmost"))
            dir.deleteLastPathComponent()
            bundle.deleteLastPathComponent()
        }
        candidates.append(repository.appendingPathComponent(".build/debug/utmost"))
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate.standardizedFileURL
            }
        }
        throw BinaryMissing(looked: candidates.map(\.path))
    }

    /// A fresh folder under the temporary directory, removed by the caller.
    static func temporaryFolder(prefix: String = "utmost-e2e") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A store file in its own temporary folder. `Scratch()` is empty; `try .sample()` holds
/// the demo company. The folder goes away with `remove()`.
struct Scratch {
    let folder: URL
    var db: String { folder.appendingPathComponent("store.sqlite").path }

    init() throws { folder = try CLI.temporaryFolder() }

    /// A store with `sample-data/` imported.
    static func sample() throws -> Scratch {
        let scratch = try Scratch()
        let result = try scratch.utmost("import", CLI.sampleData.path)
        guard result.status == 0 else { throw Failure("importing sample-data failed: \(result)") }
        return scratch
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// `utmost arguments... --db <this store>`.
    @discardableResult
    func utmost(_ arguments: String..., environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(arguments + ["--db", db], environment: environment)
    }

    /// `utmost report --format json --as-of <README's instant>` on this store, parsed.
    func report(_ extra: String...) throws -> ReportJSON {
        let result = try CLI.run(["report", "--format", "json", "--as-of", CLI.asOf, "--db", db] + extra)
        guard result.status == 0 else { throw Failure("utmost report failed: \(result)") }
        return try ReportJSON(result.stdout)
    }

    /// `utmost campaign list --format json`, by campaign id.
    func campaigns() throws -> [String: [String: Any]] {
        let result = try utmost("campaign", "list", "--format", "json")
        guard result.status == 0 else { throw Failure("utmost campaign list failed: \(result)") }
        guard let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] else {
            throw Failure("campaign list --format json is not an array of objects:\n\(result.stdout)")
        }
        return Dictionary(list.compactMap { item in (item["id"] as? String).map { ($0, item) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Every file of the folder whose name starts with the store's (the WAL and
    /// shared-memory files too), with its bytes.
    func storeFiles() throws -> [String: Data] {
        let name = URL(fileURLWithPath: db).lastPathComponent
        var files: [String: Data] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasPrefix(name) {
            files[file] = try Data(contentsOf: folder.appendingPathComponent(file))
        }
        return files
    }
}

/// A test precondition that did not hold, with what was seen.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `utmost report --format json`, read with JSONSerialization.
struct ReportJSON: @unchecked Sendable { // immutable after init
    let root: [String: Any]

    init(_ text: String) throws {
        guard let root = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Failure("the report is not a JSON object:\n\(text.prefix(500))")
        }
        self.root = root
    }

    var campaigns: [[String: Any]] { root["campaigns"] as? [[String: Any]] ?? [] }
    var campaignIDs: [String] { campaigns.compactMap { $0["id"] as? String } }

    func campaign(_ id: String) throws -> [String: Any] {
        guard let c = campaigns.first(where: { $0["id"] as? String == id }) else {
            throw Failure("campaign \(id) is not in the report (it has \(campaignIDs))")
        }
        return c
    }

    /// The six metrics of R14, revenue in cents.
    func metrics(_ id: String) throws -> Metrics {
        let c = try campaign(id)
        return Metrics(sessions: c["sessions"] as? Int ?? -1,
                       influenced: c["influenced_contacts"] as? Int ?? -1,
                       firstTouch: c["new_contacts_first_touch"] as? Int ?? -1,
                       lastTouch: c["new_contacts_last_touch"] as? Int ?? -1,
                       deals: c["influenced_deals"] as? Int ?? -1,
                       revenueCents: Self.cents(c["influenced_revenue"]))
    }

    /// The ids of the assets the report lists under a campaign.
    func assetIDs(_ campaignID: String) throws -> [String] {
        (try campaign(campaignID)["assets"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    func asset(_ assetID: String, in campaignID: String) throws -> [String: Any] {
        guard let a = (try campaign(campaignID)["assets"] as? [[String: Any]] ?? []).first(where: { $0["id"] as? String == assetID }) else {
            throw Failure("asset \(assetID) is not listed under \(campaignID) (it lists \(try assetIDs(campaignID)))")
        }
        return a
    }

    /// Which campaigns list the asset.
    func campaignsListing(_ assetID: String) -> [String] {
        campaigns.filter { c in (c["assets"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == assetID } }
            .compactMap { $0["id"] as? String }
    }

    var unlinked: [[String: Any]] { root["unlinked_utm"] as? [[String: Any]] ?? [] }
    var attribution: [String: Any] { root["attribution"] as? [String: Any] ?? [:] }

    /// A model's credit per campaign, in cents; campaigns left out count as 0.
    func model(_ name: String) -> [String: Int] {
        let credits = (attribution["models"] as? [String: Any])?[name] as? [String: Any] ?? [:]
        return credits.mapValues { Self.cents($0) }.filter { $0.value != 0 }
    }

    /// A JSON number as cents (JSON amounts are rounded to cents, SPEC §8).
    static func cents(_ value: Any?) -> Int {
        if let d = value as? Double { return Int((d * 100).rounded()) }
        if let n = value as? NSNumber { return Int((n.doubleValue * 100).rounded()) }
        return Int.min
    }
}

/// A campaign's six numbers (R14); revenue in cents.
struct Metrics: Equatable, CustomStringConvertible {
    var sessions, influenced, firstTouch, lastTouch, deals, revenueCents: Int

    var description: String {
        "sessions \(sessions), influenced \(influenced), first touch \(firstTouch), last touch \(lastTouch), deals \(deals), revenue \(Double(revenueCents) / 100)"
    }
}
