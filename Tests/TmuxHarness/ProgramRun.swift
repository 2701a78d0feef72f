import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program run to its end, as the tests run the real binary and OpenSSH's tools.
public struct ProgramRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// The program was still running at the deadline and was killed.
    public var timedOut: Bool

    /// Runs `executable` with exactly `environment`, stdin from /dev/null, in `directory`
    /// when given; killed (SIGKILL) when it runs past `timeout` seconds. Output goes to
    /// files, not pipes: a chatty stderr can never block the child while the test waits.
    public static func toEnd(_ executable: URL, _ arguments: [String], environment: [String: String],
                             directory: URL? = nil, timeout: TimeInterval) throws -> ProgramRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("program-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return ProgramRun(status: process.terminationStatus,
                          stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                          stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
                          timedOut: timedOut)
    }
}
