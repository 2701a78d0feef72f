import Crypto
import Foundation
import NIOSSH

extension NIOSSHPublicKey {
    /// The key's wire form (RFC 4253 §6.6): what an `authorized_keys` line carries in base64.
    var wireBytes: [UInt8] {
        let line = String(openSSHPublicKey: self)
        let base64 = line.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
        return Array(Data(base64Encoded: base64) ?? Data())
    }

    /// The fingerprint as `ssh-keygen -l` and the ssh client print it: `SHA256:` and the
    /// SHA-256 of the key's wire form in base64, without the `=` padding.
    public var fingerprint: String {
        let digest = Data(SHA256.hash(data: wireBytes)).base64EncodedString()
        return "SHA256:" + digest.trimmingCharacters(in: CharacterSet(charactersIn: "="))
    }

    /// The key type as `ssh-keygen -l` names it in parentheses: ED25519 or ECDSA.
    public var kindLabel: String {
        let prefix = String(openSSHPublicKey: self).prefix { $0 != " " }
        switch prefix {
        case "ssh-ed25519": return "ED25519"
        case let other where other.hasPrefix("ecdsa-"): return "ECDSA"
        default: return String(prefix)
        }
    }
}
