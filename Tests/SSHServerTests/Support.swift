import Crypto
import Foundation
import Logging
import NIOSSH
import Synchronization
import Testing
@testable import SSHServer

/// Keys made in the test, as `authorized_keys` lines.
enum TestKeys {
    static func ed25519() -> NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: .init()) }
    static func p256() -> NIOSSHPrivateKey { NIOSSHPrivateKey(p256Key: .init()) }

    /// `type base64 comment`, as `ssh-keygen` writes a `.pub` file.
    static func line(_ key: NIOSSHPrivateKey, comment: String = "") -> String {
        String(openSSHPublicKey: key.publicKey) + (comment.isEmpty ? "" : " " + comment)
    }
}

/// A folder of the test's own, removed at the end.
struct TestFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("utmost-ssh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let path = path(name)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Log lines kept for the test to read: `level message key=value…`.
final class LogCapture: Sendable {
    private let stored = Mutex<[String]>([])
    var lines: [String] { stored.withLock { $0 } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(capture: self) }
    }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).merging(metadata) { a, _ in a }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let line = (["\(event.level)", "\(event.message)"] + fields).joined(separator: " ")
            capture.stored.withLock { $0.append(line) }
        }
    }
}

/// OpenSSH's tools, which the tests compare with and connect through.
enum OpenSSH {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    struct Missing: Error, CustomStringConvertible {
        var tool: String
        var description: String { "\(tool) is not installed (apt-get install openssh-client; .ci/run does)" }
    }

    /// Runs an OpenSSH tool to its end, within `timeout` seconds.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 30) throws -> Result {
        guard let path = ["/usr/bin/\(tool)", "/bin/\(tool)", "/usr/local/bin/\(tool)"].first(where: FileManager.default.isExecutableFile) else {
            throw Missing(tool: tool)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let folder = try TestFolder()
        defer { folder.remove() }
        _ = FileManager.default.createFile(atPath: folder.path("out"), contents: nil)
        _ = FileManager.default.createFile(atPath: folder.path("err"), contents: nil)
        let out = try FileHandle(forWritingTo: folder.url.appendingPathComponent("out"))
        let err = try FileHandle(forWritingTo: folder.url.appendingPathComponent("err"))
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: FileManager.default.contents(atPath: folder.path("out")) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: FileManager.default.contents(atPath: folder.path("err")) ?? Data(), as: UTF8.self))
    }

    /// `ssh-keygen -t ed25519 -N ''` into `path` (and `path.pub`).
    static func keygen(_ path: String, type: String = "ed25519", passphrase: String = "") throws {
        let result = try run("ssh-keygen", ["-q", "-t", type, "-N", passphrase, "-C", "test", "-f", path])
        guard result.status == 0 else { throw Failure("ssh-keygen failed: \(result.stderr)") }
    }

    /// The options every test connection takes: this key only, no agent, no prompts, a known_hosts of its own.
    static func clientOptions(port: Int, key: String, knownHosts: String) -> [String] {
        ["-p", "\(port)", "-i", key, "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
         "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=\(knownHosts)", "-o", "LogLevel=ERROR",
         "-o", "ConnectTimeout=10", "-F", "/dev/null"]
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
