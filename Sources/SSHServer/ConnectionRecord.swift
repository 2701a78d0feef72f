import Logging

/// What the logs say of one connection, filled in as it goes. Used on the
/// connection's event loop only, by its handlers and its sessions'.
final class ConnectionRecord {
    let address: String
    let opened = ContinuousClock.now
    /// Who got in, once someone did.
    var user: String?
    /// The key that let them in: its fingerprint and type, or `none` (`--allow-anyone`).
    var key: String?

    init(address: String) { self.address = address }

    var metadata: Logger.Metadata {
        var metadata: Logger.Metadata = ["address": "\(address)"]
        if let user { metadata["user"] = "\(user)" }
        if let key { metadata["key"] = "\(key)" }
        return metadata
    }

    var age: String { LogText.duration(ContinuousClock.now - opened) }
}
