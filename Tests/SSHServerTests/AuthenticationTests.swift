import Foundation
import NIOCore
import NIOEmbedded
import NIOSSH
import Testing
@testable import SSHServer

@Suite("Authentication")
struct AuthenticationTests {
    struct Fixture {
        let channel = EmbeddedChannel()
        let log = LogCapture()
        let record = ConnectionRecord(address: "127.0.0.1:50000")
        let authenticator: KeyAuthenticator

        init(access: Access, maxFailures: Int = 6) throws {
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 22)).wait()
            authenticator = KeyAuthenticator(access: access, record: record, maxFailures: maxFailures, logger: log.logger, channel: channel)
        }

        func ask(_ request: NIOSSHUserAuthenticationRequest.Request, user: String = "ada") throws -> Bool {
            let promise = channel.eventLoop.makePromise(of: NIOSSHUserAuthenticationOutcome.self)
            authenticator.requestReceived(request: NIOSSHUserAuthenticationRequest(username: user, serviceName: "ssh-connection", request: request),
                                          responsePromise: promise)
            (channel.eventLoop as! EmbeddedEventLoop).run()
            switch try promise.futureResult.wait() {
            case .success: return true
            default: return false
            }
        }
    }

    static func keys(_ keys: NIOSSHPrivateKey...) -> Access {
        .keys(AuthorizedKeys(parsing: keys.map { TestKeys.line($0, comment: "ada@laptop") }.joined(separator: "\n")))
    }

    @Test("#15 a key in authorized_keys gets in; the log line names user, key fingerprint and address")
    func authorized() throws {
        let key = TestKeys.p256()
        let fixture = try Fixture(access: Self.keys(TestKeys.ed25519(), key))
        #expect(try fixture.ask(.publicKey(.init(publicKey: key.publicKey))))
        #expect(fixture.log.lines == ["info authenticated address=127.0.0.1:50000 comment=ada@laptop key=\(key.publicKey.fingerprint) (ECDSA) user=ada"])
        #expect(fixture.record.user == "ada")
    }

    @Test("#15 another key, a password, host-based: refused and logged; OpenSSH's opening none is only a question")
    func refused() throws {
        let fixture = try Fixture(access: Self.keys(TestKeys.ed25519()))
        #expect(try !fixture.ask(.none))
        #expect(fixture.log.lines.isEmpty, "none is not a failed attempt")
        let stranger = TestKeys.ed25519()
        #expect(try !fixture.ask(.publicKey(.init(publicKey: stranger.publicKey)), user: "bo\u{1B}[2J"))
        #expect(try !fixture.ask(.password(.init(password: "hunter2"))))
        #expect(fixture.log.lines == [
            "notice refused: the key is not in the authorized keys address=127.0.0.1:50000 attempt=1 of 6 key=\(stranger.publicKey.fingerprint) (ED25519) user=bo\\u{1b}[2J",
            "notice refused: passwords are not accepted address=127.0.0.1:50000 attempt=2 of 6 user=ada",
        ])
        #expect(fixture.record.user == nil)
        #expect(fixture.authenticator.supportedAuthenticationMethods == .publicKey, "only public keys are offered")
    }

    @Test("#15 the connection is closed at the cap of failed authentications")
    func failureCap() throws {
        let fixture = try Fixture(access: Self.keys(TestKeys.ed25519()), maxFailures: 3)
        for attempt in 1...3 {
            #expect(fixture.channel.isActive, "open before attempt \(attempt)")
            #expect(try !fixture.ask(.publicKey(.init(publicKey: TestKeys.ed25519().publicKey))))
        }
        #expect(!fixture.channel.isActive, "closed after the third refusal")
        #expect(fixture.log.lines.last?.hasPrefix("notice too many failed authentications: closing the connection") == true)
    }

    @Test("#15 --allow-anyone lets in any key, and a client with none")
    func anyone() throws {
        let fixture = try Fixture(access: .anyone)
        #expect(try fixture.ask(.publicKey(.init(publicKey: TestKeys.ed25519().publicKey))))
        let second = try Fixture(access: .anyone)
        #expect(try second.ask(.none, user: "guest"))
        #expect(second.log.lines == ["info authenticated address=127.0.0.1:50000 key=none user=guest"])
    }
}
