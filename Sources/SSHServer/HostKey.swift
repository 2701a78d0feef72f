import Crypto
import Foundation
import NIOSSH

/// The server's ed25519 host key, kept in OpenSSH's private-key format (unencrypted), so
/// that `ssh-keygen -l -f FILE` tells its fingerprint and a key made by `ssh-keygen -t
/// ed25519 -N ''` can be used. Created on first start, mode 0600, and reused after:
/// clients that trusted the server once keep trusting it.
public struct HostKey: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey

    public init(_ privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    public var sshKey: NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: privateKey) }
    public var publicKey: NIOSSHPublicKey { sshKey.publicKey }

    /// The key at `path`, or a new one saved there when there is no file (its folder made
    /// 0700 when missing). `created` tells which.
    public static func loadOrCreate(at path: String) throws -> (key: HostKey, created: Bool) {
        var status = stat()
        if stat(path, &status) == 0 { return (try load(from: path), false) }
        guard errno == ENOENT else { throw HostKeyError(path: path, reason: String(cString: strerror(errno))) }
        return try create(at: path)
    }

    /// Reads a host key file: a regular file that only its owner can read, holding one
    /// unencrypted ed25519 key in OpenSSH's format.
    public static func load(from path: String) throws -> HostKey {
        var status = stat()
        guard stat(path, &status) == 0 else { throw HostKeyError(path: path, reason: String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw HostKeyError(path: path, reason: "not a regular file") }
        let mode = status.st_mode & 0o777
        // As sshd does: a private key others can read is no longer private.
        guard mode & 0o077 == 0 else {
            throw HostKeyError(path: path, reason: "others can read it (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HostKeyError(path: path, reason: "cannot be read")
        }
        do {
            return HostKey(try OpenSSHPrivateKey.decode(String(decoding: data, as: UTF8.self)))
        } catch let problem as OpenSSHPrivateKey.Problem {
            throw HostKeyError(path: path, reason: problem.reason)
        }
    }

    /// A new key, written to a temporary file beside `path` and linked into place, so that
    /// the file is never seen half-written and a key another server made meanwhile wins.
    static func create(at path: String) throws -> (key: HostKey, created: Bool) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw HostKeyError(path: path, reason: "its folder cannot be made (\(error.localizedDescription))")
            }
        }
        let key = HostKey(Curve25519.Signing.PrivateKey())
        let text = Array(OpenSSHPrivateKey.encode(key.privateKey, comment: "utmost serve").utf8)
        let temporary = path + ".new-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw HostKeyError(path: path, reason: "cannot be created (\(String(cString: strerror(errno))))") }
        defer { unlink(temporary) }
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == text.count, synced else { throw HostKeyError(path: path, reason: "cannot be written") }
        if link(temporary, path) != 0 {
            if errno == EEXIST { return (try load(from: path), false) }
            throw HostKeyError(path: path, reason: "cannot be created (\(String(cString: strerror(errno))))")
        }
        return (key, true)
    }
}

/// A host key file that cannot be used, and why.
public struct HostKeyError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "host key \(path): \(reason)" }
}

/// OpenSSH's private-key format (`PROTOCOL.key` in OpenSSH's sources) for one
/// unencrypted ed25519 key: the armour, a header, the public key, and a private
/// section of two equal check numbers, the key and a comment, padded to 8 bytes.
enum OpenSSHPrivateKey {
    static let begin = "-----BEGIN OPENSSH PRIVATE KEY-----"
    static let end = "-----END OPENSSH PRIVATE KEY-----"
    static let magic = Array("openssh-key-v1".utf8) + [0]
    static let keyType = "ssh-ed25519"

    struct Problem: Error { var reason: String }

    static func encode(_ key: Curve25519.Signing.PrivateKey, comment: String) -> String {
        let publicBytes = Array(key.publicKey.rawRepresentation)
        var publicBlob = SSHWireWriter()
        publicBlob.string(keyType)
        publicBlob.string(publicBytes)

        var secret = SSHWireWriter()
        let check = UInt32.random(in: .min ... .max)
        secret.uint32(check)
        secret.uint32(check)
        secret.string(keyType)
        secret.string(publicBytes)
        secret.string(Array(key.rawRepresentation) + publicBytes)
        secret.string(comment)
        var padding: UInt8 = 1
        while secret.bytes.count % 8 != 0 { secret.raw([padding]); padding += 1 }

        var file = SSHWireWriter()
        file.raw(magic)
        file.string("none")
        file.string("none")
        file.string("")
        file.uint32(1)
        file.string(publicBlob.bytes)
        file.string(secret.bytes)
        let base64 = Data(file.bytes).base64EncodedString()
        var lines = [begin]
        var rest = Substring(base64)
        while !rest.isEmpty { lines.append(String(rest.prefix(70))); rest = rest.dropFirst(70) }
        return (lines + [end]).joined(separator: "\n") + "\n"
    }

    static func decode(_ text: String) throws -> Curve25519.Signing.PrivateKey {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.firstIndex(of: begin), let last = lines.lastIndex(of: end), first < last else {
            throw Problem(reason: "not an OpenSSH private key (no \(begin) line); make one with ssh-keygen -t ed25519 -N ''")
        }
        guard let data = Data(base64Encoded: lines[(first + 1)..<last].joined()) else {
            throw Problem(reason: "the key's base64 is damaged")
        }
        var file = SSHWireReader(Array(data))
        guard file.raw(magic.count) == magic else { throw Problem(reason: "not in the openssh-key-v1 format") }
        guard let cipher = file.text(), let kdf = file.text(), file.string() != nil, let count = file.uint32() else {
            throw Problem(reason: "the key file is cut short")
        }
        guard cipher == "none", kdf == "none" else {
            throw Problem(reason: "the key has a passphrase; a host key must not (ssh-keygen -p -N '' -f FILE removes it)")
        }
        guard count == 1 else { throw Problem(reason: "holds \(count) keys; a host key file holds one") }
        guard file.string() != nil, let secretBytes = file.string() else { throw Problem(reason: "the key file is cut short") }
        var secret = SSHWireReader(secretBytes)
        guard let check1 = secret.uint32(), let check2 = secret.uint32(), check1 == check2 else {
            throw Problem(reason: "the private part does not check out")
        }
        guard let type = secret.text() else { throw Problem(reason: "the key file is cut short") }
        guard type == keyType else { throw Problem(reason: "a \(type) key; the host key must be ed25519") }
        guard let publicBytes = secret.string(), let privateBytes = secret.string(), privateBytes.count == 64,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: privateBytes.prefix(32)),
              Array(key.publicKey.rawRepresentation) == publicBytes else {
            throw Problem(reason: "the ed25519 key is damaged")
        }
        return key
    }
}
