import CampaignKit
import Foundation
import Testing
@testable import CampaignStore
#if canImport(Glibc)
import Glibc
#endif

/// The permission bits of the file at `path` (not following a symbolic link), or nil.
func mode(_ path: String) -> mode_t? {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
}

/// Issue 12 item 4: the store holds contacts' emails, so it is private by default; an
/// export keeps the permissions of the file it replaces.
struct PrivateStoreTests {
    /// Runs `body` with the umask at 0, the most permissive: whatever the files get then, they chose.
    private func withOpenUmask<T>(_ body: () throws -> T) rethrows -> T {
        let saved = umask(0)
        defer { umask(saved) }
        return try body()
    }

    /// A store whose rule added contacts to a Salesforce campaign: something to export.
    private func exporting() throws -> TestFolder {
        try SalesforceFixture.store(["salesforce_rules.csv": "asset_id,salesforce_campaign_id,status\nf1,701A,Registered\n"])
    }

    @Test("#12.4 a new store and its -wal and -shm are 0600 whatever the umask, created by an edit or by an import")
    func newStoreIsPrivate() throws {
        let t = TestFolder()
        let store = try withOpenUmask { try t.open() }
        _ = try store.createCampaign(NewCampaign(name: "Spring"), now: TestData.now)
        for suffix in ["", "-wal", "-shm"] {
            #expect(mode(t.storePath + suffix) == 0o600, "store\(suffix) is \(String(mode(t.storePath + suffix) ?? 0, radix: 8))")
        }
        try store.close()

        let imported = TestFolder()
        imported.write(TestData.base)
        try withOpenUmask { _ = try imported.importData() }
        #expect(mode(imported.storePath) == 0o600)
    }

    @Test("#12.4 opening an existing store leaves its mode as its owner set it")
    func existingModeKept() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        #expect(chmod(t.storePath, 0o640) == 0)
        _ = try t.open().loadDataset()
        #expect(mode(t.storePath) == 0o640)
    }

    @Test("#12.4 an export that replaces a file keeps its mode; a new export file is 0600")
    func exportModes() throws {
        let t = try exporting()
        let store = try t.open()
        let fresh = t.root.appendingPathComponent("fresh.csv").path
        try withOpenUmask { _ = try store.exportSalesforceAdditions(to: fresh, all: true, now: TestData.now) }
        #expect(mode(fresh) == 0o600, "a new export is \(String(mode(fresh) ?? 0, radix: 8))")

        let shared = t.root.appendingPathComponent("shared.csv").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: shared))
        #expect(chmod(shared, 0o640) == 0)
        _ = try store.exportSalesforceAdditions(to: shared, all: true, now: TestData.now)
        #expect(mode(shared) == 0o640, "the replaced file is \(String(mode(shared) ?? 0, radix: 8))")
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: shared)), as: UTF8.self).hasPrefix("CampaignId,"))
    }

    @Test("#12.4 an export through a symbolic link replaces the file it names and keeps the link")
    func exportThroughLink() throws {
        let t = try exporting()
        let target = t.root.appendingPathComponent("target.csv").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        #expect(chmod(target, 0o604) == 0)
        let link = t.root.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        _ = try t.open().exportSalesforceAdditions(to: link, all: true, now: TestData.now)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(mode(target) == 0o604)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: target)), as: UTF8.self).hasPrefix("CampaignId,"))
    }

    @Test("#12.4 an export over a FIFO is refused and marks nothing")
    func exportOverFIFO() throws {
        let t = try exporting()
        let store = try t.open()
        let fifo = t.root.appendingPathComponent("out.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: StoreError.cannotWrite(path: fifo, reason: "not a regular file (a FIFO)")) {
            try store.exportSalesforceAdditions(to: fifo, all: false, now: TestData.now)
        }
        #expect(try store.salesforceAdditions().allSatisfy { $0.exportedAt == nil })
    }
}

/// Issue 12 item 5: a command that reads finds a store or says there is none; it creates nothing.
struct ExistingStoreTests {
    @Test("#12.5 opening an existing store: no file or an empty one is 'no store', and nothing is created")
    func noStore() throws {
        let t = TestFolder()
        #expect(throws: StoreError.noStore(path: t.storePath)) { try CampaignStore.existing(at: t.storePath) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.root.path) == ["data"])
        _ = FileManager.default.createFile(atPath: t.storePath, contents: nil)
        #expect(throws: StoreError.noStore(path: t.storePath)) { try CampaignStore.existing(at: t.storePath) }
        #expect(t.storeBytes() == Data())
        #expect(StoreError.noStore(path: "/x/typo.sqlite").description
                == "no store at /x/typo.sqlite (nothing was created): make one with `utmost import DIR`, or check --db and UTMOST_DB")
    }

    @Test("#12.5 an existing store opens for reading")
    func existing() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        #expect(try CampaignStore.existing(at: t.storePath).campaigns().count == 3)
    }
}
