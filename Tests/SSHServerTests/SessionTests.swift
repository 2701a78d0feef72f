import Foundation
import Logging
import NIOCore
import NIOEmbedded
import NIOSSH
import Synchronization
import Testing
@testable import SSHServer

/// Records what a session handler asks of its channel: replies, exit statuses, and closes the promise.
final class OutboundEvents: ChannelOutboundHandler, @unchecked Sendable { // used on the embedded loop only
    typealias OutboundIn = Any
    var events: [Any] = []

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        events.append(event)
        promise?.succeed(())
    }

    var exitStatuses: [Int] { events.compactMap { ($0 as? SSHChannelRequestEvent.ExitStatus)?.exitStatus } }
    var successes: Int { events.filter { $0 is ChannelSuccessEvent }.count }
    var failures: Int { events.filter { $0 is ChannelFailureEvent }.count }
}

/// A session handler on an embedded channel, with no program behind it that a test could start by mistake.
struct EmbeddedSession {
    let channel: EmbeddedChannel
    let events = OutboundEvents()
    let registry: SessionRegistry

    init(capacity: Int = 4, registry: SessionRegistry? = nil) throws {
        let registry = registry ?? SessionRegistry(capacity: capacity)
        self.registry = registry
        let settings = SessionSettings(
            program: SessionProgram(path: "/nonexistent/program", arguments: [], environment: [:]),
            registry: registry, idleTimeout: .seconds(60), hangUpGrace: .seconds(1), logger: LogCapture().logger)
        channel = EmbeddedChannel(handlers: [events, TerminalSessionHandler(settings: settings, connection: ConnectionRecord(address: "127.0.0.1:1"))])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 22)).wait()
    }

    func send(_ event: any Sendable) { channel.pipeline.fireUserInboundEventTriggered(event) }

    func pty(_ term: String = "xterm-256color", width: Int = 100, height: Int = 30) {
        send(SSHChannelRequestEvent.PseudoTerminalRequest(wantReply: true, term: term, terminalCharacterWidth: width,
                                                          terminalRowHeight: height, terminalPixelWidth: 0, terminalPixelHeight: 0,
                                                          terminalModes: SSHTerminalModes([:])))
    }

    /// What the viewer was told on stderr.
    func stderr() throws -> String {
        var text = ""
        while let data = try channel.readOutbound(as: SSHChannelData.self) {
            if data.type == .stdErr, case .byteBuffer(let bytes) = data.data { text += String(buffer: bytes) }
        }
        return text
    }
}

@Suite("Sessions")
struct SessionTests {
    @Test("#15 a client without a terminal (ssh host ls) is told to connect with ssh -t, with exit status 1")
    func needsTerminal() throws {
        for request: any Sendable in [SSHChannelRequestEvent.ExecRequest(command: "ls", wantReply: true), SSHChannelRequestEvent.ShellRequest(wantReply: true)] {
            let session = try EmbeddedSession()
            session.send(request)
            #expect(try session.stderr() == "utmost: the dashboard needs a terminal: connect with ssh -t\r\n")
            #expect(session.events.exitStatuses == [1])
            #expect(!session.channel.isActive, "the channel is closed")
            #expect(session.registry.count == 0, "no place was taken")
        }
    }

    @Test("#15 over --max-sessions the next viewer is told so, with exit status 1")
    func sessionLimit() throws {
        let registry = SessionRegistry(capacity: 2)
        #expect(registry.reserve() == .place(1))
        #expect(registry.reserve() == .place(2))
        let session = try EmbeddedSession(registry: registry)
        session.pty()
        session.send(SSHChannelRequestEvent.ShellRequest(wantReply: true))
        #expect(try session.stderr() == "utmost: all 2 sessions are in use; try again later\r\n")
        #expect(session.events.exitStatuses == [1])
        #expect(registry.count == 2)
    }

    @Test("#15 a program that cannot start costs its session only: the viewer is told, the place is given back")
    func spawnFailure() throws {
        let session = try EmbeddedSession(capacity: 1)
        session.pty()
        session.send(SSHChannelRequestEvent.ShellRequest(wantReply: true))
        #expect(try session.stderr() == "utmost: the dashboard could not be started\r\n")
        #expect(session.events.exitStatuses == [1])
        #expect(session.registry.count == 0)
        guard case .place = session.registry.reserve() else { Issue.record("the next viewer gets the place"); return }
    }

    @Test("#15 a stopping server starts no session and says why")
    func stopping() throws {
        let session = try EmbeddedSession()
        session.registry.hangUpAll(note: "utmost: the server is stopping")
        session.pty()
        session.send(SSHChannelRequestEvent.ShellRequest(wantReply: true))
        #expect(try session.stderr() == "utmost: the server is stopping\r\n")
        #expect(session.events.exitStatuses == [1])
    }

    @Test("#15 env requests: the viewer's language and colour wishes are taken, nothing else; subsystems (sftp) are refused")
    func requests() throws {
        let session = try EmbeddedSession()
        for (name, taken) in [("LANG", true), ("LC_ALL", true), ("NO_COLOR", true), ("COLORTERM", true),
                              ("PATH", false), ("LD_PRELOAD", false), ("UTMOST_DB", false), ("HOME", false)] {
            let before = (session.events.successes, session.events.failures)
            session.send(SSHChannelRequestEvent.EnvironmentRequest(wantReply: true, name: name, value: "x"))
            let after = (session.events.successes, session.events.failures)
            #expect(taken ? after.0 == before.0 + 1 : after.1 == before.1 + 1, "\(name)")
        }
        session.send(SSHChannelRequestEvent.SubsystemRequest(subsystem: "sftp", wantReply: true))
        #expect(session.events.failures == 5)
        #expect(session.channel.isActive)
    }

    @Test("#15 a viewer's TERM that names no terminal safely is taken as xterm; a size of 0 as 80x24")
    func terminalCleaning() {
        #expect(ClientTerminal.cleanTerm("tmux-256color") == "tmux-256color")
        #expect(ClientTerminal.cleanTerm("rxvt-unicode.v9+x") == "rxvt-unicode.v9+x")
        for bad in ["", "../../etc/passwd", "xterm\u{1B}[2J", "x y", String(repeating: "a", count: 65), "tërm"] {
            #expect(ClientTerminal.cleanTerm(bad) == "xterm", "\(bad.debugDescription)")
        }
        #expect(ClientTerminal.cleanSize(0, default: 80) == 80)
        #expect(ClientTerminal.cleanSize(132, default: 80) == 132)
        #expect(ClientTerminal.cleanSize(100_000, default: 24) == 1000)
    }

    @Test("#15 session places: at most the capacity, given back on release; a stop hangs up those running and those that start after")
    func registry() {
        let registry = SessionRegistry(capacity: 2)
        guard case .place(let a) = registry.reserve(), case .place(let b) = registry.reserve() else {
            Issue.record("two places expected")
            return
        }
        #expect(registry.reserve() == .full)
        registry.release(a)
        guard case .place(let c) = registry.reserve() else { Issue.record("a released place is free again"); return }
        let notes = Mutex<[String]>([])
        registry.running(b) { note in notes.withLock { $0.append("b: " + note) } }
        registry.hangUpAll(note: "stopping")
        #expect(notes.withLock { $0 } == ["b: stopping"])
        registry.running(c) { note in notes.withLock { $0.append("c: " + note) } }
        #expect(notes.withLock { $0 } == ["b: stopping", "c: stopping"], "a program that starts during the stop is hung up at once")
        #expect(registry.reserve() == .stopping("stopping"))
    }

    @Test("#15 logs: text from clients cannot reach the operator's terminal as control sequences")
    func logText() {
        #expect(LogText.clean("ada") == "ada")
        #expect(LogText.clean("evil\u{1B}[2J\r\nuser") == "evil\\u{1b}[2J\\u{d}\\u{a}user")
        #expect(LogText.clean("rtl\u{202E}txt") == "rtl\\u{202e}txt")
        #expect(LogText.clean(String(repeating: "x", count: 100)) == String(repeating: "x", count: 64) + "…")
        #expect(LogText.duration(.milliseconds(4200)) == "4.2s")
        #expect(LogText.duration(.seconds(725)) == "12m05s")
        #expect(LogText.duration(.seconds(1800)) == "30m")
        #expect(LogText.duration(.seconds(3720)) == "1h02m")
    }
}
