import CampaignStore
import StoreTestSupport
import Synthetic

extension TestFolder {
    /// The store of this folder after importing the synthetic company of `contacts` contacts
    /// made from `seed` (`Generator`), written into the data folder first.
    func importedGenerated(contacts: Int, seed: UInt64) throws -> CampaignStore {
        try DataFolderWriter.write(Generator(contacts: contacts, seed: seed).dataset(), to: data.path)
        try importData()
        return try open()
    }
}
