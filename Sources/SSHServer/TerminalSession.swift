import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSH

/// What every session shares: the program, the places, the limits and the log.
struct SessionSettings: Sendable {
    var program: SessionProgram
    var registry: SessionRegistry
    /// How long a session may go without a key from its viewer (nil: no limit).
    var idleTimeout: Duration?
    /// How long a hung-up program has to end before it is killed.
    var hangUpGrace: Duration
    var logger: Logger
}

/// One SSH session channel: takes the viewer's terminal (`pty-req`, `env`,
/// `window-change`), starts the program on a pseudo-terminal when the viewer asks for a
/// shell, pumps bytes both ways, and ends the channel with the program's exit status.
///
/// A viewer without a terminal (`ssh host ls`) or over the session limit is told so in
/// one line, with exit status 1. A viewer that goes away has its program hung up (SIGHUP
/// to its process group, the terminal closed, SIGKILL after `hangUpGrace`); so has one
/// idle for `idleTimeout`, or every session when the server stops, told why once the
/// program has given its terminal back.
final class TerminalSessionHandler: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    private let settings: SessionSettings
    private let connection: ConnectionRecord
    private var context: ChannelHandlerContext?
    private var loop: EventLoop?
    private var terminal: ClientTerminal?
    private var clientVariables: [String: String] = [:]
    private var place: Int?
    private var child: ChildProcess?
    private var started = ContinuousClock.now
    /// The master side of the pseudo-terminal, as a channel, once it is open.
    private var output: Channel?
    /// Keys that came before the terminal's channel was open.
    private var pendingInput: [ByteBuffer] = []
    private var outputClosed = false
    private var exit: ChildProcess.Exit?
    /// Said to the viewer after the program has ended: why the server hung it up.
    private var note: String?
    private var finished = false

    init(settings: SessionSettings, connection: ConnectionRecord) {
        self.settings = settings; self.connection = connection
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        loop = context.eventLoop
        // A terminal has no half: the viewer's end of input (EOF) leaves the program running, as with sshd.
        context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).whenFailure { _ in }
    }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            let accepted = terminal == nil && child == nil
            if accepted {
                terminal = ClientTerminal(term: ClientTerminal.cleanTerm(request.term),
                                          columns: ClientTerminal.cleanSize(request.terminalCharacterWidth, default: 80),
                                          rows: ClientTerminal.cleanSize(request.terminalRowHeight, default: 24))
            }
            reply(request.wantReply, accepted)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            let accepted = child == nil && ClientVariables.accepted(request.name)
            if accepted { clientVariables[request.name] = request.value }
            reply(request.wantReply, accepted)
        case let request as SSHChannelRequestEvent.ShellRequest:
            start(wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.ExecRequest:
            // Like sshd's ForceCommand: with a terminal, the program runs whatever was asked.
            start(wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            resize(columns: request.terminalCharacterWidth, rows: request.terminalRowHeight)
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            reply(request.wantReply, false)
        case IdleStateHandler.IdleStateEvent.read:
            hangUp(note: "utmost: no key pressed for \(settings.idleTimeout.map(LogText.duration) ?? "long"); the session is closed",
                   closingTerminal: false)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard message.type == .channel, case .byteBuffer(let bytes) = message.data, child != nil, exit == nil else { return }
        if let output { output.writeAndFlush(bytes, promise: nil) } else { pendingInput.append(bytes) }
    }

    /// A slow viewer: the terminal is read no faster than the viewer takes it, so the
    /// program waits on its writes instead of the server buffering without end.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        output?.setOption(ChannelOptions.autoRead, value: context.channel.isWritable).whenFailure { _ in }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The viewer went away (or the session ended): a program still running is hung up.
        hangUp(note: nil, closingTerminal: true)
        context.fireChannelInactive()
    }

    /// An error on this session's channel ends this session alone.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        settings.logger.debug("session error: \(error)", metadata: connection.metadata)
        context.close(promise: nil)
    }

    // MARK: Starting

    private func start(wantReply: Bool) {
        guard let context, child == nil, place == nil, !finished else { return reply(wantReply, false) }
        reply(wantReply, true)
        guard let terminal else { return refuse("utmost: the dashboard needs a terminal: connect with ssh -t") }
        switch settings.registry.reserve() {
        case .full: return refuse("utmost: all \(settings.registry.capacity) sessions are in use; try again later")
        case .stopping(let note): return refuse(note)
        case .place(let id): place = id
        }
        let child: ChildProcess
        do {
            child = try ChildProcess(settings.program, terminal: terminal,
                                     environment: settings.program.environment(term: terminal.term, client: clientVariables))
        } catch {
            settings.logger.error("session not started: \(error)", metadata: connection.metadata)
            releasePlace()
            return refuse("utmost: the dashboard could not be started")
        }
        self.child = child
        started = ContinuousClock.now
        var metadata = connection.metadata
        metadata["pid"] = "\(child.pid)"
        metadata["term"] = "\(terminal.term)"
        metadata["size"] = "\(terminal.columns)x\(terminal.rows)"
        settings.logger.info("session started", metadata: metadata)

        let loop = context.eventLoop
        let session = NIOLoopBound(self, eventLoop: loop)
        child.whenExited { exit in loop.execute { session.value.programEnded(exit) } }
        if let place { settings.registry.running(place) { note in loop.execute { session.value.hangUp(note: note, closingTerminal: false) } } }
        NIOPipeBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(TerminalOutputHandler(session: session))
                }
            }
            .takingOwnershipOfDescriptor(inputOutput: child.master)
            .whenComplete { result in session.value.terminalOpened(result, master: child.master) }
    }

    private func terminalOpened(_ result: Result<Channel, any Error>, master: Int32) {
        switch result {
        case .success(let channel):
            guard !finished, context != nil else {
                channel.close(promise: nil)
                return
            }
            output = channel
            for bytes in pendingInput { channel.write(bytes, promise: nil) }
            pendingInput = []
            channel.flush()
        case .failure(let error):
            close(master)
            settings.logger.error("the session's terminal could not be opened: \(error)", metadata: connection.metadata)
            outputClosed = true
            hangUp(note: "utmost: the session's terminal failed", closingTerminal: false)
        }
    }

    // MARK: While it runs

    private func resize(columns: Int, rows: Int) {
        let size = (columns: ClientTerminal.cleanSize(columns, default: 80), rows: ClientTerminal.cleanSize(rows, default: 24))
        terminal?.columns = size.columns
        terminal?.rows = size.rows
        // Once the terminal's channel has closed, its descriptor may be someone else's.
        guard let child, exit == nil, !outputClosed else { return }
        child.resize(columns: size.columns, rows: size.rows)
    }

    /// Bytes the program wrote, for the viewer.
    fileprivate func terminalOutput(_ bytes: ByteBuffer) {
        guard let context, context.channel.isActive else { return }
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(bytes))), promise: nil)
        if !context.channel.isWritable { output?.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in } }
    }

    /// The terminal gave its last byte: every process on its slave side has closed it.
    fileprivate func terminalClosed() {
        output = nil
        outputClosed = true
        if exit != nil { finish() }
    }

    // MARK: Ending

    /// Hangs the program up, once: SIGHUP to its process group, and SIGKILL after the
    /// grace time. `closingTerminal` when the viewer is gone: nothing more can reach it.
    private func hangUp(note: String?, closingTerminal: Bool) {
        if self.note == nil { self.note = note }
        if closingTerminal { output?.close(promise: nil) }
        guard let child, exit == nil, let loop else { return }
        child.signalGroup(SIGHUP)
        loop.scheduleTask(in: .nanoseconds(settings.hangUpGrace.nanoseconds)) { child.signalGroup(SIGKILL) }
    }

    private func programEnded(_ exit: ChildProcess.Exit) {
        self.exit = exit
        guard !outputClosed, let output else { return finish() }
        // A process the program left behind may hold the terminal open: the session ends a second later anyway.
        let session = NIOLoopBound(self, eventLoop: output.eventLoop)
        output.eventLoop.scheduleTask(in: .seconds(1)) { session.value.finish() }
    }

    /// The program has ended: the viewer is told why the server hung it up, if it did,
    /// and its exit status; the channel closes and the place is given back.
    private func finish() {
        guard !finished else { return }
        finished = true
        output?.close(promise: nil)
        output = nil
        var metadata = connection.metadata
        if let child { metadata["pid"] = "\(child.pid)" }
        metadata["exit"] = "\(exit.map(Self.describe) ?? "none")"
        metadata["duration"] = "\(LogText.duration(ContinuousClock.now - started))"
        settings.logger.info("session ended", metadata: metadata)
        if let context, context.channel.isActive {
            if let note { say(note) }
            sendExit(exit ?? .status(1), context)
        }
        releasePlace()
    }

    /// Tells a viewer whose session cannot start why, with exit status 1.
    private func refuse(_ line: String) {
        finished = true
        guard let context else { return }
        say(line)
        sendExit(.status(1), context)
    }

    private func say(_ line: String) {
        guard let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: line.utf8.count + 2)
        buffer.writeString(line + "\r\n")
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .stdErr, data: .byteBuffer(buffer))), promise: nil)
    }

    private func sendExit(_ exit: ChildProcess.Exit, _ context: ChannelHandlerContext) {
        let event: any Sendable
        switch exit {
        case .status(let code):
            event = SSHChannelRequestEvent.ExitStatus(exitStatus: Int(code))
        case .signal(let number):
            event = SSHChannelRequestEvent.ExitSignal(signalName: Self.signalName(number), errorMessage: "", language: "", dumpedCore: false)
        }
        let channel = context.channel
        context.triggerUserOutboundEvent(event).whenComplete { _ in channel.close(promise: nil) }
    }

    private func reply(_ wanted: Bool, _ accepted: Bool) {
        guard wanted, let context else { return }
        if accepted {
            context.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil)
        } else {
            context.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil)
        }
    }

    private func releasePlace() {
        if let place { settings.registry.release(place) }
        place = nil
    }

    static func describe(_ exit: ChildProcess.Exit) -> String {
        switch exit {
        case .status(let code): return "\(code)"
        case .signal(let number): return "signal \(signalName(number))"
        }
    }

    /// RFC 4254 §6.10's names: the signal's name without SIG.
    static func signalName(_ number: Int32) -> String {
        switch number {
        case SIGHUP: return "HUP"
        case SIGINT: return "INT"
        case SIGQUIT: return "QUIT"
        case SIGILL: return "ILL"
        case SIGABRT: return "ABRT"
        case SIGFPE: return "FPE"
        case SIGKILL: return "KILL"
        case SIGSEGV: return "SEGV"
        case SIGPIPE: return "PIPE"
        case SIGALRM: return "ALRM"
        case SIGTERM: return "TERM"
        case SIGUSR1: return "USR1"
        case SIGUSR2: return "USR2"
        default: return "SIG\(number)"
        }
    }
}

/// The master side of a session's pseudo-terminal: what the program writes goes to the
/// session; its end (EIO once no process holds the slave side) ends the channel.
final class TerminalOutputHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let session: NIOLoopBound<TerminalSessionHandler>

    init(session: NIOLoopBound<TerminalSessionHandler>) { self.session = session }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        session.value.terminalOutput(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        session.value.terminalClosed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // EIO: the slave side is closed. Any other error ends the terminal too.
        context.close(promise: nil)
    }
}
