import NIOSSH

/// Who gets in: the keys of an `authorized_keys` file, or anyone (no key needed).
public enum Access: Sendable {
    case keys(AuthorizedKeys)
    case anyone

    /// How a client that offers this key (nil: none) is let in, or nil when it is not.
    func admits(_ key: NIOSSHPublicKey?) -> Admission? {
        switch self {
        case .anyone: return Admission(key: key, comment: nil)
        case .keys(let keys):
            guard let key, let entry = keys.entry(for: key) else { return nil }
            return Admission(key: key, comment: entry.comment)
        }
    }

    struct Admission {
        var key: NIOSSHPublicKey?
        var comment: String?
    }
}
