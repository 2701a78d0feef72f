import CampaignStore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// Connects to a store's server as its `PostgresLocation` says: TCP (with TLS as
/// `sslmode` asks) or a Unix socket, logging in with the user and password found,
/// giving up after the location's timeout. Errors are `StoreError`s (`PostgresFailure`).
enum PostgresConnector {
    /// postgres-nio logs nothing utmost's user should see: only what it calls critical gets through.
    static let logger: Logger = {
        var logger = Logger(label: "utmost.postgres")
        logger.logLevel = .critical
        return logger
    }()

    private static let ids = Atomic<Int>(0)

    static func connect(_ location: PostgresLocation) throws -> PostgresConnection {
        do {
            return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                  configuration: try configuration(location),
                                                  id: ids.add(1, ordering: .relaxed).newValue, logger: logger).wait()
        } catch {
            throw PostgresFailure.connecting(error, location)
        }
    }

    /// The same, for async work (the change listener).
    static func connect(_ location: PostgresLocation) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                        configuration: try configuration(location),
                                                        id: ids.add(1, ordering: .relaxed).newValue, logger: logger)
        } catch {
            throw PostgresFailure.connecting(error, location)
        }
    }

    static func configuration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socket = location.socketPath {
            configuration = .init(unixSocketPath: socket, username: location.user, password: location.password,
                                  database: location.database)
        } else {
            configuration = .init(host: location.host, port: location.port, username: location.user,
                                  password: location.password, database: location.database, tls: try tls(location))
        }
        configuration.options.connectTimeout = .milliseconds(Int64(location.connectTimeout * 1000))
        configuration.options.additionalStartupParameters = [("application_name", "utmost")]
        return configuration
    }

    /// libpq's sslmodes: `prefer` and `require` encrypt without checking the certificate;
    /// `verify-ca` checks it against `~/.postgresql/root.crt` when there is one, else the
    /// system's roots; `verify-full` also matches its name to the host.
    private static func tls(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        guard location.sslMode != .disable else { return .disable }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        let rootCertificate = NSHomeDirectory() + "/.postgresql/root.crt"
        if location.sslMode == .verifyCA || location.sslMode == .verifyFull,
           FileManager.default.fileExists(atPath: rootCertificate) {
            tls.trustRoots = .file(rootCertificate)
        }
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: tls) } catch {
            throw StoreError.unreachable(store: location.label, reason: "TLS cannot be set up (\(error))")
        }
        return location.sslMode == .prefer ? .prefer(context) : .require(context)
    }
}
