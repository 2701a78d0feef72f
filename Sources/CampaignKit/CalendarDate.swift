import Foundation

/// A day on the calendar (`2024-03-05`), meaningful only in a time zone.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD` strictly; nil for anything else or an impossible day.
    public init?(iso8601 text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard b[i] >= 48, b[i] <= 57 else { return nil }; v = v * 10 + Int(b[i] - 48) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10),
              (1...12).contains(m), d >= 1, d <= Self.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), negative before.
    public var dayNumber: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber: Int64) {
        let z = dayNumber + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: Int(y), month: Int(m), day: Int(d))
    }

    public func adding(days: Int64) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    public var description: String {
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + pad2(month) + "-" + pad2(day)
    }

    /// The first instant of this day in `zone`. Where the day does not begin at
    /// midnight (a zone that skips 00:00 for summer time), it begins when the clocks land on it.
    public func start(in zone: TimeZone) -> Instant {
        let target = dayNumber
        let midnightUTC = target * Instant.secondsPerDay
        func localDay(_ seconds: Int64) -> Int64 {
            let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
            return floorDiv(seconds + offset, Instant.secondsPerDay)
        }
        // Offsets lie within ±26 h: the first second whose local day is this day lies in that span.
        var lo = midnightUTC - 26 * 3600, hi = midnightUTC + 26 * 3600
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if localDay(mid) >= target { hi = mid } else { lo = mid + 1 }
        }
        return Instant(seconds: lo)
    }

    /// The day on which `instant` falls in `zone`.
    public init(_ instant: Instant, in zone: TimeZone) {
        let secs = instant.seconds
        let local = secs + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(secs))))
        self.init(dayNumber: floorDiv(local, Instant.secondsPerDay))
    }
}
