import CampaignKit

/// R20: the rows of a Salesforce campaign members file, each matched to one
/// contact: `salesforce_members.csv` of a data folder and the file of
/// `utmost salesforce import` alike.
///
/// A row names its contact by `contact_id` (`ContactId`), by `email` (`Email`)
/// or both. An id that names a contact decides; an email matches ignoring case.
/// An id that names no contact, next to an email, is taken for Salesforce's own
/// contact id and the email decides. A row whose id and email name no contact
/// is skipped with a warning naming the file and line, never invented as a
/// contact (Salesforce holds leads that were never contacts here), and the other
/// rows are read. A row naming no one at all, an id and an email naming two
/// different contacts, and an email that two contacts share (when no id decides)
/// are errors.
///
/// A membership the store already holds keeps where it first came from and
/// takes the row's status when the row gives one; a pair repeated in the file
/// counts once, its first row.
enum SalesforceMemberReader {
    /// The file of `utmost salesforce import`, read whole before any transaction begins;
    /// it must be a regular file (a FIFO is refused, never waited on). Errors name it as
    /// `path` gives it.
    static func open(_ path: String) throws -> CSVReader {
        if case .other(let what) = RegularFile.kind(at: path) {
            throw DataFileError(file: path, message: RegularFileError.notRegular(path: path, what: what).reason)
        }
        return try CSVReader(path: path, fileName: path)
    }

    struct Counts: Hashable {
        var new = 0
        var statusUpdated = 0
        var unchanged = 0
        /// One warning per row skipped because it names no known contact, located like an error.
        var skipped: [DataFileError] = []
    }

    /// - Parameters:
    ///   - source: the name kept as where the new memberships came from.
    ///   - lookedIn: where contacts were looked for, for the message about an unknown one.
    static func read(_ file: DataFile<SalesforceMemberColumn>, source: String, known: inout KnownData,
                     lookedIn: String) throws -> ([ImportPlan.SalesforceMember], Counts) {
        if file.index(.contact_id) == nil && file.index(.email) == nil {
            throw DataFileError(file: file.reader.fileName, line: 1,
                                message: "missing column \"contact_id\" (or \"ContactId\") or \"email\": a member is named by one of them")
        }
        var members: [ImportPlan.SalesforceMember] = []
        var counts = Counts()
        var seen = Set<String>()
        while try file.next() {
            let sfID = try file.required(.salesforce_campaign_id)
            let contactID: String
            switch try contact(file, known: known, lookedIn: lookedIn) {
            case let .known(id): contactID = id
            case let .unknown(warning): counts.skipped.append(warning); continue
            }
            let status = file.text(.status)
            let pair = KnownData.pairKey(contactID, sfID)
            guard seen.insert(pair).inserted else { counts.unchanged += 1; continue }
            if let stored = known.salesforceMembers[pair] {
                guard let status, status != stored else { counts.unchanged += 1; continue }
                counts.statusUpdated += 1
                known.salesforceMembers[pair] = .some(status)
            } else {
                counts.new += 1
                known.salesforceMembers[pair] = .some(status)
            }
            members.append(.init(contactID: contactID, salesforceCampaignID: sfID, status: status, source: source))
        }
        return (members, counts)
    }

    /// Whom a row names: a known contact, or no one known (with the warning that says so).
    private enum Named {
        case known(String)
        case unknown(DataFileError)
    }

    /// The contact the current row names.
    private static func contact(_ file: DataFile<SalesforceMemberColumn>, known: KnownData,
                                lookedIn: String) throws -> Named {
        let id = file.text(.contact_id)
        let email = file.text(.email)
        let byID = id.flatMap { known.contacts[$0] != nil ? $0 : nil }
        var byEmail: String?
        if let email {
            let key = email.lowercased()
            if let first = known.emails[key], let second = known.sharedEmails[key] {
                if byID == nil {
                    throw file.error(.email, "the email \"\(email)\" belongs to two contacts, \(first) and \(second); name the member by contact_id")
                }
            } else {
                byEmail = known.emails[key]
            }
        }
        if let byID {
            if let email, let byEmail, byEmail != byID {
                throw file.error(.email, "contact_id \"\(byID)\" and email \"\(email)\" name different contacts (\(byEmail) has that email)")
            }
            return .known(byID)
        }
        if let byEmail { return .known(byEmail) }
        let skipped = "; the row is skipped"
        switch (id, email) {
        case let (id?, email?):
            return .unknown(file.error(.email, "no contact with id \"\(id)\" or email \"\(email)\" in \(lookedIn)" + skipped))
        case let (id?, nil):
            return .unknown(file.error(.contact_id, "no contact with id \"\(id)\" in \(lookedIn)" + skipped))
        case let (nil, email?):
            return .unknown(file.error(.email, "no contact with email \"\(email)\" in \(lookedIn)" + skipped))
        case (nil, nil):
            throw file.error(.contact_id, "a member needs a contact_id or an email")
        }
    }
}
