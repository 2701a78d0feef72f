import Foundation
import TmuxHarness

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
        let run: ProgramRun
        if asNobody && getuid() == 0 {
            run = try ProgramRun.toEnd(URL(fileURLWithPath: "/usr/bin/setpriv"), ["--reuid=65534", "--regid=65534", "--clear-groups", path.path] + arguments,
                                       environment: Self.environment(environment), timeout: timeout)
        } else {
            run = try ProgramRun.toEnd(path, arguments, environment: Self.environment(environment), timeout: timeout)
        }
        return Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
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
