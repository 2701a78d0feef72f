import CampaignKit
import Foundation

/// Reads a data folder (SPEC §8) and checks every row against SPEC §7 and the
/// rules, against the folder itself and against what the store holds, before
/// anything is written. The first defect in reading order (files in
/// `DataFolderFiles.all` order, then by line) is thrown as a `DataFileError`.
final class FolderValidator {
    typealias Origin = KnownData.Origin

    let folder: String
    var known: KnownData
    var plan = ImportPlan()
    var summary = ImportSummary()
    /// Alias keys given per campaign in utm_aliases.csv, for R2 generation.
    private var aliasKeys: [String: [String]] = [:]
    /// Campaigns whose current value utm_aliases.csv has listed as well (SPEC §7): once each.
    private var listedCurrent: Set<String> = []
    /// Campaigns of campaigns.csv whose utm_campaign cell was empty, by index in `plan.campaigns`.
    private var needsValue: [(index: Int, origin: Origin)] = []

    /// Told the fraction of the events file checked (as 0...0.5 of the whole import).
    let progress: ImportProgress?
    /// events.csv, read while the files before it are checked; nil when the folder has none.
    var eventsAhead: FileReadAhead?

    init(folder: String, known: KnownData, progress: ImportProgress? = nil) {
        self.folder = folder
        self.known = known
        self.progress = progress
    }

    func run() throws -> (ImportPlan, ImportSummary) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataFileError(file: folder, message: "no such folder")
        }
        guard DataFolderFiles.all.contains(where: { FileManager.default.fileExists(atPath: path($0)) }) else {
            throw DataFileError(file: folder, message: "the folder holds none of the data files (\(DataFolderFiles.all.joined(separator: ", ")))")
        }
        if FileManager.default.fileExists(atPath: path(EventColumn.fileName)) {
            eventsAhead = FileReadAhead(path: path(EventColumn.fileName), fileName: EventColumn.fileName)
        }
        try readCampaigns()
        try readUtmAliases()
        generateUtmValues()
        try readAssets()
        try readAssociations()
        try readContacts()
        try readDeals()
        try readDealContacts()
        try readEvents()
        try readSalesforceMembers()
        try readSalesforceRules()
        return (plan, summary)
    }

    func path(_ fileName: String) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent(fileName).path
    }

    /// The data file of that kind, or nil when the folder has none.
    func open<C: DataColumn>(_: C.Type) throws -> DataFile<C>? {
        let path = path(C.fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try DataFile<C>(path: path)
    }

    func origin<C>(_ file: DataFile<C>) -> Origin { .line(file: C.fileName, line: file.line) }

    /// Runs a CampaignKit rule check, turning its refusal into an error located at `column`.
    func check<C, T>(_ file: DataFile<C>, _ column: C, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let violation as RuleViolation {
            let rule = violation.rule.hasPrefix("R") ? " (\(violation.rule))" : ""
            throw file.error(column, violation.message + rule)
        }
    }

    // MARK: Campaigns and utm values

    private func readCampaigns() throws {
        guard let file = try open(CampaignColumn.self) else { return }
        while try file.next() {
            let origin = origin(file)
            let id = try file.required(.id)
            if let first = known.campaigns[id] {
                throw file.error(.id, "duplicate campaign id \"\(id)\"; it is already \(first.phrase)")
            }
            let name = try check(file, .name) { try known.names.check(file.text(.name) ?? "", for: id) }
            let createdAt = try file.requiredInstant(.created_at)
            let start = try file.date(.start_date)
            let end = try file.date(.end_date)
            if let start, let end, end < start {
                throw file.error(.end_date, "end_date \(end) is before start_date \(start)")
            }
            let budget = try file.amount(.budget)
            let color = try file.text(.color).map { raw in try check(file, .color) { try CampaignColor.validated(raw) } }
            let attachedAt = try file.instant(.utm_attached_at) ?? createdAt
            var utm = UtmValue(value: "", attachedAt: attachedAt)
            if let value = file.text(.utm_campaign) {
                try claimUtmKey(value, for: id, file, .utm_campaign)
                utm.value = value
                plan.utmValues.append((id, utm))
                known.currentUtmKeys[id] = utm.key
            } else {
                needsValue.append((plan.campaigns.count, origin))
            }
            known.campaigns[id] = origin
            known.names.insert(name, for: id)
            plan.campaigns.append(Campaign(id: id, name: name, createdAt: createdAt, startDate: start, endDate: end,
                                           owner: file.text(.owner), notes: file.text(.notes), color: color,
                                           budget: budget, utm: utm))
        }
        summary.campaigns = plan.campaigns.count
    }

    /// R4: a match key belongs to one campaign; records it for `campaignID`.
    private func claimUtmKey<C>(_ value: String, for campaignID: String, _ file: DataFile<C>, _ column: C) throws {
        let key = UtmTags.matchKey(value)
        if let owner = known.utmOwners[key] {
            if owner.campaignID == campaignID {
                throw file.error(column, "campaign \(campaignID) already has the utm value \"\(value)\" (key \"\(key)\") \(owner.origin.phrase)")
            }
            throw file.error(column, "the utm value \"\(value)\" (key \"\(key)\") already belongs to campaign \(owner.campaignID) \(owner.origin.phrase); a key belongs to one campaign (R4)")
        }
        known.utmOwners[key] = (campaignID, origin(file))
    }

    private func readUtmAliases() throws {
        guard let file = try open(UtmAliasColumn.self) else { return }
        while try file.next() {
            let campaignID = try file.required(.campaign_id)
            guard known.campaigns[campaignID] != nil else {
                throw file.error(.campaign_id, "unknown campaign \"\(campaignID)\"; it is in neither campaigns.csv nor the store")
            }
            let value = try file.required(.utm_campaign)
            let attachedAt = try file.requiredInstant(.attached_at)
            let key = UtmTags.matchKey(value)
            if known.currentUtmKeys[campaignID] == key, listedCurrent.insert(campaignID).inserted {
                plan.currentValuesListedAsAliases.append(.init(campaignID: campaignID, key: key, aliasSpelling: value,
                                                               attachedAt: attachedAt))
                summary.utmValues += 1
                continue
            }
            try claimUtmKey(value, for: campaignID, file, .utm_campaign)
            aliasKeys[campaignID, default: []].append(UtmTags.matchKey(value))
            plan.utmValues.append((campaignID, UtmValue(value: value, attachedAt: attachedAt)))
            summary.utmValues += 1
        }
    }

    /// R2 at import: once every explicit value is known, fill the empty cells in file order.
    private func generateUtmValues() {
        var taken = Set(known.utmOwners.keys)
        for (index, origin) in needsValue {
            let campaign = plan.campaigns[index]
            let own = aliasKeys[campaign.id] ?? []
            own.forEach { taken.remove($0) }
            let value = Slug.utmValue(forName: campaign.name, campaignID: campaign.id, taken: taken)
            own.forEach { taken.insert($0) }
            let key = UtmTags.matchKey(value)
            if own.contains(key), let alias = plan.utmValues.first(where: { $0.campaignID == campaign.id && $0.value.key == key }) {
                // The value is current and listed in utm_aliases.csv: it counts from the earlier attachment (SPEC §7).
                plan.currentValuesListedAsAliases.append(.init(campaignID: campaign.id, key: key, aliasSpelling: alias.value.value,
                                                               attachedAt: campaign.utm.attachedAt))
                plan.campaigns[index].utm = alias.value
            } else {
                plan.campaigns[index].utm.value = value
                plan.utmValues.append((campaign.id, plan.campaigns[index].utm))
                taken.insert(key)
                known.utmOwners[key] = (campaign.id, origin)
            }
            summary.generatedUtmValues[campaign.id] = value
        }
    }

    // MARK: Assets and associations

    private func readAssets() throws {
        guard let file = try open(AssetColumn.self) else { return }
        while try file.next() {
            let id = try file.required(.id)
            if let first = known.assets[id] {
                throw file.error(.id, "duplicate asset id \"\(id)\"; it is already \(first.origin.phrase)")
            }
            guard let type: AssetType = try file.choice(.type, "asset type") else {
                throw file.error(.type, "a value is required")
            }
            let name = try file.required(.name)
            let keywords = file.list(.keywords)
            if !keywords.isEmpty && type != .paidSearch {
                throw file.error(.keywords, "keywords belong to paid_search assets; this asset is \(Article.a(type.rawValue))")
            }
            let asset = Asset(id: id, name: name, type: type, url: file.text(.url),
                              publishedAt: try file.instant(.published_at), keywords: keywords)
            known.assets[id] = (type, origin(file))
            plan.assets.append(asset)
        }
        summary.assets = plan.assets.count
    }

    private func readAssociations() throws {
        guard let file = try open(AssociationColumn.self) else { return }
        while try file.next() {
            let assetID = try file.required(.asset_id)
            guard known.assets[assetID] != nil else {
                throw file.error(.asset_id, "unknown asset \"\(assetID)\"; it is in neither assets.csv nor the store")
            }
            let campaignID = try file.required(.campaign_id)
            guard known.campaigns[campaignID] != nil else {
                throw file.error(.campaign_id, "unknown campaign \"\(campaignID)\"; it is in neither campaigns.csv nor the store")
            }
            let from = try file.requiredInstant(.associated_at)
            let to = try file.instant(.dissociated_at)
            if let to, to <= from {
                throw file.error(.dissociated_at, "dissociated_at \(to) is not after associated_at \(from)")
            }
            let association = Association(assetID: assetID, campaignID: campaignID, associatedAt: from, dissociatedAt: to)
            known.intervals[assetID, default: []].append(.init(association: association, origin: origin(file)))
            plan.associations.append(association)
        }
        summary.associations = plan.associations.count
        if let overlap = firstOverlap(among: Set(plan.associations.map(\.assetID))) {
            throw DataFileError(file: AssociationColumn.fileName, line: overlap.line,
                                column: file.index(.associated_at).map { $0 + 1 }, columnName: "associated_at",
                                message: overlap.message)
        }
    }

    /// R7: the overlap whose later interval comes first in reading order.
    private func firstOverlap(among assetIDs: Set<String>) -> (line: Int, message: String)? {
        var best: (line: Int, message: String)?
        for assetID in assetIDs {
            guard let intervals = known.intervals[assetID], let type = known.assets[assetID]?.type else { continue }
            for (j, later) in intervals.enumerated() {
                guard case let .line(_, line) = later.origin, line < best?.line ?? .max else { continue }
                for earlier in intervals[..<j] {
                    let a = earlier.association, b = later.association
                    if type.allowsManyCampaigns && a.campaignID != b.campaignID { continue }
                    guard a.overlaps(b) else { continue }
                    let place: String
                    if case let .line(_, first) = earlier.origin { place = "line \(first)'s" } else { place = "its stored" }
                    let (what, why) = type.allowsManyCampaigns
                        ? ("workflow \"\(assetID)\" would be in campaign \(b.campaignID) twice at once", "")
                        : ("asset \"\(assetID)\" would be in two campaigns at once", "; only workflows may belong to several")
                    best = (line, "\(what): \(Self.describe(b)) with \(b.campaignID) overlaps \(place) \(Self.describe(a)) with \(a.campaignID)\(why) (R7)")
                    break
                }
            }
        }
        return best
    }

    static func describe(_ a: Association) -> String {
        "[\(a.associatedAt), \(a.dissociatedAt.map(\.description) ?? "open"))"
    }
}
