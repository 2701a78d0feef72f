import CampaignKit

/// The stored code of each event type. Codes are part of the file format:
/// never renumber one; a new type takes the next free code.
enum EventTypeCode {
    static let codes: [(EventType, Int)] = [
        (.pageView, 1), (.formSubmission, 2), (.emailOpen, 3), (.emailClick, 4),
        (.ctaClick, 5), (.adClick, 6), (.socialClick, 7), (.workflowEnrollment, 8),
    ]

    private static let byCode: [Int: EventType] = Dictionary(uniqueKeysWithValues: codes.map { ($0.1, $0.0) })
    private static let byType: [EventType: Int] = Dictionary(uniqueKeysWithValues: codes)

    static func code(_ type: EventType) -> Int { byType[type]! }
    static func type(_ code: Int) -> EventType? { byCode[code] }
}
