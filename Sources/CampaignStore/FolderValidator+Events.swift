import CampaignKit

/// events.csv: checked row by row without keeping the rows; the writer reads
/// the file's bytes again, which costs less than holding millions of events.
extension FolderValidator {
    func readEvents() throws {
        guard let ahead = eventsAhead else { return }
        let file = try DataFile<EventColumn>(reader: ahead.reader())
        var count = 0
        while try file.next() {
            plan.eventTimes.append(try file.requiredInstant(.time).microseconds)
            let type = try file.eventType(.type)
            let contactID = try knownContact(file, .contact_id, required: type.requiresContact)
            if type == .pageView {
                if !file.isPresent(.url) { throw file.error(.url, "a page_view needs a url") }
                if !file.isPresent(.visitor_id) && contactID == nil {
                    throw file.error(.visitor_id, "a page_view needs a visitor_id or a contact_id")
                }
            }
            if let assetID = file.text(.asset_id) {
                guard let asset = known.assets[assetID] else {
                    throw file.error(.asset_id, "unknown asset \"\(assetID)\"; it is in neither assets.csv nor the store")
                }
                if let needed = type.requiredAssetType, asset.type != needed {
                    throw file.error(.asset_id, "asset \"\(assetID)\" is \(Article.a(asset.type.rawValue)); \(Article.a(type.rawValue)) names \(Article.a(needed.rawValue))")
                }
            } else if let needed = type.requiredAssetType {
                throw file.error(.asset_id, "\(Article.a(type.rawValue)) needs the asset_id of \(Article.a(needed.rawValue))")
            }
            if let contactID, let visitorID = file.text(.visitor_id) {
                try claimVisitor(visitorID, for: contactID, file, .visitor_id, listed: false)
            }
            count += 1
            if count % ImportWriter.progressRows == 0 { progress?(0.5 * file.reader.fractionRead) }
        }
        plan.events = file.reader
        plan.eventCount = count
        summary.events = count
    }
}
