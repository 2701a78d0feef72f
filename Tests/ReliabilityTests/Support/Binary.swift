import Foundation

/// Runs the real `utmost` binary built next to the test bundle (as EndToEndTests does).
enum Binary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    /// `.build/<config>/utmost`: the test bundle lives in the same folder.
    static var path: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("utmost")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Repo.root.appendingPathComponent(".build/debug/utmost")
    }

    /// The environment the binary runs in: no store from the caller's environment, a private HOME.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["UTMOST_DB"] = nil
        env["HOME"] = NSTemporaryDirectory()
        env["XDG_DATA_HOME"] = nil
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Runs `utmost arguments` to completion, stdin from /dev/null.
    /// - Parameter asNobody: as user 65534 when the tests run as root, so that file permissions bind.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120,
                    asNobody: Bool = false) throws -> Result {
        let process = Process()
        if asNobody && getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", path.path] + arguments
        } else {
            process.executableURL = path
            process.arguments = arguments
        }
        process.environment = Self.environment(environment)
        let scratch = Scratch("run")
        _ = FileManager.default.createFile(atPath: scratch.file("out"), contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.file("err"), contents: nil)
        let out = try FileHandle(forWritingTo: scratch.url.appendingPathComponent("out"))
        let err = try FileHandle(forWritingTo: scratch.url.appendingPathComponent("err"))
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: FileManager.default.contents(atPath: scratch.file("out")) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: FileManager.default.contents(atPath: scratch.file("err")) ?? Data(), as: UTF8.self))
    }

    /// Starts `utmost arguments` without waiting; output goes to /dev/null.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = path
        process.arguments = arguments
        process.environment = Self.environment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}
