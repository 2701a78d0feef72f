import Foundation
import Testing

/// The real `utmost` binary, run as a script would run it.
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built executable, beside the test bundle.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("utmost")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/utmost")
    }()

    func utmost(_ arguments: String...) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = ["HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("utmost-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        return dir
    }

    @Test("§7 a refused import prints utmost: file:line:column and exits non-zero, creating no store")
    func refusedImport() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("id,amount,stage,created_at\nd1,5,won,2024-01-01T00:00:00Z\n".utf8)
            .write(to: dir.appendingPathComponent("data/deals.csv"))
        let db = dir.appendingPathComponent("s.sqlite").path
        let run = try utmost("import", dir.appendingPathComponent("data").path, "--db", db)
        #expect(run.status != 0)
        #expect(run.stderr == "utmost: deals.csv:2:3 (stage): unknown stage \"won\"; expected open, closed_won or closed_lost\n")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("R2 R3 R6 create, rename and url through the commands, with a fixed clock")
    func editsThroughCommands() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        #expect(try utmost("campaign", "create", "Été Sale", "--db", db, "--now", "2024-01-01T00:00:00Z").stdout
            == "created campaign c1 \"Été Sale\" with utm_campaign ete-sale\n")
        #expect(try utmost("campaign", "rename", "été sale", "Winter", "--db", db, "--now", "2024-02-01T00:00:00Z").status == 0)
        #expect(try utmost("url", "c1", "https://example.com/?a=1", "--source", "x", "--medium", "y", "--db", db).stdout
            == "https://example.com/?a=1&utm_source=x&utm_medium=y&utm_campaign=winter\n")
        let list = try utmost("campaign", "list", "--format", "json", "--db", db)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(json.first?["utm_aliases"] as? [String] == ["ete-sale"])
        #expect(json.first?["created_at"] as? String == "2024-01-01T00:00:00Z")
    }

    @Test("R1 a refused edit prints one line, no stack trace")
    func refusedEdit() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        _ = try utmost("campaign", "create", "Spring", "--db", db)
        let run = try utmost("campaign", "create", "SPRING", "--db", db)
        #expect(run.status == 1)
        #expect(run.stderr == "utmost: the name \"SPRING\" is taken by campaign c1 (\"Spring\")\n")
    }
}
