import Foundation
import Testing
import CampaignKit
import Synthetic
import Attribution

/// Correctness at scale: the engine's numbers on a generated company (2,000
/// contacts, ~40k events) must keep the invariants the SPEC's rules imply,
/// whatever the exact values are.
@Suite("Engine invariants on generated data")
struct GeneratedDataTests {
    /// Computed once for the whole suite: generating and analysing is the slow part.
    static let fixture = Fixture()

    struct Fixture: Sendable {
        let dataset: Dataset
        let analysis: Analysis
        init() {
            dataset = Generator(contacts: 2_000, seed: 7).dataset()
            analysis = Analysis(CompiledData(dataset), asOf: Generator.spanEnd, zone: utc)
        }
    }

    static let utc = TimeZone(identifier: "UTC")!

    static func day(_ text: String) -> CalendarDate { CalendarDate(iso8601: text)! }

    /// Open, a year, a quarter, a month, a week, and windows open at one end.
    static let windows: [ReportWindow] = [
        ReportWindow(zone: utc),
        ReportWindow(from: day("2023-01-01"), to: day("2023-12-31"), zone: utc),
        ReportWindow(from: day("2024-04-01"), to: day("2024-06-30"), zone: utc),
        ReportWindow(from: day("2023-11-01"), to: day("2023-11-30"), zone: utc),
        ReportWindow(from: day("2024-02-05"), to: day("2024-02-11"), zone: utc),
        ReportWindow(from: day("2024-07-01"), zone: utc),
        ReportWindow(to: day("2023-06-30"), zone: utc),
    ]

    var dataset: Dataset { Self.fixture.dataset }
    var analysis: Analysis { Self.fixture.analysis }

    func contactsCreated(in window: ReportWindow) -> Int {
        dataset.contacts.filter { window.contains($0.createdAt) }.count
    }

    func closedWon(in window: ReportWindow) -> [Deal] {
        dataset.deals.filter { $0.stage == .closedWon && $0.closeDate.map(window.contains) == true }
    }

    @Test("the generated company has the shape of issue 6 (campaigns, assets, ~20 events per contact, ~5 % won)")
    func shape() {
        let g = Generator(contacts: 2_000, seed: 7)
        #expect(dataset.campaigns.count == g.campaignCount)
        #expect(Generator(contacts: 10_000).campaignCount == 30 && Generator(contacts: 1_000_000).campaignCount == 300)
        #expect(Generator(contacts: 10_000).assetCount == 500)
        let perContact = Double(dataset.events.count) / Double(dataset.contacts.count)
        #expect(perContact > 15 && perContact < 25, "events per contact: \(perContact)")
        let won = Double(dataset.deals.filter { $0.stage == .closedWon }.count) / Double(dataset.contacts.count)
        #expect(won > 0.03 && won < 0.07, "closed-won deals per contact: \(won)")
        #expect(dataset.campaigns.contains { !$0.aliases.isEmpty }, "some campaigns are renamed")
        #expect(dataset.associations.contains { $0.dissociatedAt != nil }, "some assets moved")
        let views = dataset.events.filter { $0.type == .pageView }
        #expect(views.contains { $0.sessionID == nil } && views.contains { $0.sessionID != nil })
        let anonymous = Set(views.compactMap(\.visitorID).filter { $0.hasPrefix("anon") }).count
        let known = dataset.contacts.reduce(0) { $0 + $1.visitorIDs.count }
        let share = Double(anonymous) / Double(anonymous + known)
        #expect(share > 0.2 && share < 0.4, "anonymous share of visitors: \(share)")
    }

    @Test("the generator is deterministic per seed")
    func deterministic() {
        let a = Generator(contacts: 300, seed: 11).dataset(), b = Generator(contacts: 300, seed: 11).dataset()
        let c = Generator(contacts: 300, seed: 12).dataset()
        #expect(a.events == b.events && a.contacts == b.contacts && a.deals == b.deals && a.campaigns == b.campaigns)
        #expect(a.events != c.events)
    }

    @Test("R15 first touch: new contacts summed over campaigns ≤ contacts created in the window")
    func firstTouchBounded() {
        var total = 0
        for window in Self.windows {
            let report = analysis.report(window: window)
            let sum = report.campaigns.reduce(0) { $0 + $1.newContactsFirstTouch }
            #expect(sum <= contactsCreated(in: window), "window \(window.from?.description ?? "-")…\(window.to?.description ?? "-")")
            total += sum
        }
        #expect(total > 0, "first touch credits some campaign")
    }

    @Test("R16 last touch: new contacts summed over campaigns ≤ contacts created in the window")
    func lastTouchBounded() {
        var total = 0
        for window in Self.windows {
            let report = analysis.report(window: window)
            let sum = report.campaigns.reduce(0) { $0 + $1.newContactsLastTouch }
            #expect(sum <= contactsCreated(in: window))
            total += sum
        }
        #expect(total > 0, "last touch credits some campaign")
    }

    @Test("R14 influenced revenue per campaign ≤ the closed-won revenue of the window")
    func influencedRevenueBounded() {
        var influencedSomewhere = false
        for window in Self.windows {
            let won = closedWon(in: window)
            let revenue = won.reduce(Decimal(0)) { $0 + $1.amount }
            for c in analysis.report(window: window).campaigns {
                #expect(c.influencedRevenue <= revenue, "campaign \(c.id)")
                #expect(c.influencedDeals <= won.count, "campaign \(c.id)")
                #expect(c.influencedContacts <= dataset.contacts.count)
                if c.influencedRevenue > 0 { influencedSomewhere = true }
            }
        }
        #expect(influencedSomewhere)
    }

    @Test("R18 each attribution model's credits sum to the attributed revenue")
    func attributionSums() {
        for window in Self.windows {
            let a = analysis.report(window: window).attribution
            #expect(a.models.count == AttributionModel.builtIn.count)
            for (name, credits) in a.models {
                let sum = credits.values.reduce(Decimal(0), +)
                #expect(sum == a.attributedRevenue, "model \(name): \(sum) ≠ \(a.attributedRevenue)")
            }
            let won = closedWon(in: window).reduce(Decimal(0)) { $0 + $1.amount }
            #expect(a.attributedRevenue + a.unattributedRevenue == won)
            #expect(a.unattributedDeals <= closedWon(in: window).count)
        }
        #expect(analysis.report(window: Self.windows[0]).attribution.attributedRevenue > 0)
    }

    @Test("R14 sessions of the whole window ≤ the sum of its two halves; first-interaction counts add up")
    func halves() {
        let whole = ReportWindow(from: Self.day("2023-01-01"), to: Self.day("2024-12-31"), zone: Self.utc)
        let first = ReportWindow(from: Self.day("2023-01-01"), to: Self.day("2023-12-31"), zone: Self.utc)
        let second = ReportWindow(from: Self.day("2024-01-01"), to: Self.day("2024-12-31"), zone: Self.utc)
        let w = analysis.report(window: whole), a = analysis.report(window: first), b = analysis.report(window: second)
        #expect(w.campaigns.reduce(0) { $0 + $1.sessions } > 0)
        for ((cw, ca), cb) in zip(zip(w.campaigns, a.campaigns), b.campaigns) {
            #expect(cw.id == ca.id && ca.id == cb.id)
            #expect(cw.sessions <= ca.sessions + cb.sessions, "campaign \(cw.id)")
            #expect(cw.sessions >= max(ca.sessions, cb.sessions), "campaign \(cw.id)")
            // Counted once, in the window holding the contact's first interaction or the close.
            #expect(cw.influencedContacts == ca.influencedContacts + cb.influencedContacts, "campaign \(cw.id)")
            #expect(cw.newContactsFirstTouch == ca.newContactsFirstTouch + cb.newContactsFirstTouch)
            #expect(cw.newContactsLastTouch == ca.newContactsLastTouch + cb.newContactsLastTouch)
            #expect(cw.influencedDeals == ca.influencedDeals + cb.influencedDeals)
            #expect(cw.influencedRevenue == ca.influencedRevenue + cb.influencedRevenue)
            for (aw, (aa, ab)) in zip(cw.assets, zip(ca.assets, cb.assets)) {
                #expect(aw.interactions == aa.interactions + ab.interactions, "asset \(aw.id) in \(cw.id)")
                #expect(aw.contacts <= aa.contacts + ab.contacts)
            }
        }
    }

    @Test("R9 hidden assets show 0 interactions and 0 contacts")
    func hiddenAssets() {
        var hidden = 0
        var counted = 0
        for window in Self.windows {
            for c in analysis.report(window: window).campaigns {
                for asset in c.assets {
                    if asset.hiddenReason != nil {
                        hidden += 1
                        #expect(asset.interactions == 0 && asset.contacts == 0, "asset \(asset.id) in \(c.id)")
                        #expect(!asset.visible)
                    } else {
                        #expect(asset.contacts <= asset.interactions, "asset \(asset.id) in \(c.id)")
                        counted += asset.interactions
                    }
                }
            }
        }
        #expect(hidden > 0, "the generated data hides some assets")
        #expect(counted > 0, "visible assets count interactions")
    }

    @Test("R14 R18 R20 a report is the same whichever of the events' strings a compile keeps; each keeps what it says",
          arguments: [EventStrings.forAppending, .letGo])
    func slimCompiledData(strings: EventStrings) {
        let slim = Analysis(CompiledData(Self.fixture.dataset, strings: strings), asOf: Generator.spanEnd, zone: Self.utc)
        for window in Self.windows {
            #expect(slim.report(window: window) == Self.fixture.analysis.report(window: window))
        }
        let kept = slim.data.dataset.events, all = Self.fixture.dataset.events
        #expect(kept.count == all.count)
        #expect(kept.indices.allSatisfy { kept[$0].url == all[$0].url && kept[$0].assetID == nil && kept[$0].sessionID == nil })
        #expect(all.contains { $0.assetID != nil } && all.contains { $0.sessionID != nil })
        let full = Self.fixture.dataset.contacts, contacts = slim.data.dataset.contacts
        #expect(full.contains { !$0.visitorIDs.isEmpty } && full.contains { $0.email != nil })
        #expect(contacts.map(\.id) == full.map(\.id) && contacts.map(\.createdAt) == full.map(\.createdAt))
        #expect(contacts.map(\.salesforceCampaignIDs) == full.map(\.salesforceCampaignIDs))
        switch strings {
        case .letGo:
            // The contacts keep what a report reads (ids, creation, Salesforce memberships for R20's segments).
            #expect(kept.indices.allSatisfy { kept[$0].visitorID == nil && kept[$0].contactID == nil })
            #expect(contacts.allSatisfy { $0.visitorIDs.isEmpty && $0.email == nil })
        case .forAppending:
            // What an explanation names of an event, every pool for appending, and the contacts whole.
            #expect(kept.indices.allSatisfy { kept[$0].visitorID == all[$0].visitorID && kept[$0].contactID == all[$0].contactID })
            #expect(EventTable.Field.allCases.allSatisfy { kept.pool($0).count == all.pool($0).count })
            #expect(contacts.map(\.email) == full.map(\.email) && contacts.map(\.visitorIDs) == full.map(\.visitorIDs))
        case .kept:
            Issue.record("not an argument")
        }
    }

    @Test("#17 R10 R14 R18 the time order and sessions worked out beside the loading give the same report; one of other events is not used")
    func givenEventOrder() {
        let dataset = Self.fixture.dataset
        // Worked out on the loader's thread, or as the store kept it (with the sessions' state).
        let keptByStore = EventOrder(dataset.events, keepingState: true)
        for strings in EventStrings.allCases {
            for kept in [nil, keptByStore] {
                let slot = EventOrderSlot(keepingState: strings != .letGo)
                slot.fill(dataset.events, kept: kept)
                let given = Analysis(CompiledData(dataset, strings: strings, order: slot.take()), asOf: Generator.spanEnd, zone: Self.utc)
                #expect(slot.take() == nil, "taken once")
                for window in Self.windows { #expect(given.report(window: window) == Self.fixture.analysis.report(window: window)) }
            }
        }
        // An order of fewer events, or kept for another use, is worked out again.
        var fewer = dataset
        fewer.events = EventTable(dataset.events.prefix(dataset.events.count / 2))
        let stale = EventOrder(fewer.events, keepingState: true)
        let notKept = EventOrder(dataset.events, keepingState: false)
        for order in [stale, notKept] {
            let analysis = Analysis(CompiledData(dataset, order: order), asOf: Generator.spanEnd, zone: Self.utc)
            #expect(analysis.report(window: Self.windows[0]) == Self.fixture.analysis.report(window: Self.windows[0]))
        }
    }
}
