import CampaignKit

/// The stored code of each event type. Codes are part of the file format:
/// never renumber one; a new type takes the next free code.
package enum EventTypeCode {
    package static let codes: [(EventType, Int)] = [
        (.pageView, 1), (.formSubmission, 2), (.emailOpen, 3), (.emailClick, 4),
        (.ctaClick, 5), (.adClick, 6), (.socialClick, 7), (.workflowEnrollment, 8),
    ]

    private static let byCode: [Int: EventType] = Dictionary(uniqueKeysWithValues: codes.map { ($0.1, $0.0) })

    private static let names: [(bytes: [UInt8], type: EventType)] = codes.map { (Array($0.0.rawValue.utf8), $0.0) }

    /// A switch, not a dictionary lookup: importers call it once per event.
    package static func code(_ type: EventType) -> Int {
        switch type {
        case .pageView: return 1
        case .formSubmission: return 2
        case .emailOpen: return 3
        case .emailClick: return 4
        case .ctaClick: return 5
        case .adClick: return 6
        case .socialClick: return 7
        case .workflowEnrollment: return 8
        }
    }

    /// The type written exactly (lowercase) in these bytes; nil otherwise.
    /// Importers call it once per event, so it compares bytes without making a String.
    static func type(utf8 bytes: UnsafeBufferPointer<UInt8>) -> EventType? {
        for (name, type) in names where name.count == bytes.count && name.elementsEqual(bytes) { return type }
        return nil
    }
    package static func type(_ code: Int) -> EventType? { byCode[code] }
}
