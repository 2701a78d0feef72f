import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSH
import Synchronization

/// An SSH server whose sessions are one program on a pseudo-terminal, as charmbracelet's
/// wish serves bubbletea programs: it authenticates, pumps bytes, forwards window
/// changes and hangs programs up when their viewers go. Each session is a process of
/// its own, so one that fails takes only itself down. Port forwarding, subsystems
/// (sftp) and passwords are refused.
public final class SSHServer: Sendable {
    public struct Options: Sendable {
        public var host: String
        /// 0: a port the system chooses (`port` tells which).
        public var port: Int
        public var hostKey: HostKey
        public var access: Access
        public var program: SessionProgram
        public var maxSessions: Int
        /// How long a session may go without a key from its viewer (nil: as long as it likes).
        public var idleTimeout: Duration?
        /// Refused authentications after which a connection is closed (sshd's MaxAuthTries).
        public var maxFailedAuthentications: Int
        /// How long a connection may take to authenticate (sshd's LoginGraceTime).
        public var loginGrace: Duration
        /// How long a hung-up program has to end before it is killed.
        public var hangUpGrace: Duration

        public init(host: String = "127.0.0.1", port: Int = 2222, hostKey: HostKey, access: Access, program: SessionProgram,
                    maxSessions: Int = 16, idleTimeout: Duration? = .seconds(30 * 60), maxFailedAuthentications: Int = 6,
                    loginGrace: Duration = .seconds(60), hangUpGrace: Duration = .seconds(3)) {
            self.host = host; self.port = port; self.hostKey = hostKey; self.access = access; self.program = program
            self.maxSessions = maxSessions; self.idleTimeout = idleTimeout
            self.maxFailedAuthentications = maxFailedAuthentications
            self.loginGrace = loginGrace; self.hangUpGrace = hangUpGrace
        }
    }

    private let group: MultiThreadedEventLoopGroup
    private let listener: Channel
    private let registry: SessionRegistry
    private let connections: Connections
    private let logger: Logger

    /// The port it listens on.
    public var port: Int { listener.localAddress?.port ?? 0 }

    private init(group: MultiThreadedEventLoopGroup, listener: Channel, registry: SessionRegistry,
                 connections: Connections, logger: Logger) {
        self.group = group; self.listener = listener; self.registry = registry
        self.connections = connections; self.logger = logger
    }

    /// Listens, and serves on threads of its own until `stop`. Blocks only while it binds.
    /// (Nothing here waits on Swift's shared task pool, which a busy process can starve.)
    public static func start(_ options: Options, logger: Logger) throws -> SSHServer {
        // One thread is plenty for terminals' bytes; the programs do the work.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let registry = SessionRegistry(capacity: options.maxSessions)
        let connections = Connections()
        let settings = SessionSettings(program: options.program, registry: registry, idleTimeout: options.idleTimeout,
                                       hangUpGrace: options.hangUpGrace, logger: logger)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_keepalive), value: 1)
            // Each key is a few bytes that should not wait for more.
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.setUp(connection: channel, options: options, settings: settings, logger: logger)
                    connections.add(channel)
                    channel.closeFuture.whenComplete { _ in connections.remove(channel) }
                }
            }
        let listener: Channel
        do {
            listener = try bootstrap.bind(host: options.host, port: options.port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        return SSHServer(group: group, listener: listener, registry: registry, connections: connections, logger: logger)
    }

    /// One connection's pipeline: SSH with this connection's authenticator, whose session
    /// channels each get an idle timer and a terminal session; then the connection's log
    /// and error handling.
    private static func setUp(connection channel: Channel, options: Options, settings: SessionSettings, logger: Logger) throws {
        let record = ConnectionRecord(address: describe(channel.remoteAddress))
        logger.info("connection", metadata: record.metadata)
        let authenticator = KeyAuthenticator(access: options.access, record: record, maxFailures: options.maxFailedAuthentications,
                                             logger: logger, channel: channel)
        var configuration = SSHServerConfiguration(hostKeys: [options.hostKey.sshKey], userAuthDelegate: authenticator)
        // A backstop for requests that are not refusals (key queries): twice the refusals, and the opening `none`.
        configuration.maxAuthAttempts = options.maxFailedAuthentications * 2 + 1
        let idle = options.idleTimeout.map { TimeAmount.nanoseconds($0.nanoseconds) }
        let ssh = NIOSSHHandler(role: .server(configuration), allocator: channel.allocator) { child, type in
            guard case .session = type else { return child.eventLoop.makeFailedFuture(ChannelTypeRefused()) }
            return child.eventLoop.makeCompletedFuture {
                if let idle { try child.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idle)) }
                try child.pipeline.syncOperations.addHandler(TerminalSessionHandler(settings: settings, connection: record))
            }
        }
        try channel.pipeline.syncOperations.addHandlers([
            ssh, ConnectionHandler(record: record, logger: logger, loginGrace: options.loginGrace),
        ])
    }

    /// Stops: takes no new connection, hangs every session up (each viewer told `note`),
    /// waits for their programs to end (they are killed after the hang-up grace; the wait
    /// looks every 20 ms, while stopping only), then closes the connections. Blocks the
    /// caller for under 5 seconds.
    public func stop(note: String = "utmost: the server is stopping") {
        try? listener.close().wait()
        registry.hangUpAll(note: note)
        let deadline = ContinuousClock.now + .milliseconds(4500)
        while registry.count > 0, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let open = connections.channels.withLock { Array($0.values) }
        for channel in open { channel.close(promise: nil) }
        try? group.syncShutdownGracefully()
    }

    static func describe(_ address: SocketAddress?) -> String {
        guard let address else { return "unknown" }
        switch address {
        case .v4, .v6: return "\(address.ipAddress ?? "?"):\(address.port ?? 0)"
        case .unixDomainSocket: return address.pathname ?? "unix socket"
        }
    }
}

/// The open connections, to close when the server stops.
private final class Connections: Sendable {
    let channels = Mutex<[ObjectIdentifier: Channel]>([:])

    func add(_ channel: Channel) { channels.withLock { $0[ObjectIdentifier(channel)] = channel } }
    func remove(_ channel: Channel) { _ = channels.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) } }
}

/// Port forwarding and other channels than sessions.
struct ChannelTypeRefused: Error {}
