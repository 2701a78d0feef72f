import Foundation
import Attribution
import CampaignKit
@testable import Dashboard

/// Hand-built reports for the view and update tests: a small marketing team's quarter.
enum Fixtures {
    static let utc = TimeZone(identifier: "UTC")!
    static let now = Instant(iso8601: "2024-03-20T09:30:00Z")!

    static func day(_ text: String) -> CalendarDate { CalendarDate(iso8601: text)! }
    static func at(_ text: String) -> Instant { Instant(iso8601: text)! }

    /// Sessions on a few days of March 2024.
    static func days(_ counts: [(Int, Int)]) -> [DayCount] {
        counts.map { DayCount(day: CalendarDate(year: 2024, month: 3, day: $0.0), count: $0.1) }
    }

    static let spring = CampaignReport(
        id: "c1", name: "Spring launch", utmCampaign: "spring-launch", utmAliases: ["spring-promo"], inAnalytics: true,
        startDate: day("2024-03-01"), endDate: day("2024-04-30"), createdAt: at("2024-02-01T00:00:00Z"),
        sessions: 1_240, influencedContacts: 312, newContactsFirstTouch: 96, newContactsLastTouch: 71,
        influencedDeals: 9, influencedRevenue: Decimal(string: "48250.50")!,
        assets: [
            AssetReport(id: "a1", name: "Spring landing page", type: .landingPage, hiddenReason: nil, interactions: 880, contacts: 240),
            AssetReport(id: "a2", name: "Launch email", type: .email, hiddenReason: nil, interactions: 410, contacts: 198),
            AssetReport(id: "a3", name: "Teaser post", type: .socialPost, hiddenReason: .unpublished, interactions: 0, contacts: 0),
            AssetReport(id: "a4", name: "Brand keywords", type: .paidSearch, hiddenReason: .notVisited, interactions: 0, contacts: 0),
            AssetReport(id: "a5", name: "Demo request form", type: .form, hiddenReason: nil, interactions: 57, contacts: 55),
        ],
        sessionsByDay: days([(1, 20), (2, 35), (3, 31), (5, 60), (8, 90), (9, 140), (10, 120), (12, 95), (15, 180), (16, 150), (18, 110), (19, 130), (20, 79)]))

    static let webinar = CampaignReport(
        id: "c2", name: "Webinar series", utmCampaign: "webinar-series", utmAliases: [], inAnalytics: true,
        startDate: day("2024-01-10"), endDate: day("2024-03-10"), createdAt: at("2024-01-05T00:00:00Z"),
        sessions: 430, influencedContacts: 120, newContactsFirstTouch: 30, newContactsLastTouch: 44,
        influencedDeals: 3, influencedRevenue: 12_900,
        assets: [
            AssetReport(id: "a6", name: "Webinar signup", type: .landingPage, hiddenReason: nil, interactions: 300, contacts: 110),
            AssetReport(id: "a7", name: "Nurture workflow", type: .workflow, hiddenReason: nil, interactions: 0, contacts: 0),
            AssetReport(id: "a8", name: "Old recap post", type: .blogPost, hiddenReason: .outsideDates, interactions: 0, contacts: 0),
        ],
        sessionsByDay: days([(1, 80), (2, 70), (4, 60), (6, 55), (8, 40), (9, 30), (10, 25)]))

    static let summer = CampaignReport(
        id: "c3", name: "Summer sale", utmCampaign: "summer-sale", utmAliases: [], inAnalytics: true,
        startDate: day("2024-06-01"), endDate: day("2024-08-31"), createdAt: at("2024-03-15T00:00:00Z"),
        sessions: 0, influencedContacts: 0, newContactsFirstTouch: 0, newContactsLastTouch: 0,
        influencedDeals: 0, influencedRevenue: 0, assets: [], sessionsByDay: [])

    static let brand = CampaignReport(
        id: "c4", name: "Always-on brand", utmCampaign: "brand", utmAliases: [], inAnalytics: true,
        startDate: nil, endDate: nil, createdAt: at("2019-05-01T00:00:00Z"),
        sessions: 2_310, influencedContacts: 540, newContactsFirstTouch: 201, newContactsLastTouch: 160,
        influencedDeals: 14, influencedRevenue: 103_400,
        assets: [AssetReport(id: "a9", name: "Home page", type: .websitePage, hiddenReason: nil, interactions: 2_900, contacts: 530)],
        sessionsByDay: days((1...20).map { ($0, 100 + ($0 * 37) % 40) }))

    static let legacy = CampaignReport(
        id: "c5", name: "Legacy newsletter", utmCampaign: "newsletter", utmAliases: [], inAnalytics: false,
        startDate: day("2016-01-01"), endDate: day("2017-06-30"), createdAt: at("2016-01-01T00:00:00Z"),
        sessions: 12, influencedContacts: 4, newContactsFirstTouch: 0, newContactsLastTouch: 1,
        influencedDeals: 1, influencedRevenue: 800, assets: [], sessionsByDay: days([(4, 5), (11, 7)]))

    static let unlinked = [
        UnlinkedUtm(key: "spring-lauch", spellings: ["Spring-Lauch", "spring-lauch"], pageViews: 57, sessions: 41, suggestedCampaignID: "c1"),
        UnlinkedUtm(key: "tradeshow", spellings: ["TradeShow"], pageViews: 12, sessions: 9, suggestedCampaignID: nil),
    ]

    static func report(window: ReportWindow = ReportWindow(zone: utc)) -> Report {
        Report(window: window, campaigns: [spring, webinar, summer, brand, legacy], unlinkedUtm: unlinked,
               attribution: AttributionReport())
    }

    /// A dashboard with the report loaded, at the given size.
    static func state(width: Int = 120, height: Int = 35, glyphs: Glyphs = .unicode) -> DashboardState {
        var state = DashboardState(width: width, height: height, now: now, zone: utc, storeLabel: "utmost.sqlite", glyphs: glyphs)
        state.report = report()
        state.lastRefresh = at("2024-03-20T09:29:58Z")
        state.generation = 1
        return state
    }

    static let assets = [
        AssetListing(id: "a1", name: "Spring landing page", type: .landingPage, campaignIDs: ["c1"]),
        AssetListing(id: "a6", name: "Webinar signup", type: .landingPage, campaignIDs: ["c2"]),
        AssetListing(id: "a7", name: "Nurture workflow", type: .workflow, campaignIDs: ["c2"]),
        AssetListing(id: "a9", name: "Home page", type: .websitePage, campaignIDs: ["c4"]),
        AssetListing(id: "a10", name: "Pricing CTA", type: .cta, campaignIDs: []),
    ]
}
