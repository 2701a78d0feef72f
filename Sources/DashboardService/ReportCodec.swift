import Attribution
import CampaignKit
import Foundation

/// A report as bytes, for the dashboard's memory of reports (#17), and back. Written by
/// hand rather than through `Codable`: the M tier's report is 300 campaigns with their
/// sessions per day and 6,000 unlinked utm values, which Foundation's JSON decoder takes
/// a third of a second to read and this a few milliseconds. Amounts are kept as their
/// decimal text, so they come back exactly.
enum ReportCodec {
    static func encode(_ report: Report, into w: inout ByteWriter) {
        window(report.window, into: &w)
        w.array(report.campaigns, campaign)
        w.array(report.unlinkedUtm) { w, unlinked in
            w.string(unlinked.key)
            w.array(unlinked.spellings) { $0.string($1) }
            w.int(unlinked.pageViews)
            w.int(unlinked.sessions)
            w.optional(unlinked.suggestedCampaignID) { $0.string($1) }
        }
        amount(report.attribution.attributedRevenue, into: &w)
        w.int(report.attribution.unattributedDeals)
        amount(report.attribution.unattributedRevenue, into: &w)
        w.array(report.attribution.models.sorted { $0.key < $1.key }) { w, model in
            w.string(model.key)
            w.array(model.value.sorted { $0.key < $1.key }) { w, credit in
                w.string(credit.key)
                amount(credit.value, into: &w)
            }
        }
        w.optional(report.lastEventAt) { $0.int($1.microseconds) }
    }

    static func decode(from r: inout ByteReader) throws -> Report {
        let window = try window(from: &r)
        let campaigns = try r.array(campaign)
        let unlinked = try r.array { r in
            UnlinkedUtm(key: try r.string(), spellings: try r.array { try $0.string() }, pageViews: try r.int(),
                        sessions: try r.int(), suggestedCampaignID: try r.optional { try $0.string() })
        }
        let attributed = try amount(from: &r)
        let unattributedDeals: Int = try r.int()
        let unattributed = try amount(from: &r)
        let models = try r.array { r in
            (try r.string(), try r.array { r in (try r.string(), try amount(from: &r)) })
        }
        let attribution = AttributionReport(
            attributedRevenue: attributed, unattributedDeals: unattributedDeals, unattributedRevenue: unattributed,
            models: Dictionary(models.map { ($0.0, Dictionary($0.1, uniquingKeysWith: { a, _ in a })) }, uniquingKeysWith: { a, _ in a }))
        let lastEventAt = try r.optional { Instant(microseconds: try $0.int()) }
        return Report(window: window, campaigns: campaigns, unlinkedUtm: unlinked, attribution: attribution, lastEventAt: lastEventAt)
    }

    private static func campaign(_ w: inout ByteWriter, _ c: CampaignReport) {
        w.string(c.id)
        w.string(c.name)
        w.string(c.utmCampaign)
        w.array(c.utmAliases) { $0.string($1) }
        w.bool(c.inAnalytics)
        w.optional(c.startDate, day)
        w.optional(c.endDate, day)
        w.int(c.createdAt.microseconds)
        for count in [c.sessions, c.influencedContacts, c.newContactsFirstTouch, c.newContactsLastTouch, c.influencedDeals] { w.int(count) }
        amount(c.influencedRevenue, into: &w)
        w.array(c.assets) { w, asset in
            w.string(asset.id)
            w.string(asset.name)
            w.string(asset.type.rawValue)
            w.optional(asset.hiddenReason) { $0.string($1.rawValue) }
            w.int(asset.interactions)
            w.int(asset.contacts)
        }
        w.array(c.sessionsByDay) { w, count in
            day(&w, count.day)
            w.int(count.count)
        }
        w.optional(c.budget) { amount($1, into: &$0) }
        w.optional(c.archivedAt) { $0.int($1.microseconds) }
    }

    private static func campaign(_ r: inout ByteReader) throws -> CampaignReport {
        let id = try r.string(), name = try r.string(), utm = try r.string()
        let aliases = try r.array { try $0.string() }
        let inAnalytics = try r.bool()
        let start = try r.optional(day), end = try r.optional(day)
        let createdAt = Instant(microseconds: try r.int())
        let sessions: Int = try r.int(), influenced: Int = try r.int(), firstTouch: Int = try r.int()
        let lastTouch: Int = try r.int(), deals: Int = try r.int()
        let revenue = try amount(from: &r)
        let assets = try r.array { r in
            AssetReport(id: try r.string(), name: try r.string(), type: try named(AssetType.self, from: &r),
                        hiddenReason: try r.optional { try named(HiddenReason.self, from: &$0) },
                        interactions: try r.int(), contacts: try r.int())
        }
        let byDay = try r.array { r in DayCount(day: try day(&r), count: try r.int()) }
        let budget = try r.optional { try amount(from: &$0) }
        let archivedAt = try r.optional { Instant(microseconds: try $0.int()) }
        return CampaignReport(id: id, name: name, utmCampaign: utm, utmAliases: aliases, inAnalytics: inAnalytics,
                              startDate: start, endDate: end, createdAt: createdAt, sessions: sessions,
                              influencedContacts: influenced, newContactsFirstTouch: firstTouch, newContactsLastTouch: lastTouch,
                              influencedDeals: deals, influencedRevenue: revenue, assets: assets, sessionsByDay: byDay,
                              budget: budget, archivedAt: archivedAt)
    }

    /// An enum's case by its raw name.
    private static func named<T: RawRepresentable<String>>(_: T.Type, from r: inout ByteReader) throws -> T {
        let name = try r.string()
        guard let value = T(rawValue: name) else { throw ByteReader.Malformed(offset: r.offset, what: "the name \(name)") }
        return value
    }

    private static func window(_ window: ReportWindow, into w: inout ByteWriter) {
        w.optional(window.from, day)
        w.optional(window.to, day)
        w.string(window.zone.identifier)
    }

    private static func window(from r: inout ByteReader) throws -> ReportWindow {
        let from = try r.optional(day), to = try r.optional(day)
        let name = try r.string()
        guard let zone = TimeZone(identifier: name) else { throw ByteReader.Malformed(offset: r.offset, what: "the time zone \(name)") }
        return ReportWindow(from: from, to: to, zone: zone)
    }

    private static func day(_ w: inout ByteWriter, _ date: CalendarDate) { w.int(date.dayNumber) }

    /// Days from 1970 within ten thousand years either way: further out is damage, not a date.
    private static func day(_ r: inout ByteReader) throws -> CalendarDate {
        let number: Int64 = try r.int()
        guard abs(number) <= 3_652_500 else { throw ByteReader.Malformed(offset: r.offset, what: "the day number \(number)") }
        return CalendarDate(dayNumber: number)
    }

    private static func amount(_ value: Decimal, into w: inout ByteWriter) { w.string(value.description) }

    private static func amount(from r: inout ByteReader) throws -> Decimal {
        let text = try r.string()
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw ByteReader.Malformed(offset: r.offset, what: "the amount \(text)")
        }
        return value
    }
}
