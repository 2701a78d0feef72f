import Logging
import NIOCore
import NIOSSH

/// Public-key authentication for one connection against the server's `Access`. No
/// passwords. Each refused attempt is logged and counted; at `maxFailures` the
/// connection is closed. OpenSSH's opening `none` request (asked to learn the methods)
/// is not a failure, and lets the client in only when anyone may come in.
final class KeyAuthenticator: NIOSSHServerUserAuthenticationDelegate {
    private let access: Access
    private let record: ConnectionRecord
    private let maxFailures: Int
    private let logger: Logger
    private let channel: Channel
    private var failures = 0

    init(access: Access, record: ConnectionRecord, maxFailures: Int, logger: Logger, channel: Channel) {
        self.access = access; self.record = record; self.maxFailures = maxFailures
        self.logger = logger; self.channel = channel
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .publicKey }

    func requestReceived(request: NIOSSHUserAuthenticationRequest,
                         responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        let user = LogText.clean(request.username)
        switch request.request {
        case .publicKey(let offer):
            decide(user: user, key: offer.publicKey, responsePromise)
        case .none:
            if case .anyone = access { decide(user: user, key: nil, responsePromise) } else { responsePromise.succeed(.failure) }
        case .password:
            refuse(user: user, key: nil, reason: "passwords are not accepted", responsePromise)
        case .hostBased:
            refuse(user: user, key: nil, reason: "host-based authentication is not accepted", responsePromise)
        }
    }

    private func decide(user: String, key: NIOSSHPublicKey?, _ promise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        guard let admission = access.admits(key) else {
            return refuse(user: user, key: key, reason: "the key is not in the authorized keys", promise)
        }
        record.user = user
        record.key = key.map(Self.describe) ?? "none"
        var metadata = record.metadata
        if let comment = admission.comment, !comment.isEmpty { metadata["comment"] = "\(LogText.clean(comment))" }
        logger.info("authenticated", metadata: metadata)
        promise.succeed(.success)
    }

    private func refuse(user: String, key: NIOSSHPublicKey?, reason: String,
                        _ promise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        failures += 1
        var metadata = record.metadata
        metadata["user"] = "\(user)"
        if let key { metadata["key"] = "\(Self.describe(key))" }
        metadata["attempt"] = "\(failures) of \(maxFailures)"
        logger.notice("refused: \(reason)", metadata: metadata)
        promise.succeed(.failure)
        if failures >= maxFailures {
            logger.notice("too many failed authentications: closing the connection", metadata: record.metadata)
            // After the refusal itself has gone out.
            let channel = self.channel
            channel.eventLoop.execute { channel.close(promise: nil) }
        }
    }

    static func describe(_ key: NIOSSHPublicKey) -> String {
        "\(key.fingerprint) (\(key.kindLabel))"
    }
}
