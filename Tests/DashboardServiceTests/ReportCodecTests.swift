import Attribution
import CampaignKit
@testable import DashboardService
import Foundation
import Testing

/// #17: the bytes a remembered report is kept in give back the report exactly, and bytes
/// that are not such a report are an error, whatever they hold.
@Suite("#17 a report as bytes")
struct ReportCodecTests {
    /// A report with every optional both present and absent, amounts with many digits and
    /// signs, and text beyond ASCII.
    static let report: Report = {
        let day = CalendarDate(iso8601: "2024-02-29")!
        let assets = [
            AssetReport(id: "a-1", name: "Landing — ünïcode 🚀", type: .landingPage, hiddenReason: nil, interactions: 12, contacts: 3),
            AssetReport(id: "a-2", name: "", type: .socialPost, hiddenReason: .unpublished, interactions: 0, contacts: 0),
        ]
        let full = CampaignReport(
            id: "c-1", name: "Spring \"launch\"", utmCampaign: "spring", utmAliases: ["Spring-Old", "spring"], inAnalytics: true,
            startDate: day, endDate: day.adding(days: 400), createdAt: Instant(iso8601: "2017-09-01T00:00:00.000001Z")!,
            sessions: 1_234_567, influencedContacts: 9, newContactsFirstTouch: 8, newContactsLastTouch: 7, influencedDeals: 6,
            influencedRevenue: Decimal(string: "12345678901234567890.123456")!, assets: assets,
            sessionsByDay: [DayCount(day: day, count: 1), DayCount(day: day.adding(days: 1), count: Int.max)],
            budget: Decimal(string: "-0.01")!, archivedAt: Instant(microseconds: -1))
        let bare = CampaignReport(
            id: "c-2", name: "Bare", utmCampaign: "bare", utmAliases: [], inAnalytics: false, startDate: nil, endDate: nil,
            createdAt: Instant(microseconds: 0), sessions: 0, influencedContacts: 0, newContactsFirstTouch: 0,
            newContactsLastTouch: 0, influencedDeals: 0, influencedRevenue: 0, assets: [], sessionsByDay: [])
        return Report(
            window: ReportWindow(from: day, to: nil, zone: TimeZone(identifier: "America/St_Johns")!),
            campaigns: [full, bare],
            unlinkedUtm: [UnlinkedUtm(key: "sprng", spellings: ["Sprng", "sprng "], pageViews: 4, sessions: 2, suggestedCampaignID: "c-1"),
                          UnlinkedUtm(key: "x", spellings: [], pageViews: 0, sessions: 0, suggestedCampaignID: nil)],
            attribution: AttributionReport(attributedRevenue: Decimal(string: "100.5")!, unattributedDeals: 2,
                                           unattributedRevenue: Decimal(string: "0.333333333333333333")!,
                                           models: ["linear": ["c-1": 50.25, "c-2": Decimal(string: "50.25")!], "first": [:]]),
            lastEventAt: Instant(iso8601: "2024-12-31T23:59:59.999999Z"))
    }()

    static func bytes(_ report: Report) -> [UInt8] {
        var w = ByteWriter()
        ReportCodec.encode(report, into: &w)
        return w.bytes
    }

    @Test("R14 R18 every field comes back as it was, in the report with and without its optionals")
    func roundTrip() throws {
        var r = ByteReader(Self.bytes(Self.report))
        #expect(try ReportCodec.decode(from: &r) == Self.report)
        #expect(r.isAtEnd)
        let empty = Report(window: ReportWindow(), campaigns: [], unlinkedUtm: [], attribution: AttributionReport())
        var e = ByteReader(Self.bytes(empty))
        #expect(try ReportCodec.decode(from: &e) == empty)
    }

    @Test("#17 every cut of the bytes is an error, not a crash")
    func everyCut() {
        let bytes = Self.bytes(Self.report)
        for length in 0..<bytes.count {
            var r = ByteReader(Array(bytes.prefix(length)))
            #expect(throws: ByteReader.Malformed.self, "cut at \(length)") { try ReportCodec.decode(from: &r) }
        }
    }

    @Test("#17 bytes changed anywhere decode to an error or a report, never a crash")
    func changedBytes() {
        let bytes = Self.bytes(Self.report)
        var random = SystemRandomNumberGenerator()
        for position in bytes.indices {
            for value in [UInt8(0), 0x7f, 0x80, 0xff, UInt8.random(in: 0...255, using: &random)] {
                var changed = bytes
                changed[position] = value
                var r = ByteReader(changed)
                _ = try? ReportCodec.decode(from: &r)
            }
        }
    }

    @Test("#17 integers keep their value at the edges of 64 bits")
    func integers() throws {
        var w = ByteWriter()
        let values: [Int64] = [0, 1, -1, 63, -64, 64, 127, 128, Int64.max, Int64.min, Int64(Int32.max) + 1]
        for value in values { w.int(value) }
        var r = ByteReader(w.bytes)
        for value in values { #expect(try r.int() as Int64 == value) }
        #expect(r.isAtEnd)
    }
}
