import Attribution
import CampaignKit
import Foundation
import Testing
@testable import CampaignStore

/// R20: a report restricted to one Salesforce campaign's members, on the
/// fixture's numbers worked out by hand:
///
/// - sessions of c1: the page views of v1, v2 and v4 on its page (k3's page is
///   no campaign's): 3, with or without a segment.
/// - influenced: k1 (02-01), k2 (02-02), k4 (02-04); k3's workflow enrollment is
///   no interaction (R13). New by first touch: the same three; by last touch:
///   k1 and k2, the two who registered.
/// - deals: d1 (k1, 1000.00) and d2 (k4, 500.00), both contacts influenced before
///   the close.
///
/// Segments: 701A = k1 (by email, in another case) and k4 (by id), imported;
/// 701B = k1 and k2, added by the rule on the form f1.
struct SalesforceSegmentTests {
    private typealias F = SalesforceFixture

    private struct Numbers: Equatable {
        var sessions, influenced, firstTouch, lastTouch, deals: Int
        var revenue: Decimal
    }

    private func numbers(_ analysis: Analysis, _ segment: String?, from: CalendarDate? = nil) -> Numbers {
        let c = analysis.report(window: ReportWindow(from: from), segment: segment).campaigns.first { $0.id == "c1" }!
        return Numbers(sessions: c.sessions, influenced: c.influencedContacts, firstTouch: c.newContactsFirstTouch,
                       lastTouch: c.newContactsLastTouch, deals: c.influencedDeals, revenue: c.influencedRevenue)
    }

    @Test("R20 the segment filter on report numbers, checked by hand on a small folder")
    func segmentNumbers() throws {
        let t = try F.store(["salesforce_rules.csv": "asset_id,salesforce_campaign_id,status\nf1,701B,Registered\n"])
        let store = try t.open()
        try store.importSalesforceMembers(F.file(t, "members.csv", "CampaignId,ContactId,Email,Status\n701A,,ANN@example.com,Attended\n701A,k4,,Sent\n"), now: F.now)
        let dataset = try store.loadDataset()
        #expect(dataset.contacts.map(\.salesforceCampaignIDs) == [["701A", "701B"], ["701B"], [], ["701A"]])
        let analysis = Analysis(CompiledData(dataset), asOf: F.now, zone: TimeZone(identifier: "UTC")!)

        #expect(numbers(analysis, nil) == Numbers(sessions: 3, influenced: 3, firstTouch: 3, lastTouch: 2, deals: 2, revenue: 1500))
        #expect(numbers(analysis, "701A") == Numbers(sessions: 3, influenced: 2, firstTouch: 2, lastTouch: 1, deals: 2, revenue: 1500))
        #expect(numbers(analysis, "701B") == Numbers(sessions: 3, influenced: 2, firstTouch: 2, lastTouch: 2, deals: 1, revenue: 1000))
        #expect(numbers(analysis, "701Z") == Numbers(sessions: 3, influenced: 0, firstTouch: 0, lastTouch: 0, deals: 0, revenue: 0))
        // From 2 February: k1 was influenced and created the day before; the deals close in March.
        let feb2 = CalendarDate(year: 2024, month: 2, day: 2)
        #expect(numbers(analysis, "701A", from: feb2) == Numbers(sessions: 2, influenced: 1, firstTouch: 1, lastTouch: 0, deals: 2, revenue: 1500))
    }
}
