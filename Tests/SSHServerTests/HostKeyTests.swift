import Crypto
import Foundation
import NIOSSH
import Testing
@testable import SSHServer

@Suite("Host key and fingerprints")
struct HostKeyTests {
    @Test("#15 host key: made 0600 in a new 0700 folder on first start, the same key on every start after")
    func persistence() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let path = folder.path("state/utmost/ssh_host_ed25519_key")
        let (first, created) = try HostKey.loadOrCreate(at: path)
        #expect(created)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path("state/utmost"))[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        let (again, createdAgain) = try HostKey.loadOrCreate(at: path)
        #expect(!createdAgain)
        #expect(again.publicKey == first.publicKey)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("state/utmost")) == ["ssh_host_ed25519_key"],
                "no temporary file is left beside it")
    }

    @Test("#15 host key: its file is OpenSSH's format: ssh-keygen reads it and tells the same public key and fingerprint")
    func readableByOpenSSH() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let path = folder.path("host_key")
        let (key, _) = try HostKey.loadOrCreate(at: path)
        let publicLine = try OpenSSH.run("ssh-keygen", ["-y", "-f", path])
        #expect(publicLine.status == 0, "\(publicLine.stderr)")
        #expect(publicLine.stdout.hasPrefix(String(openSSHPublicKey: key.publicKey)))
        let listed = try OpenSSH.run("ssh-keygen", ["-l", "-f", path])
        #expect(listed.stdout.hasPrefix("256 \(key.publicKey.fingerprint) "), "\(listed.stdout)")
        #expect(listed.stdout.hasSuffix("(ED25519)\n"))
    }

    @Test("#15 host key: one made by ssh-keygen -t ed25519 -N '' is used as it is")
    func madeByKeygen() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let path = folder.path("key")
        try OpenSSH.keygen(path)
        let (key, created) = try HostKey.loadOrCreate(at: path)
        #expect(!created)
        let publicLine = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        #expect(publicLine.hasPrefix(String(openSSHPublicKey: key.publicKey) + " "))
    }

    @Test("#15 host key: refused when others can read it, with a passphrase, not ed25519, damaged or not a regular file")
    func refused() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        func reason(_ path: String) -> String {
            do { _ = try HostKey.loadOrCreate(at: path); return "loaded" } catch { return "\(error)" }
        }
        let open = folder.path("open")
        _ = try HostKey.loadOrCreate(at: open)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: open)
        #expect(reason(open) == "host key \(open): others can read it (mode 644); chmod 600 it")
        let locked = folder.path("locked")
        try OpenSSH.keygen(locked, passphrase: "secret")
        #expect(reason(locked).contains("has a passphrase"))
        let ecdsa = folder.path("ecdsa")
        try OpenSSH.keygen(ecdsa, type: "ecdsa")
        #expect(reason(ecdsa) == "host key \(ecdsa): a ecdsa-sha2-nistp256 key; the host key must be ed25519")
        let text = try String(contentsOfFile: open, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines[1] = String(lines[1].reversed())
        let damaged = try folder.write("damaged", lines.joined(separator: "\n"))
        #expect(reason(damaged).hasPrefix("host key \(damaged): "))
        #expect(reason(damaged) != "loaded")
        let garbage = try folder.write("garbage", "hello\n")
        #expect(reason(garbage).contains("not an OpenSSH private key"))
        let fifo = folder.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(reason(fifo) == "host key \(fifo): not a regular file")
    }

    @Test("#15 fingerprints are OpenSSH's: SHA256: and unpadded base64, ED25519 or ECDSA", arguments: ["ed25519", "ecdsa"])
    func fingerprints(type: String) throws {
        let key = type == "ed25519" ? TestKeys.ed25519() : TestKeys.p256()
        let folder = try TestFolder()
        defer { folder.remove() }
        let file = try folder.write("key.pub", TestKeys.line(key, comment: "c") + "\n")
        let listed = try OpenSSH.run("ssh-keygen", ["-l", "-f", file])
        let expected = "\(key.publicKey.fingerprint) c (\(key.publicKey.kindLabel))"
        #expect(listed.stdout.hasSuffix(expected + "\n"), "ssh-keygen -l: \(listed.stdout) ours: \(expected)")
        #expect(key.publicKey.fingerprint.count == "SHA256:".count + 43 && !key.publicKey.fingerprint.hasSuffix("="))
    }
}
