import Logging
import NIOCore

/// The last handler of a connection: logs its end (who, with which key, from where, how
/// long), closes it on an error (that connection alone), and closes one that has not
/// authenticated within the login grace time.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = Any

    private let record: ConnectionRecord
    private let logger: Logger
    private let loginGrace: Duration

    init(record: ConnectionRecord, logger: Logger, loginGrace: Duration) {
        self.record = record; self.logger = logger; self.loginGrace = loginGrace
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let record = self.record, logger = self.logger, grace = LogText.duration(loginGrace)
        let channel = context.channel
        let timer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(loginGrace.nanoseconds)) {
            guard record.user == nil else { return }
            logger.notice("no authentication in \(grace): closing the connection", metadata: record.metadata)
            channel.close(promise: nil)
        }
        // The SSH handler before this one keeps the channel's end to itself: the close is watched instead.
        channel.closeFuture.assumeIsolated().whenComplete { _ in
            timer.cancel()
            var metadata = record.metadata
            metadata["duration"] = "\(record.age)"
            logger.info("disconnected", metadata: metadata)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        var metadata = record.metadata
        metadata["error"] = "\(error)"
        logger.debug("connection error", metadata: metadata)
        context.close(promise: nil)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
