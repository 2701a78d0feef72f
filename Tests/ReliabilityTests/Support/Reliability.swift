import Foundation
import Testing

/// Every reliability test, one at a time: they start processes, time them and
/// drive tmux on a 2-core machine, so running them side by side would only
/// make their deadlines flaky.
@Suite(.serialized)
enum Reliability {}

/// Budgets read from the environment, so CI runs a bounded sample and a
/// longer hunt is one variable away.
enum Budget {
    static func int(_ name: String, default value: Int) -> Int {
        guard let raw = ProcessInfo.processInfo.environment[name], let n = Int(raw), n >= 0 else { return value }
        return n
    }

    /// `UTMOST_FUZZ_CASES`: fuzzed import cases (default 300).
    static var fuzzCases: Int { int("UTMOST_FUZZ_CASES", default: 300) }
    /// `UTMOST_FUZZ_SEED`: the fuzzer's base seed; each case is seeded from it and its index.
    static var fuzzSeed: UInt64 { UInt64(int("UTMOST_FUZZ_SEED", default: 0x5EED)) }
    /// `UTMOST_KILL_RUNS`: SIGKILLs during a large import (default 12).
    static var killRuns: Int { int("UTMOST_KILL_RUNS", default: 12) }
    /// `UTMOST_KILL_EVENTS`: events in the large import's folder (default 200,000).
    static var killEvents: Int { int("UTMOST_KILL_EVENTS", default: 200_000) }
    /// `UTMOST_WRITER_ROUNDS`: rounds of import + edits beside the dashboard (default 8).
    static var writerRounds: Int { int("UTMOST_WRITER_ROUNDS", default: 8) }
}

/// The repository and its sample data, found from this file's path.
enum Repo {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
    static var sampleData: URL { root.appendingPathComponent("sample-data") }
    static var corpus: URL { root.appendingPathComponent("Tests/ReliabilityTests/Corpus") }
}

/// A fresh folder under the temporary directory, removed on deinit.
final class Scratch {
    let url: URL
    var path: String { url.path }

    init(_ label: String = "rel") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("utmost-\(label)-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Give back write permission taken away by a test, then remove.
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        try? FileManager.default.removeItem(at: url)
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    func folder(_ name: String) -> URL {
        let u = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
}
