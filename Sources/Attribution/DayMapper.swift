import Foundation
import CampaignKit

/// Maps instants to calendar days in a zone, asking the zone once per quarter of an
/// hour of time seen rather than once per event. Zones change their offset only on
/// quarter-hour boundaries, so a cached quarter never straddles a change.
struct DayMapper {
    let zone: TimeZone
    private let isUTC: Bool
    /// A direct-mapped cache of quarter → offset (a slot per quarter modulo the size,
    /// about two years without a collision): no hashing per event.
    private var quarters: [Int64] = []
    private var offsets: [Int32] = []
    private static let slots = 1 << 16

    init(zone: TimeZone) {
        self.zone = zone
        isUTC = zone.secondsFromGMT() == 0 && (zone.identifier == "UTC" || zone.identifier == "GMT")
    }

    /// Days since 1970-01-01 of the local day on which `micros` falls.
    mutating func dayNumber(_ micros: Int64) -> Int64 {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        if isUTC { return seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400 }
        let quarter = seconds >= 0 ? seconds / 900 : (seconds - 899) / 900
        if quarters.isEmpty {
            quarters = [Int64](repeating: Int64.min, count: Self.slots)
            offsets = [Int32](repeating: 0, count: Self.slots)
        }
        let slot = Int(UInt64(bitPattern: quarter) & UInt64(Self.slots - 1))
        if quarters[slot] != quarter {
            quarters[slot] = quarter
            offsets[slot] = Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(quarter * 900))))
        }
        let local = seconds + Int64(offsets[slot])
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }
}
