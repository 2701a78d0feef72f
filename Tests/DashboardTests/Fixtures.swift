import Widgets
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
               attribution: attribution)
    }

    static func money(_ text: String) -> Decimal { Decimal(string: text)! }

    /// #17: a campaign as the store's outline lists it: its report row without the numbers.
    static func outline(_ campaign: CampaignReport) -> CampaignOutline {
        CampaignOutline(id: campaign.id, name: campaign.name, utmCampaign: campaign.utmCampaign, utmAliases: campaign.utmAliases,
                        startDate: campaign.startDate, endDate: campaign.endDate, createdAt: campaign.createdAt,
                        archivedAt: campaign.archivedAt,
                        assets: campaign.assets.map { AssetOutline(id: $0.id, name: $0.name, type: $0.type) })
    }

    /// R18 over the fixtures: every column adds up to 150,000.00 to the cent;
    /// Summer sale has no credit, `last` gives the legacy newsletter none.
    static let attribution = AttributionReport(
        attributedRevenue: 150_000, unattributedDeals: 2, unattributedRevenue: money("1800.00"),
        models: [
            "first": ["c1": 40_000, "c2": 20_000, "c4": 85_000, "c5": 5_000],
            "last": ["c1": money("60500.25"), "c2": money("9499.75"), "c4": 80_000],
            "linear": ["c1": money("50333.34"), "c2": money("16333.33"), "c4": 80_000, "c5": money("3333.33")],
            "u_shaped": ["c1": 45_000, "c2": 18_000, "c4": 84_200, "c5": 2_800],
            "w_shaped": ["c1": money("47125.10"), "c2": money("17874.90"), "c4": 82_000, "c5": 3_000],
            "full_path": ["c1": 52_000, "c2": 13_000, "c4": 82_500, "c5": 2_500],
            "time_decay": ["c1": money("58123.45"), "c2": money("11876.55"), "c4": 79_000, "c5": 1_000],
            "j_shaped": ["c1": 55_000, "c2": 12_000, "c4": 81_500, "c5": 1_500],
            "inverse_j": ["c1": 43_000, "c2": 19_000, "c4": 84_000, "c5": 4_000],
        ])

    /// Spring launch's deals under `linear`: two of three, with their touches.
    static let topDeals = TopDeals(deals: [
        DealCredit(dealID: "d7", dealName: "Acme renewal", amount: 30_000, closedAt: at("2024-03-12T16:00:00Z"),
                   credit: 20_000, touches: [
            DealTouch(time: at("2024-02-20T09:15:00Z"), contactID: "k1", contactEmail: "ada@acme.example", eventType: .pageView,
                      campaignID: "c1", positions: [.first, .leadCreation], credit: 10_000),
            DealTouch(time: at("2024-03-01T11:00:00Z"), contactID: "k2", contactEmail: nil, eventType: .emailClick,
                      campaignID: "c4", positions: [.dealCreation], credit: 10_000),
            DealTouch(time: at("2024-03-11T14:30:00Z"), contactID: "k1", contactEmail: "ada@acme.example", eventType: .formSubmission,
                      campaignID: "c1", positions: [.closedWon], credit: 10_000),
        ]),
        DealCredit(dealID: "d3", dealName: nil, amount: money("12500.50"), closedAt: at("2024-03-05T10:00:00Z"),
                   credit: money("12500.50"), touches: [
            DealTouch(time: at("2024-03-04T08:00:00Z"), contactID: "k9", contactEmail: "bo@globex.example", eventType: .workflowEnrollment,
                      campaignID: "c1", positions: [.first, .leadCreation, .dealCreation, .closedWon], credit: money("12500.50")),
        ]),
    ], dealCount: 3)

    /// A dashboard with the report loaded, at the given size.
    static func state(width: Int = 120, height: Int = 35, glyphs: Glyphs = .unicode) -> DashboardState {
        var state = DashboardState(width: width, height: height, now: now, zone: utc, storeLabel: "utmost.sqlite", glyphs: glyphs)
        state.report = report()
        state.lastRefresh = at("2024-03-20T09:29:58Z")
        state.generation = 1
        state.requestedReport = state.reportRequest
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

/// R20: Salesforce campaigns among the contacts, and Spring launch's influenced contacts.
extension Fixtures {
    static let tradeshow = "701Hs00000ABcdEIAT"
    static let webinarSF = "701Hs00000XYz12IAC"

    static let segments = [
        SegmentListing(id: tradeshow, members: 24),
        SegmentListing(id: webinarSF, members: 9),
        SegmentListing(id: "701Hs00000Q3webIAA", members: 1),
    ]

    /// Per segment, per campaign: influenced contacts, new contacts (either touch), influenced deals.
    static let segmentCounts: [String: [String: (Int, Int, Int)]] = [
        tradeshow: ["c1": (11, 4, 2), "c2": (3, 1, 0), "c4": (17, 6, 3)],
        webinarSF: ["c2": (7, 2, 1), "c4": (2, 0, 0)],
    ]

    private static func contact(_ n: Int, _ email: String?, _ at: String, first: String?, last: String?, _ sf: [String]) -> ContactListing {
        ContactListing(id: "k\(n)", email: email, firstInfluenced: Fixtures.at(at), firstTouchCampaignID: first,
                       lastTouchCampaignID: last, salesforceCampaignIDs: sf)
    }

    /// Spring launch's influenced contacts, by when first influenced.
    static let contacts: [ContactListing] = [
        contact(1, "ada@acme.example", "2024-03-01T09:15:00Z", first: "c1", last: "c1", [tradeshow]),
        contact(2, nil, "2024-03-01T11:00:00Z", first: "c4", last: "c1", []),
        contact(3, "cy@initech.example", "2024-03-02T08:40:00Z", first: "c1", last: nil, [tradeshow, webinarSF]),
        contact(4, "dee@umbrella.example", "2024-03-03T16:05:00Z", first: nil, last: "c2", [webinarSF]),
        contact(5, "ed@hooli.example", "2024-03-05T10:30:00Z", first: "c1", last: "c1", [tradeshow]),
        contact(6, "flo@stark.example", "2024-03-05T12:00:00Z", first: "c2", last: "c1", []),
        contact(7, "gus@wayne.example", "2024-03-08T07:45:00Z", first: "c1", last: "c4", [tradeshow]),
        contact(8, "hal@cyberdyne.example", "2024-03-09T14:20:00Z", first: "c4", last: nil, []),
        contact(9, "bo@globex.example", "2024-03-09T15:00:00Z", first: "c1", last: "c1", [tradeshow]),
        contact(10, "ivy@tyrell.example", "2024-03-10T09:00:00Z", first: "c1", last: "c1", []),
        contact(11, "jo@soylent.example", "2024-03-12T18:30:00Z", first: "c1", last: nil, [tradeshow]),
        contact(12, "kim@oscorp.example", "2024-03-15T08:00:00Z", first: "c4", last: "c1", [tradeshow]),
        contact(13, "lu@vandelay.example", "2024-03-16T13:10:00Z", first: "c1", last: "c1", []),
        contact(14, "mo@gekko.example", "2024-03-19T17:55:00Z", first: "c1", last: "c2", [tradeshow]),
    ]
}
