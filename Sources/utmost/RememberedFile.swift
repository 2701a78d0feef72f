import Dashboard
import Foundation
import Terminal

/// Where the dashboard keeps what it remembers of a store: one small JSON file per store
/// under `$XDG_STATE_HOME/utmost/` (else `~/.local/state/utmost/`), named by a hash of
/// the store's absolute path; the folder 0700 and the file 0600, as the store itself.
struct RememberedFile {
    let url: URL
    let store: String

    init(store path: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        store = URL(fileURLWithPath: path).standardizedFileURL.path
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in store.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        url = URL(fileURLWithPath: CrashReports.folder(environment: environment))
            .appendingPathComponent("dashboard-\(String(hash, radix: 16)).json")
    }

    /// What was remembered; nothing when there is no file. A file that does not read is
    /// said in one line and left for the next save to replace.
    func load() -> Remembered? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(Entry.self, from: Data(contentsOf: url)).remembered
        } catch {
            Output.error("utmost: \(url.path) does not read (\(error.localizedDescription)); the dashboard starts as new")
            return nil
        }
    }

    /// Saves, replacing the file in one step; a failure only costs the memory of this run.
    func save(_ remembered: Remembered) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(Entry(store: store, remembered: remembered)).write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        } catch {
            Output.error("utmost: could not remember the dashboard's settings in \(url.path): \(error.localizedDescription)")
        }
    }

    /// The file's content: which store it is about, for people who look.
    private struct Entry: Codable {
        var store: String
        var remembered: Remembered
    }
}
