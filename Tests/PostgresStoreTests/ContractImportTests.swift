import CampaignKit
import CampaignStore
import Foundation
import Testing

/// SPEC §7 and §8 on both stores: the same folder imports to the same data, the same
/// summary, and the same refusals.
struct ContractImportTests {
    @Test("§8 a folder touching every file imports and loads in data order, the same on both stores", arguments: StoreKind.allCases)
    func goodFolder(kind: StoreKind) throws {
        let store = try TestStore(kind)
        store.folder.write(TestData.base)
        let summary = try store.importData()
        #expect(summary.campaigns == 3 && summary.assets == 5 && summary.associations == 4 && summary.events == 4)
        let data = try store.open().loadDataset()
        let sqlite = TestFolder()
        sqlite.write(TestData.base)
        #expect(try sqlite.importData() == summary)
        #expect(sameData(data, try sqlite.open().loadDataset()))
    }
}
