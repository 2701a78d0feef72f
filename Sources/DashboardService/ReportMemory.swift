import Attribution
import CampaignKit
import CampaignStore
import Foundation

/// The dashboard's memory of the reports it computed (#17): a dashboard opened on a store
/// whose data has not changed since shows the numbers at once, while it computes them anew.
///
/// A report is remembered with everything it depends on: the store (its path, and the
/// fingerprint of its data that `CampaignStore.fingerprint(of:)` gives), the request (window,
/// zone, segment), the program and the attribution models (`engine`), and the clock: a report
/// holds from when it was made until the next instant that changes what it reads
/// (`Analysis.nextClockChange`). A report is recalled only when all of that matches; anything
/// else is a miss, and the dashboard waits for the computation as it always did.
///
/// One file per store and request, under `$XDG_CACHE_HOME/utmost/reports/` (else
/// `~/.cache/utmost/reports/`), named by a hash of them, holding the latest report and
/// checked by a checksum; the folder 0700 and the files 0600, as the store. Deleting the
/// folder loses nothing but the head start.
public struct ReportMemory: Sendable {
    public let folder: URL
    /// The program and the models: another build, or another model file, may count otherwise.
    let engine: String
    /// The files kept: the newest, by when they were written.
    let capacity: Int

    public init(folder: URL, engine: String, capacity: Int = 24) {
        self.folder = folder
        self.engine = engine
        self.capacity = capacity
    }

    /// `$XDG_CACHE_HOME/utmost/reports` (an absolute path), else `~/.cache/utmost/reports`.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return URL(fileURLWithPath: cache).appendingPathComponent("utmost/reports")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }.map(URL.init(fileURLWithPath:))
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/utmost/reports")
    }

    /// The engine part of the key for a program and its models, in a spelling that is the
    /// same in every process (a model's weights are a dictionary, whose order is not).
    public static func engine(program: String, models: [AttributionModel]) -> String {
        let described = models.map { model in
            switch model.kind {
            case .positional(let weights, let others):
                let positions = weights.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }
                return "\(model.name): \(positions.joined(separator: " ")) others=\(others)"
            case .linear:
                return "\(model.name): linear"
            case .timeDecay(let halfLifeDays):
                return "\(model.name): half-life \(halfLifeDays) days"
            }
        }
        return ([program] + described).joined(separator: "\n")
    }

    /// The file's first bytes, then the request, the fingerprint of the data, the span of
    /// clock time the report holds for ([made, holdsUntil)), the report (`ReportCodec`), and
    /// the XXH64 of all that.
    private static let magic = Array("utmost remembered report 2\n".utf8)

    /// What a remembered report answers, as bytes: its file is named by their hash and
    /// begins with them. One file per request: a report of newer data takes its place.
    private func request(store: String, window: ReportWindow, segment: String?) -> [UInt8] {
        var w = ByteWriter()
        w.string(store)
        w.string(engine)
        w.optional(window.from) { $0.int($1.dayNumber) }
        w.optional(window.to) { $0.int($1.dayNumber) }
        w.string(window.zone.identifier)
        w.optional(segment) { $0.string($1) }
        return w.bytes
    }

    /// The report remembered for this request, if it was made from the data whose fingerprint
    /// `fingerprint` gives (asked only when there is such a report: it reads the store) and
    /// holds at `now`; nil for anything else, a file that does not read included.
    public func recall(store: String, window: ReportWindow, segment: String?, at now: Instant,
                       fingerprint: () -> UInt64?) -> Report? {
        let request = request(store: store, window: window, segment: segment)
        guard let data = try? Data(contentsOf: file(for: request)) else { return nil }
        let bytes = [UInt8](data)
        let head = Self.magic.count + request.count
        guard bytes.count >= head + 8, bytes[..<Self.magic.count].elementsEqual(Self.magic),
              bytes[Self.magic.count..<head].elementsEqual(request),
              Self.checksum(bytes[..<(bytes.count - 8)]) == Self.checksum(stored: bytes[(bytes.count - 8)...]) else { return nil }
        var r = ByteReader(Array(bytes[head..<(bytes.count - 8)]))
        do {
            let madeFrom = UInt64(bitPattern: try r.int())
            let made = Instant(microseconds: try r.int())
            let holdsUntil = try r.optional { Instant(microseconds: try $0.int()) }
            guard made <= now, holdsUntil.map({ now < $0 }) ?? true, fingerprint() == madeFrom else { return nil }
            let report = try ReportCodec.decode(from: &r)
            return r.isAtEnd ? report : nil
        } catch {
            return nil
        }
    }

    /// Remembers a report made at `madeAt` from the data with `fingerprint`, holding until
    /// `holdsUntil`, in place of the one remembered for the request before; then lets the
    /// oldest files go beyond `capacity`. A failure (a read-only home, a full disk) only
    /// costs the next dashboard its head start.
    public func remember(_ report: Report, store: String, fingerprint: UInt64, window: ReportWindow, segment: String?,
                         madeAt: Instant, holdsUntil: Instant?) {
        let request = request(store: store, window: window, segment: segment)
        var w = ByteWriter()
        w.int(Int64(bitPattern: fingerprint))
        w.int(madeAt.microseconds)
        w.optional(holdsUntil) { $0.int($1.microseconds) }
        ReportCodec.encode(report, into: &w)
        var bytes = Self.magic + request + w.bytes
        withUnsafeBytes(of: Self.checksum(bytes[...]).littleEndian) { bytes.append(contentsOf: $0) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let file = file(for: request)
            try Data(bytes).write(to: file, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            forgetOldest()
        } catch {
            return
        }
    }

    private static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { XXH64.hash($0) }
    }

    private static func checksum(stored bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    private func file(for request: [UInt8]) -> URL {
        let name = request.withUnsafeBytes { XXH64.hash($0) }
        return folder.appendingPathComponent("report-\(String(name, radix: 16)).bin")
    }

    private func forgetOldest() {
        let manager = FileManager.default
        guard let files = try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey]),
              files.count > capacity else { return }
        let written = files.filter { $0.lastPathComponent.hasPrefix("report-") }.map { file in
            (file, (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast)
        }
        for (file, _) in written.sorted(by: { $0.1 > $1.1 }).dropFirst(capacity) { try? manager.removeItem(at: file) }
    }
}
