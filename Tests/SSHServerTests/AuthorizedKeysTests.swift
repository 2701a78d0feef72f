import Foundation
import NIOSSH
import Testing
@testable import SSHServer

@Suite("authorized_keys")
struct AuthorizedKeysTests {
    @Test("#15 authorized_keys: ed25519 and ECDSA keys are let in, with their comments and lines")
    func acceptedKeys() throws {
        let ed = TestKeys.ed25519(), p256 = TestKeys.p256()
        let p384 = NIOSSHPrivateKey(p384Key: .init()), p521 = NIOSSHPrivateKey(p521Key: .init())
        let keys = AuthorizedKeys(parsing: [
            TestKeys.line(ed, comment: "ada@laptop"), TestKeys.line(p256, comment: "bo with spaces"),
            TestKeys.line(p384), TestKeys.line(p521),
        ].joined(separator: "\n"))
        #expect(keys.skipped.isEmpty)
        #expect(keys.entries.map(\.line) == [1, 2, 3, 4])
        #expect(keys.entry(for: ed.publicKey)?.comment == "ada@laptop")
        #expect(keys.entry(for: p256.publicKey)?.comment == "bo with spaces")
        #expect(keys.entry(for: p384.publicKey) != nil && keys.entry(for: p521.publicKey) != nil)
        #expect(keys.entry(for: TestKeys.ed25519().publicKey) == nil, "a key not in the file is not let in")
    }

    @Test("#15 authorized_keys: comments, blank lines, tabs and CRLF line ends are read as sshd reads them")
    func layout() {
        let ed = TestKeys.ed25519()
        let wire = String(openSSHPublicKey: ed.publicKey).split(separator: " ")
        let text = "# team keys\r\n\r\n   \n\(wire[0])\t\(wire[1])\tada\r\n# the end"
        let keys = AuthorizedKeys(parsing: text)
        #expect(keys.skipped.isEmpty)
        #expect(keys.entries.count == 1 && keys.entries.first?.line == 4 && keys.entries.first?.comment == "ada")
    }

    @Test("#15 authorized_keys: RSA, DSA, certificates and security keys are skipped and said by line")
    func otherTypes() {
        let keys = AuthorizedKeys(parsing: """
            ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 rsa@host
            ssh-dss AAAAB3NzaC1kc3MAAACBAP dsa@host
            ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQ cert
            sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t yubikey
            \(TestKeys.line(TestKeys.ed25519()))
            """)
        #expect(keys.entries.map(\.line) == [5])
        #expect(keys.skipped.map(\.line) == [1, 2, 3, 4])
        #expect(keys.skipped[0].description == "line 1: a ssh-rsa key; ed25519 and ECDSA keys are let in")
        #expect(keys.skipped[2].reason.contains("certificates and security keys are not taken"))
    }

    @Test("#15 authorized_keys: harmless options are taken; from=, command=, no-pty and restrict without pty skip the key")
    func options() {
        let line = TestKeys.line(TestKeys.ed25519())
        let keys = AuthorizedKeys(parsing: """
            no-port-forwarding,no-agent-forwarding,no-X11-forwarding \(line)
            restrict,pty \(line)
            from="10.0.0.1,192.168.1.0/24" \(line)
            command="echo hello, world",no-pty \(line)
            no-pty \(line)
            restrict \(line)
            environment="A=b c" \(line)
            """)
        #expect(keys.entries.map(\.line) == [1, 2])
        #expect(keys.skipped.map(\.description) == [
            "line 3: option from is not enforced by utmost serve, so the key is not let in",
            "line 4: option command is not enforced by utmost serve, so the key is not let in",
            "line 5: option no-pty is not enforced by utmost serve, so the key is not let in",
            "line 6: option restrict takes the terminal away (add pty to let the key in)",
            "line 7: option environment is not enforced by utmost serve, so the key is not let in",
        ])
    }

    @Test("#15 authorized_keys: a damaged or mislabelled key is skipped, the other lines still read")
    func damaged() {
        let good = TestKeys.line(TestKeys.ed25519())
        let p256Base64 = String(openSSHPublicKey: TestKeys.p256().publicKey).split(separator: " ")[1]
        let keys = AuthorizedKeys(parsing: "ssh-ed25519 !!!notbase64!!!\nssh-ed25519 \(p256Base64)\nssh-ed25519\n\(good)")
        #expect(keys.entries.map(\.line) == [4])
        #expect(keys.skipped.map(\.reason) == ["a damaged ssh-ed25519 key", "a damaged ssh-ed25519 key", "a damaged ssh-ed25519 key"])
    }

    @Test("#15 authorized_keys file: missing, a folder, a FIFO (not waited on) or no usable key stops the server before it starts")
    func unusableFiles() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        func reason(_ path: String) -> String? {
            do { _ = try AuthorizedKeys.load(from: path); return nil } catch let error as AuthorizedKeysError { return error.description } catch { return "\(error)" }
        }
        #expect(reason(folder.path("missing")) == "authorized keys \(folder.path("missing")): no such file")
        #expect(reason(folder.url.path) == "authorized keys \(folder.url.path): not a regular file")
        let fifo = folder.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(reason(fifo) == "authorized keys \(fifo): not a regular file")
        let rsaOnly = try folder.write("rsa", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 rsa@host\n")
        #expect(reason(rsaOnly) == "authorized keys \(rsaOnly): no ed25519 or ECDSA key to let in (line 1: a ssh-rsa key; ed25519 and ECDSA keys are let in)")
        let empty = try folder.write("empty", "# nobody yet\n")
        #expect(reason(empty) == "authorized keys \(empty): no ed25519 or ECDSA key to let in")
        let good = try folder.write("good", TestKeys.line(TestKeys.ed25519()) + "\n")
        #expect(reason(good) == nil)
    }
}
