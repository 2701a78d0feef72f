import ArgumentParser
import CampaignStore
import Foundation
import Logging
import SSHServer
import Terminal

/// `utmost serve`: the dashboard over SSH. Each viewer's session is this same program's
/// `utmost dashboard` on a pseudo-terminal of its own (SSHServer does the SSH).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the live dashboard over SSH: viewers type ssh -p PORT HOST, nothing to install.",
        discussion: """
            Every viewer gets a dashboard of their own on the same store (an edit anyone makes, \
            or the CLI, shows in all); a store that does not exist yet is made with the demo \
            company, as the dashboard does. Viewers are let in by the public keys of an OpenSSH \
            authorized_keys file (ed25519 and ECDSA; no passwords); without one the server does \
            not start, unless --allow-anyone, which also makes it read-only. Listens on \
            127.0.0.1 unless --host says otherwise. The host key is made on first start and \
            kept (its fingerprint is logged at start). Logs go to stderr. SIGTERM or SIGINT \
            hang every viewer up and stop the server.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The address to listen on (0.0.0.0 for every interface).", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0: one the system chooses, logged at start).", valueName: "port"))
    var port = 2222

    @Option(name: .customLong("host-key"), help: ArgumentHelp(
        "The server's ed25519 key in OpenSSH's format, made (0600) when missing. Default: $XDG_STATE_HOME/utmost/ssh_host_ed25519_key.",
        valueName: "file"))
    var hostKey: String?

    @Option(name: .customLong("authorized-keys"), help: ArgumentHelp(
        "The public keys let in, in OpenSSH's authorized_keys format. Default: ~/.ssh/authorized_keys.", valueName: "file"))
    var authorizedKeys: String?

    @Flag(name: .customLong("read-only"), help: "Viewers browse only: every edit key answers read-only.")
    var readOnly = false

    @Flag(name: .customLong("allow-anyone"), help: "Let any client in, with or without a key (forces --read-only).")
    var allowAnyone = false

    @Option(name: .customLong("max-sessions"), help: ArgumentHelp("Sessions at once; the next viewer is told to try later.", valueName: "n"))
    var maxSessions = 16

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp(
        "A session with no key pressed for this long is closed: 90s, 30m, 2h; 0 for never.", valueName: "duration"))
    var idleTimeout = "30m"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port \(port): a port is 0 to 65535") }
        guard (1...1024).contains(maxSessions) else { throw ValidationError("--max-sessions \(maxSessions): 1 to 1024") }
        _ = try IdleTimeout.parse(idleTimeout)
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let location = try store.location()
        // Opened once here so that a store that cannot be used is said now, not to each viewer.
        if try location.isNew() { try SampleData.createStore(store) } else { try location.open(onLongWait: StoreOptions.sayWaiting).close() }
        let keyPath = hostKey ?? URL(fileURLWithPath: CrashReports.folder(environment: environment))
            .appendingPathComponent("ssh_host_ed25519_key").path
        let (key, created) = try HostKey.loadOrCreate(at: keyPath)
        let access = try self.access(environment: environment)
        let readOnly = self.readOnly || allowAnyone
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path else {
            throw CommandError("serve: cannot tell where this program is, to start the viewers' dashboards")
        }
        // The store reaches the viewers in UTMOST_DB, not on their command line, where
        // anyone on the machine could read a PostgreSQL URL's password.
        var sessionEnvironment = SessionProgram.inherited(from: environment)
        sessionEnvironment["UTMOST_DB"] = try store.argumentForChild()
        let program = SessionProgram(path: executable, arguments: ["dashboard", "--no-remember"] + (readOnly ? ["--read-only"] : []),
                                     environment: sessionEnvironment)

        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "utmost-serve")
        let options = SSHServer.Options(host: host, port: port, hostKey: key, access: access, program: program,
                                        maxSessions: maxSessions, idleTimeout: try IdleTimeout.parse(idleTimeout))
        let server: SSHServer
        do {
            server = try SSHServer.start(options, logger: logger)
        } catch {
            throw CommandError("serve: cannot listen on \(host) port \(port): \(error)")
        }
        logger.info("listening", metadata: [
            "address": "\(host):\(server.port)", "store": "\(location.label)", "read-only": "\(readOnly)",
            "access": "\(allowAnyone ? "anyone" : "authorized keys")", "sessions": "\(maxSessions)",
        ])
        logger.info("host key \(key.publicKey.fingerprint) (\(key.publicKey.kindLabel))",
                    metadata: ["file": "\(keyPath)", "new": "\(created)"])
        let signal = StopSignals.wait(for: [SIGTERM, SIGINT, SIGHUP])
        logger.info("stopping: \(signal == SIGINT ? "SIGINT" : signal == SIGHUP ? "SIGHUP" : "SIGTERM")")
        server.stop()
        logger.info("stopped")
    }

    /// The keys let in, or anyone. A keys file that lets no key in stops the server
    /// before it starts; lines it skips are said, one each.
    private func access(environment: [String: String]) throws -> Access {
        if allowAnyone { return .anyone }
        let path = authorizedKeys ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
            .appendingPathComponent(".ssh/authorized_keys").path
        let keys: AuthorizedKeys
        do {
            keys = try AuthorizedKeys.load(from: path)
        } catch {
            throw CommandError("serve: \(error); name a file with --authorized-keys, or serve a read-only demo to anyone with --allow-anyone")
        }
        for skipped in keys.skipped { Output.error("utmost: authorized keys \(path) \(skipped), skipped") }
        return .keys(keys)
    }
}

/// `--idle-timeout`: a number and a unit (s, m, h); 0 for never.
enum IdleTimeout {
    static func parse(_ text: String) throws -> Duration? {
        if text == "0" { return nil }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0, count <= 10_000 else {
            throw ValidationError("--idle-timeout \(text): a number and a unit, as 90s, 30m or 2h (0 for never)")
        }
        return .seconds(count * unit)
    }
}
