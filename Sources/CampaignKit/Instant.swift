/// A point in time, UTC, as whole microseconds since 1970-01-01T00:00:00Z.
///
/// Microseconds keep the fractions of a second the SPEC allows while staying a
/// plain integer: comparisons in the engine's hot loops are integer compares.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }
    public init(seconds: Int64) { self.microseconds = seconds * 1_000_000 }

    public static func < (a: Instant, b: Instant) -> Bool { a.microseconds < b.microseconds }

    public static let secondsPerDay: Int64 = 86_400
    public static let microsPerSecond: Int64 = 1_000_000

    /// Whole seconds, rounded toward negative infinity.
    public var seconds: Int64 { floorDiv(microseconds, Self.microsPerSecond) }

    public func adding(seconds: Int64) -> Instant { Instant(microseconds: microseconds + seconds * Self.microsPerSecond) }

    /// Parses ISO 8601: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)`.
    /// A space may stand for the `T`; fractions beyond microseconds are truncated.
    /// Returns nil for anything else, including out-of-range fields (month 13, 24:00, Feb 30).
    public init?(iso8601 text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Instant(iso8601UTF8: $0) }) else { return nil }
        self = parsed
    }

    /// Parses the UTF-8 bytes of an ISO 8601 instant, as `init?(iso8601:)` does,
    /// without making a String: importers call it once per event.
    public init?(iso8601UTF8 b: UnsafeBufferPointer<UInt8>) {
        if b.count < 20 { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var v = 0
            for i in start..<(start + count) {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
              let day = digits(8, 2), b[10] == 84 || b[10] == 116 || b[10] == 32,
              let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58,
              let second = digits(17, 2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        var i = 19
        var micros: Int64 = 0
        if i < b.count && (b[i] == 46 || b[i] == 44) {
            i += 1
            var scale: Int64 = 100_000
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                micros += Int64(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            if i == start { return nil }
        }
        var offsetSeconds: Int64 = 0
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            let sign: Int64 = b[i] == 45 ? -1 : 1
            guard let oh = digits(i + 1, 2) else { return nil }
            var om = 0
            if i + 3 < b.count && b[i + 3] == 58 {
                guard let m = digits(i + 4, 2) else { return nil }
                om = m; i += 6
            } else if let m = digits(i + 3, 2) {
                om = m; i += 5
            } else { return nil }
            guard oh <= 23, om <= 59 else { return nil }
            offsetSeconds = sign * Int64(oh * 3600 + om * 60)
        } else { return nil }
        guard i == b.count else { return nil }
        let days = CalendarDate(year: year, month: month, day: day).dayNumber
        let secs = days * Self.secondsPerDay + Int64(hour * 3600 + minute * 60 + second) - offsetSeconds
        self.microseconds = secs * Self.microsPerSecond + micros
    }

    /// `2024-03-05T14:30:00Z`, with a fraction only when there is one.
    public var iso8601: String {
        let secs = seconds
        let micros = microseconds - secs * Self.microsPerSecond
        let dayNumber = floorDiv(secs, Self.secondsPerDay)
        let secOfDay = secs - dayNumber * Self.secondsPerDay
        let date = CalendarDate(dayNumber: dayNumber)
        var s = date.description + "T" + pad2(Int(secOfDay / 3600)) + ":" + pad2(Int(secOfDay / 60 % 60)) + ":" + pad2(Int(secOfDay % 60))
        if micros != 0 {
            var frac = String(micros)
            frac = String(repeating: "0", count: 6 - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        return s + "Z"
    }

    public var description: String { iso8601 }
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
