import CampaignKit
import Foundation
import GRDB
import Testing
@testable import CampaignStore
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12 item 10: the small ones that concern the store.
struct SmallStoreFixesTests {
    @Test("#12.10 a new store that cannot be put in place says which call failed and why, not a literal \\(call)")
    func publishFailureMessage() throws {
        let t = TestFolder()
        // Nothing was built under the temporary name: linking it fails.
        let error = #expect(throws: StoreError.self) { try NewStoreFile(for: t.storePath).publish(replacingEmptyFile: false) }
        #expect(error?.description == "\(t.storePath): cannot put the new store in place (link: No such file or directory)")
    }

    /// A process id that was in use a moment ago and is no more.
    private func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("#12.10 a hidden temporary store left by a killed import is removed at the next start, whichever command opens the store")
    func staleTemporaryRemoved() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let dead = try deadPID()
        let live = getppid()
        let stale = [".store.sqlite.importing-\(dead)", ".store.sqlite.importing-\(dead)-journal"]
        let kept = ".store.sqlite.importing-\(live)"
        let openers: [(String, () throws -> Void)] = [
            ("open", { _ = try t.open() }),
            ("existing", { _ = try CampaignStore.existing(at: t.storePath) }),
            ("import", { t.write(["campaigns.csv": "id,name,created_at\nc9,Later,2024-05-01T00:00:00Z\n"]); try t.importData() }),
        ]
        for (name, open) in openers {
            for file in stale + [kept] { _ = FileManager.default.createFile(atPath: t.root.appendingPathComponent(file).path, contents: Data("x".utf8)) }
            try open()
            let left = try FileManager.default.contentsOfDirectory(atPath: t.root.path)
            #expect(!left.contains(where: stale.contains), "\(name) left \(left.sorted())")
            #expect(left.contains(kept), "\(name) removed the temporary store of a running import")
        }
    }

    @Test("#12.10 an event naming an asset of the wrong type reads 'an email_open names an email'")
    func articleInMessages() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        t.write(["events.csv": "time,type,contact_id,asset_id\n2024-02-01T00:00:00Z,email_open,k1,a2\n"])
        #expect(throws: DataFileError(file: "events.csv", line: 2, column: 4, columnName: "asset_id",
                                      message: "asset \"a2\" is a form; an email_open names an email")) { try t.importData() }
        t.write(["events.csv": "time,type,contact_id\n2024-02-01T00:00:00Z,email_open,k1\n"])
        #expect(throws: DataFileError(file: "events.csv", line: 2, column: nil, columnName: "asset_id",
                                      message: "an email_open needs the asset_id of an email")) { try t.importData() }
    }

    @Test("#12.10 a full disk reported by SQLite is 'the disk is full'")
    func fullMapped() {
        let error = CampaignStore.wrap(DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full"), path: "/s.sqlite")
        #expect(error == .diskFull(path: "/s.sqlite"))
        #expect(error.description == "/s.sqlite: the disk is full; nothing was written: free some space and try again")
    }
}

/// A tmpfs of a few hundred KiB, mounted for one test: a disk that really fills up.
/// Mounting needs root (CI and the project's machines run as root); elsewhere the tests
/// that use it are skipped, not faked.
final class TinyDisk {
    let folder: URL

    static var canMount: Bool {
        guard geteuid() == 0, let disk = try? TinyDisk(kibibytes: 64) else { return false }
        disk.unmount()
        return true
    }

    init(kibibytes: Int) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("utmost-tiny-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        guard mount("tmpfs", folder.path, "tmpfs", 0, "size=\(kibibytes)k,mode=0755") == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: folder)
            throw Failure("mount: \(message)")
        }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Takes up every free byte.
    func fill() {
        let fd = open(path("filler"), O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        close(fd)
    }

    func unmount() {
        umount2(folder.path, Int32(MNT_DETACH))
        try? FileManager.default.removeItem(at: folder)
    }

    struct Failure: Error { var message: String; init(_ message: String) { self.message = message } }
}

@Suite(.enabled(if: TinyDisk.canMount, "mounting a tmpfs needs root"))
struct FullDiskTests {
    @Test("#12.10 a full disk during an import says 'the disk is full' and leaves no store behind")
    func importOnFullDisk() throws {
        let disk = try TinyDisk(kibibytes: 256)
        defer { disk.unmount() }
        let t = TestFolder()
        t.write(TestData.base)
        var events = "time,type,visitor_id,url\n"
        for i in 0..<20_000 { events += "2024-03-05T10:00:00Z,page_view,v\(i),https://example.com/page-\(i)\n" }
        t.write(TestData.base.merging(["events.csv": events]) { $1 })
        let store = disk.path("store.sqlite")
        #expect(throws: StoreError.diskFull(path: store)) { try CampaignStore.importFolder(t.data.path, intoStoreAt: store, now: TestData.now) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.folder.path).isEmpty)
    }

    @Test("#12.10 a store on a disk that is full says 'the disk is full', not 'disk I/O error', when SQLite cannot make its -shm file")
    func openOnFullDisk() throws {
        let disk = try TinyDisk(kibibytes: 512)
        defer { disk.unmount() }
        let t = TestFolder()
        t.write(TestData.base)
        let store = disk.path("store.sqlite")
        _ = try CampaignStore.importFolder(t.data.path, intoStoreAt: store, now: TestData.now)
        disk.fill()
        let error = #expect(throws: StoreError.self) { try CampaignStore(path: store).loadDataset() }
        #expect(error == .diskFull(path: store), "\(String(describing: error))")
    }
}
