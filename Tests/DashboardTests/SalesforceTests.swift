import Widgets
import Testing
import Attribution
import CampaignKit
@testable import Dashboard

/// R20 in the dashboard: the Salesforce segment filter (`f`) and a campaign's
/// influenced contacts (`c`, or Enter on the influenced-contacts tile).
@Suite struct SalesforceTests {
    let spring = Scenarios.spring(120, 35, focus: .campaigns)

    @Test("R20 f lists the Salesforce campaigns among the contacts, largest first, after all contacts")
    func picker() async {
        let (s, effects) = press(.char("f"), on: spring)
        #expect(effects == [.loadSegments])
        let backend = FakeBackend()
        let t = await settle(s, effects, backend: backend)
        #expect(await backend.calls == ["segments"])
        guard case .segmentPicker(let picker)? = t.popup else { Issue.record("no picker"); return }
        #expect(picker.rows.map { $0?.id } == [nil, Fixtures.tradeshow, Fixtures.webinarSF, "701Hs00000Q3webIAA"])
        #expect(picker.cursor == 0)
        // Typing narrows by id; "all contacts" stays only while it matches.
        let narrowed = press(typing("xyz"), on: t).0
        if case .segmentPicker(let p)? = narrowed.popup { #expect(p.rows.map { $0?.id } == [Fixtures.webinarSF]) }
        // Esc leaves everything as it was.
        let cancelled = press(.escape, on: t)
        #expect(cancelled.0.popup == nil && cancelled.0.segment == nil && cancelled.1.isEmpty)
    }

    @Test("R20 the report request carries the segment; R14 influenced contacts then count only its members")
    func requestCarriesSegment() async {
        let backend = FakeBackend()
        var (s, effects) = press(.char("f"), on: spring)
        s = await settle(s, effects, backend: backend)
        (s, effects) = press(.down, .enter, on: s)
        #expect(s.segment == Segment(id: Fixtures.tradeshow, members: 24))
        #expect(effects == [.loadReport(ReportRequest(window: s.window, segment: Fixtures.tradeshow), generation: 2)])
        #expect(s.message?.text == "Only the segment's members count now (R20)")
        s = await settle(s, effects, backend: backend)
        #expect(await backend.calls.last == "report all dates segment \(Fixtures.tradeshow)")
        // R14 by hand over the fixtures: Spring launch influenced 312 contacts, 11 of them in the segment.
        #expect(Fixtures.spring.influencedContacts == 312)
        #expect(s.campaign(id: "c1")?.influencedContacts == 11)
        #expect(s.campaign(id: "c1")?.influencedDeals == 2)
        // Sessions are not contact-based: unchanged.
        #expect(s.campaign(id: "c1")?.sessions == 1_240)
    }

    @Test("R20 a window change keeps the segment; choosing all contacts clears it")
    func windowKeepsSegment() async {
        let s = Scenarios.segmented(spring)
        var (t, effects) = press(.char("]"), on: s)
        guard let request = requestedReport(in: effects) else { Issue.record("no reload"); return }
        #expect(request.segment == Fixtures.tradeshow && request.window == t.window)
        #expect(t.segment == s.segment)
        // The picker starts on the segment in force; g-less: up to "all contacts", Enter.
        (t, effects) = press(.char("f"), on: t)
        t = update(t, .segmentsLoaded(.success(Fixtures.segments))).0
        if case .segmentPicker(let p)? = t.popup { #expect(p.cursor == 1) }
        (t, effects) = press(.up, .enter, on: t)
        #expect(t.segment == nil && t.popup == nil)
        #expect(t.message?.text == "All contacts count again")
        guard let cleared = requestedReport(in: effects) else { Issue.record("no reload"); return }
        #expect(cleared == ReportRequest(window: t.window, segment: nil))
        // Choosing the segment already in force asks nothing again.
        (t, effects) = press(.char("f"), on: Scenarios.segmented(spring))
        t = update(t, .segmentsLoaded(.success(Fixtures.segments))).0
        #expect(press(.enter, on: t).1.isEmpty)
    }

    @Test("R20 the segment shows in the header, with its member count, 120×35 and 80×24")
    func header() {
        let wide = screen(Scenarios.named("segment")(120, 35)).split(separator: "\n")
        #expect(wide[0].hasSuffix("Segment 701Hs…: 24 contacts · All time"))
        #expect(wide.last?.hasPrefix(" utmost.sqlite │ Segment 701Hs00000ABcdEIAT: 24 contacts │ All time (UTC) │") == true)
        // 80 columns: no room left in the header; the status bar keeps the segment instead of the refresh time.
        let narrow = screen(Scenarios.named("segment")(80, 24)).split(separator: "\n")
        #expect(narrow.last?.hasPrefix(" Segment 701Hs…: 24 contacts │") == true)
        // Without a segment the header is as before.
        #expect(!screen(spring).contains("Segment"))
    }

    @Test("c asks for the campaign's influenced contacts in the window and segment; Enter on the influenced tile too")
    func contactsKey() async {
        let s = Scenarios.segmented(spring)
        let (t, effects) = press(.char("c"), on: s)
        let request = ContactsRequest(campaignID: "c1", window: s.window, segment: Fixtures.tradeshow, limit: ContactsPopup.limit)
        #expect(effects == [.loadContacts(request)])
        guard case .contacts(let popup)? = t.popup else { Issue.record("no popup"); return }
        #expect(popup.campaignName == "Spring launch" && popup.result == nil)
        let backend = FakeBackend()
        let done = await settle(t, effects, backend: backend)
        #expect(await backend.calls == ["contacts c1 all dates \(Fixtures.tradeshow) 500"])
        guard case .contacts(let loaded)? = done.popup else { Issue.record("popup closed"); return }
        // R14 by hand: 8 of the 14 fixture contacts are members of the trade-show campaign.
        #expect(loaded.result?.total == 8)
        #expect(loaded.result?.contacts.allSatisfy { $0.salesforceCampaignIDs.contains(Fixtures.tradeshow) } == true)

        // Metrics pane: Enter on "influenced contacts" lists them; on another tile it explains.
        var m = Scenarios.spring(120, 35, focus: .metrics)
        m.metricIndex = 1
        #expect(press(.enter, on: m).1 == [.loadContacts(ContactsRequest(campaignID: "c1", window: m.window, segment: nil, limit: 500))])
        m.metricIndex = 2
        #expect(press(.enter, on: m).1 == [.explain(.metric(campaignID: "c1", .newContactsFirstTouch), m.window)])
        // Analytics tab: the campaign under the cursor.
        let a = press(.char("2"), .char("c"), on: Fixtures.state())
        guard case .loadContacts(let fromAnalytics)? = a.1.last else { Issue.record("no request"); return }
        #expect(fromAnalytics.campaignID == a.0.analyticsCampaigns[0].id)
        // No campaign: a message, no request.
        var empty = Fixtures.state()
        empty.report?.campaigns = []
        let none = press(.char("c"), on: empty)
        #expect(none.1.isEmpty && none.0.message?.isError == true)
    }

    @Test("the contacts list: j/k scroll within the rows, / filters, Esc clears then closes, a stale or failed answer is handled")
    func contactsKeys() {
        let (s, effects) = press(.char("c"), on: Scenarios.spring(80, 24, focus: .campaigns))
        guard case .loadContacts(let request)? = effects.first else { Issue.record("no request"); return }
        var other = request
        other.campaignID = "c2"
        #expect(update(s, .contactsLoaded(other, .success(CampaignContacts(contacts: [], total: 0)))).0 == s)
        let failed = update(s, .contactsLoaded(request, .failure(BackendFailure("store locked")))).0
        if case .contacts(let p)? = failed.popup { #expect(p.error == "store locked") }

        var t = update(s, .contactsLoaded(request, .success(CampaignContacts(contacts: Fixtures.contacts, total: 14)))).0
        t = press(.char("j"), .char("j"), on: t).0
        if case .contacts(let p)? = t.popup { #expect(p.scroll == 2) }
        // 14 rows, 10 in view at 80×24: the last page starts at row 5.
        t = press(Array(repeating: .char("j"), count: 30), on: t).0
        if case .contacts(let p)? = t.popup { #expect(p.scroll == 4) }
        t = press(.char("g"), on: t).0
        if case .contacts(let p)? = t.popup { #expect(p.scroll == 0) }
        // `/` filters by email, id, touch campaign name or Salesforce id.
        t = press([.char("/")] + typing("webinar"), on: t).0
        guard case .contacts(let f)? = t.popup else { Issue.record("closed"); return }
        #expect(f.filtering && f.rows(campaignName: { t.campaign(id: $0)?.name }).map(\.id) == ["k4", "k6", "k14"])
        t = press([.enter], on: t).0
        if case .contacts(let p)? = t.popup { #expect(!p.filtering && p.filter.text == "webinar") }
        t = press([.char("/"), .ctrl("u")] + typing("xyz12") + [.enter], on: t).0
        if case .contacts(let p)? = t.popup { #expect(p.rows(campaignName: { _ in nil }).map(\.id) == ["k3", "k4"]) }
        // Esc clears the filter first, then closes.
        t = press(.escape, on: t).0
        if case .contacts(let p)? = t.popup { #expect(p.filter.text.isEmpty) } else { Issue.record("closed too early") }
        #expect(press(.escape, on: t).0.popup == nil)
    }

    @Test("R14 R16 the contacts list sorts with s: by contact in natural order, then by last touch with none last, then back")
    func contactsSort() {
        let (s, effects) = press(.char("c"), on: Scenarios.spring(80, 24, focus: .campaigns))
        guard case .loadContacts(let request)? = effects.first else { Issue.record("no request"); return }
        var t = update(s, .contactsLoaded(request, .success(CampaignContacts(contacts: Fixtures.contacts, total: 14)))).0
        let name: (String) -> String? = { t.campaign(id: $0)?.name }
        func ids() -> [String] {
            guard case .contacts(let p)? = t.popup else { Issue.record("closed"); return [] }
            return p.rows(campaignName: name).map(\.id)
        }
        #expect(ids() == Fixtures.contacts.map(\.id))
        t = press(.char("j"), .char("s"), on: t).0
        // Emails, the id where there is none: k2 sorts among the k's.
        #expect(ids() == ["k1", "k9", "k3", "k4", "k5", "k6", "k7", "k8", "k10", "k11", "k2", "k12", "k13", "k14"])
        if case .contacts(let p)? = t.popup { #expect(p.scroll == 0 && p.sort == .contact) }
        #expect(t.message?.text == "Contacts sorted by contact")
        t = press(.char("s"), .char("s"), on: t).0
        #expect(Array(ids().suffix(3)) == ["k3", "k8", "k11"])
        let named = ids().dropLast(3).compactMap { id in Fixtures.contacts.first { $0.id == id }?.lastTouchCampaignID.flatMap(name) }
        #expect(named.count == 11 && zip(named, named.dropFirst()).allSatisfy { NaturalOrder.precedes($0, $1) != false })
        // The sort applies to what the filter leaves.
        t = press([.char("/")] + typing("webinar") + [.enter], on: t).0
        #expect(Set(ids()) == ["k4", "k6", "k14"])
        t = press(.char("s"), on: t).0
        #expect(ids() == ["k4", "k6", "k14"])
    }

    @Test("R20 segment picker, 120×35") func picker120x35() {
        expectSnapshot("segment-picker", 120, 35)
    }

    @Test("R20 segment picker, 80×24") func picker80x24() {
        expectSnapshot("segment-picker", 80, 24)
    }

    @Test("R20 contacts list in a segment: first influenced, first and last touch, Salesforce ids, 120×35") func contacts120x35() {
        expectSnapshot("contacts", 120, 35)
    }

    @Test("R20 contacts list in a segment: first influenced, first and last touch, Salesforce ids, 80×24") func contacts80x24() {
        expectSnapshot("contacts", 80, 24)
    }

    @Test("R14 contacts list of all contacts: the first of 312, scrollable, 80×24") func contactsAll80x24() {
        expectSnapshot("contacts-all", 80, 24)
    }
}
