import CampaignKit
import Foundation
import Testing
@testable import CampaignStore
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12 item 3: import reads regular files only, opens them without blocking, and
/// reads and checks the folder before the write transaction begins. A regression here
/// waits forever (a FIFO) or holds the write lock: the time limit turns that into a failure.
@Suite(.timeLimit(.minutes(1)))
struct OnlyRegularFilesTests {
    /// A store holding `TestData.base`, then `TestData.base` again with `name` replaced by
    /// what `place` puts there: refused as `name: not a regular file (what)`, the store's bytes unchanged.
    private func refused(_ name: String, what: String, sourceLocation: SourceLocation = #_sourceLocation,
                         place: (String) throws -> Void) throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let before = try #require(t.storeBytes())
        var files = TestData.base
        files[name] = nil
        t.write(files)
        try place(t.data.appendingPathComponent(name).path)
        do {
            try t.importData()
            Issue.record("the import was not refused", sourceLocation: sourceLocation)
        } catch let error as DataFileError {
            #expect(error.description == "\(name): not a regular file (\(what))", sourceLocation: sourceLocation)
        }
        #expect(t.storeBytes() == before, "the store changed", sourceLocation: sourceLocation)
    }

    @Test("#12.3 only regular files: a FIFO in place of events.csv is refused, not waited on")
    func fifo() throws {
        try refused("events.csv", what: "a FIFO") { #expect(mkfifo($0, 0o600) == 0) }
    }

    @Test("#12.3 only regular files: a broken symlink in place of a data file is refused, not read as an absent file")
    func brokenSymlink() throws {
        try refused("deal_contacts.csv", what: "a symbolic link to nothing") { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "gone.csv") }
        // An optional file (SPEC §8) as well.
        try refused("salesforce_rules.csv", what: "a symbolic link to nothing") { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "gone.csv") }
    }

    @Test("#12.3 only regular files: a looping symlink, a folder and a device in place of a data file are refused")
    func loopFolderDevice() throws {
        try refused("contacts.csv", what: "a symbolic link that loops") { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: $0) }
        try refused("assets.csv", what: "a folder") { try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false) }
        // /dev/zero would never end.
        try refused("events.csv", what: "a device") { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/zero") }
    }

    @Test("#12.3 only regular files: a symlink to a regular file still imports")
    func symlinkToFile() throws {
        let t = TestFolder()
        let events = try #require(TestData.base["events.csv"])
        t.write(TestData.base.filter { $0.key != "events.csv" })
        let elsewhere = t.root.appendingPathComponent("events-elsewhere.csv")
        try Data(events.utf8).write(to: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: t.data.appendingPathComponent("events.csv").path, withDestinationPath: elsewhere.path)
        #expect(try t.importData().events == 4)
    }

    @Test("#12.3 only regular files: a new store is not created for a folder with a FIFO")
    func fifoIntoNewStore() throws {
        let t = TestFolder()
        var files = TestData.base
        files["events.csv"] = nil
        t.write(files)
        #expect(mkfifo(t.data.appendingPathComponent("events.csv").path, 0o600) == 0)
        #expect(throws: DataFileError(file: "events.csv", message: "not a regular file (a FIFO)")) { try t.importData() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.root.path) == ["data"])
    }

    @Test("#12.3 --db that is a FIFO or a folder is refused, and left as it was")
    func storeNotAFile() throws {
        let t = TestFolder()
        t.write(TestData.base)
        #expect(mkfifo(t.storePath, 0o600) == 0)
        let fifo = StoreError.cannotOpen(path: t.storePath, reason: "not a regular file (a FIFO)")
        #expect(throws: fifo) { try t.open() }
        #expect(throws: fifo) { try t.importData() }
        #expect(throws: fifo) { try CampaignStore.existing(at: t.storePath) }
        #expect(RegularFile.kind(at: t.storePath) == .other("a FIFO"))

        let folder = t.root.appendingPathComponent("store-folder").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let notAFile = StoreError.cannotOpen(path: folder, reason: "not a regular file (a folder)")
        #expect(throws: notAFile) { try CampaignStore(path: folder) }
        #expect(throws: notAFile) { try CampaignStore.importFolder(t.data.path, intoStoreAt: folder, now: TestData.now) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("#12.3 salesforce import of a FIFO is refused before the store is touched")
    func salesforceFIFO() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let fifo = t.root.appendingPathComponent("members.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: DataFileError(file: fifo, message: "not a regular file (a FIFO)")) {
            try t.open().importSalesforceMembers(fifo, now: TestData.now)
        }
    }

    @Test("#12.3 RegularFile opens a FIFO that has no writer without waiting, and refuses it")
    func regularFileHelper() throws {
        let t = TestFolder()
        let fifo = t.root.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: RegularFileError.notRegular(path: fifo, what: "a FIFO")) { try RegularFile.contents(of: fifo) }
        let file = t.root.appendingPathComponent("file").path
        try Data("abc".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try RegularFile.contents(of: file) == Data("abc".utf8))
        #expect(RegularFile.kind(at: t.root.appendingPathComponent("absent").path) == .absent)
        #expect(throws: RegularFileError.self) { try RegularFile.contents(of: t.root.appendingPathComponent("absent").path) }
    }

    @Test("#12.3 the folder is checked before the write transaction: another writer is not held up, and its change is checked against")
    func checkedBeforeTheTransaction() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        // Enough events for the check to report its progress (every 65,536 rows) while it reads them.
        var events = "time,type,visitor_id,url\n"
        events.reserveCapacity(4 << 20)
        for _ in 0...ImportWriter.progressRows { events += "2024-03-05T10:00:00Z,page_view,v1,https://example.com/\n" }
        t.write(["campaigns.csv": "id,name,created_at\nc9,Autumn,2024-03-01T00:00:00Z\n", "events.csv": events])
        let store = try t.open()
        var otherWrote = false
        #expect(throws: DataFileError.self) {
            try store.importFolder(t.data.path, now: TestData.now) { fraction in
                guard fraction < 0.5, !otherWrote else { return }
                // Inside the write transaction this would wait for the import to finish (and it for this).
                otherWrote = (try? CampaignStore(path: t.storePath).createCampaign(NewCampaign(name: "autumn"), now: TestData.now)) != nil
            }
        }
        #expect(otherWrote, "another writer could not write while the folder was checked")
        let campaigns = try store.campaigns()
        #expect(campaigns.contains { $0.name == "autumn" } && !campaigns.contains { $0.id == "c9" },
                "the clash with the other writer's campaign (R1) was refused: \(campaigns.map(\.name))")
    }
}
