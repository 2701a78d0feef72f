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
        guard case .loadReport(let request, _)? = effects.last else { Issue.record("no reload"); return }
        #expect(request.segment == Fixtures.tradeshow && request.window == t.window)
        #expect(t.segment == s.segment)
        // The picker starts on the segment in force; g-less: up to "all contacts", Enter.
        (t, effects) = press(.char("f"), on: t)
        t = update(t, .segmentsLoaded(.success(Fixtures.segments))).0
        if case .segmentPicker(let p)? = t.popup { #expect(p.cursor == 1) }
        (t, effects) = press(.up, .enter, on: t)
        #expect(t.segment == nil && t.popup == nil)
        #expect(t.message?.text == "All contacts count again")
        guard case .loadReport(let cleared, _)? = effects.last else { Issue.record("no reload"); return }
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

    @Test("R20 segment picker, 120×35") func picker120x35() {
        expectScreen(Scenarios.named("segment-picker")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Campaigns 5 ─────────────────────────────────────────────┐┌ Assets · Always-on brand 1 ──────────────────────────────┐
        │   Campaign ▲       utm_campaign     Sessions     Revenue ││ Type         Asset                       Inter. Contacts │
        │ ● Always-on brand  brand            ███▇▇▇████   103,400 ││ web page     Home page                    2,900      530 │
        │ ◦ Legacy n… pre-17 newsletter        ▆   █           800 ││                                                          │
        │ ● Spring launch    spring-launch    ▂▁▂▃▇▃ █▃▆    48,251 ││                                                          │
        │ ○ Summer sale      summer-sale                         0 ││                                                          │
        │ ◦ Webinar series   webinar-series   █▄▃▃▃         12,900 ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │               ┌ Segment: count only a Salesforce campaign's members (R20) ───────────────────────────┐               │
        │               │                                                                                      │               │
        │               │ Search ▏                                                                             │               │
        │               │                                                                                      │               │
        │               │              Salesforce campaign                 Contacts                            │               │
        │               │ in force     All contacts                        no segment                          │               │
        │               │              701Hs00000ABcdEIAT                  24 members                          │               │
        │               │              701Hs00000XYz12IAC                  9 members                           │               │
        │               │              701Hs00000Q3webIAA                  1 member                            │───────────────┘
        │               │                                                                                      │───────────────┐
        │               │ type to search · ▲▼ choose · Enter select · Esc cancel                               │        active │
        │               └──────────────────────────────────────────────────────────────────────────────────────┘               │
        │                                                          ││ Sessions           Influenced         New · first touch  │
        │                                                          ││ 2,310              540                201                │
        │                                                          ││                                                          │
        │                                                          ││ New · last touch   Influenced deals   Influenced revenue │
        │                                                          ││ 160                14                 103,400.00         │
        │                                                          ││                                                          │
        │                                                          ││ Sessions per day                                 max 138 │
        │                                                          ││ ▇▇▇▇▇▇▆▆▆▆▆▆▅▅▅▅▅▅▄▄▄▄▄▄▃▃██▇▇▇▇▆▆▆▆▆▆▅▅                 │
        │                                                          ││ ████████████████████████████████████████                 │
        │                                                          ││ 2024-03-01                    2024-03-20                 │
        └──────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R20 segment picker, 80×24") func picker80x24() {
        expectScreen(Scenarios.named("segment-picker")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Always-on brand 1 ──────────┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████   103,400 ││ Home page             2,900      530 │
        │ ◦ Legac… pre-17  ▆   █           800 ││                                      │
        │ ● Spring launch ▂▁▂▃▇▃ █▃▆    48,251 ││                                      │
        │┌ Segment: count only a Salesforce campaign's members (R20) ─────────────────┐│
        ││                                                                            ││
        ││ Search ▏                                                                   ││
        ││                                                                            ││
        ││              Salesforce campaign            Contacts                       │┘
        ││ in force     All contacts                   no segment                     │┐
        ││              701Hs00000ABcdEIAT             24 members                     ││
        ││              701Hs00000XYz12IAC             9 members                      ││
        ││              701Hs00000Q3webIAA             1 member                       ││
        ││                                                                            ││
        ││ type to search · ▲▼ choose · Enter select · Esc cancel                     ││
        │└────────────────────────────────────────────────────────────────────────────┘│
        │                                      ││ ▇▇▆▆▅▅▄▄▃▃▂▂▁█▇▆▆▅▅▄                 │
        │                                      ││ ████████████████████                 │
        │                                      ││ ████████████████████                 │
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R20 contacts list in a segment: first influenced, first and last touch, Salesforce ids, 120×35") func contacts120x35() {
        expectScreen(Scenarios.named("contacts")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution         Segment 701Hs…: 24 contacts · All time
        ┌ Campaigns 5 ─────────────────────────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─────────────────────┐
        │   Campaign ▲       utm_campaign     Sessions     Revenue ││ Type         Asset                       Inter. Contacts │
        │ ● Always-on brand  brand            ███▇▇▇████   103,400 ││ email        Launch email                   410      198 │
        │ ◦ Legacy n… pre-17 newsletter        ▆   █           800 ││ form         Demo request form               57       55 │
        │ ● Spring launch    spring-launch    ▂▁▂▃▇▃ █▃▆    48,251 ││ landing page Spring landing page            880      240 │
        │ ○ Summer sale      summer-sale                         0 ││ paid search  Brand keywords  not visited      0        0 │
        │ ◦ Webinar series   webinar-series   █▄▃▃▃         12,900 ││ social post  Teaser post     unpublished      0        0 │
        │                                                          ││                                                          │
        │  ┌ Contacts · Spring launch · Segment 701Hs00000ABcdE… ───────────────────────────────────────────────────────────┐  │
        │  │                                                                                                                │  │
        │  │ 8 contacts in segment 701Hs00000ABcdEIAT first influenced by Spring launch in the window.                      │  │
        │  │ First / last touch: R15, R16 campaigns; Salesforce: campaign ids (R20).                                        │  │
        │  │ Contact                    First influenced First touch           Last touch             Salesforce            │  │
        │  │ ada@acme.example (k1)      2024-03-01 09:15 Spring launch         Spring launch          701Hs00000ABcdEIAT    │  │
        │  │ cy@initech.example (k3)    2024-03-02 08:40 Spring launch         none                   701Hs00000ABcdEIAT +1 │  │
        │  │ ed@hooli.example (k5)      2024-03-05 10:30 Spring launch         Spring launch          701Hs00000ABcdEIAT    │  │
        │  │ gus@wayne.example (k7)     2024-03-08 07:45 Spring launch         Always-on brand        701Hs00000ABcdEIAT    │  │
        │  │ bo@globex.example (k9)     2024-03-09 15:00 Spring launch         Spring launch          701Hs00000ABcdEIAT    │  │
        │  │ jo@soylent.example (k11)   2024-03-12 18:30 Spring launch         none                   701Hs00000ABcdEIAT    │──┘
        │  │ kim@oscorp.example (k12)   2024-03-15 08:00 Always-on brand       Spring launch          701Hs00000ABcdEIAT    │──┐
        │  │ mo@gekko.example (k14)     2024-03-19 17:55 Spring launch         Webinar series         701Hs00000ABcdEIAT    │e │
        │  │                                                                                                                │  │
        │  │ / filter · Esc close                                                                                           │  │
        │  └────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘  │
        │                                                          ││                                                          │
        │                                                          ││ New · last touch   Influenced deals   Influenced revenue │
        │                                                          ││ 71                 9                  48,250.50          │
        │                                                          ││                                                          │
        │                                                          ││ Sessions per day                                 max 180 │
        │                                                          ││                 ▄▄▂▂        ██▅▅  ▁▁▃▃                   │
        │                                                          ││ ▁▁▃▃▂▂  ▅▅    ██████  ██    ████  ████▇▇                 │
        │                                                          ││ 2024-03-01                    2024-03-20                 │
        └──────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘
         utmost.sqlite │ Segment 701Hs00000ABcdEIAT: 24 contacts │ All time (UTC) │ refreshed 09:29:58 │ / filter  s sort
        """)
    }

    @Test("R20 contacts list in a segment: first influenced, first and last touch, Salesforce ids, 80×24") func contacts80x24() {
        expectScreen(Scenarios.named("contacts")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████   103,400 ││ Launch email            410      198 │
        │┌ Contacts · Spring launch · Segment 701Hs00000ABcdE… ───────────────────────┐│
        ││                                                                            ││
        ││ 8 contacts in segment 701Hs00000ABcdEIAT first influenced in the window.   ││
        ││ First / last touch: R15, R16 campaigns; Salesforce: campaign ids (R20).    ││
        ││ Contact            Influenced  First touch    Last touch     Salesforce    ││
        ││ ada@acme.example   03-01 09:15 Spring launch  Spring launch  701Hs00000AB… ││
        ││ cy@initech.example 03-02 08:40 Spring launch  none           701Hs0000… +1 │┘
        ││ ed@hooli.example   03-05 10:30 Spring launch  Spring launch  701Hs00000AB… │┐
        ││ gus@wayne.example  03-08 07:45 Spring launch  Always-on bra… 701Hs00000AB… ││
        ││ bo@globex.example  03-09 15:00 Spring launch  Spring launch  701Hs00000AB… ││
        ││ jo@soylent.example 03-12 18:30 Spring launch  none           701Hs00000AB… ││
        ││ kim@oscorp.example 03-15 08:00 Always-on bra… Spring launch  701Hs00000AB… ││
        ││ mo@gekko.example   03-19 17:55 Spring launch  Webinar series 701Hs00000AB… ││
        ││                                                                            ││
        ││ / filter · Esc close                                                       ││
        │└────────────────────────────────────────────────────────────────────────────┘│
        │                                      ││ ▂▄▄ █  ███ █  ██ ███                 │
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         Segment 701Hs…: 24 contacts │ / filter  s sort  a associate  ] window  ? help
        """)
    }

    @Test("R14 contacts list of all contacts: the first of 312, scrollable, 80×24") func contactsAll80x24() {
        expectScreen(Scenarios.named("contacts-all")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │┌ Contacts · Spring launch ──────────────────────────────────────────────────┐│
        ││                                                                            ││
        ││ 312 contacts first influenced in the window; the first 14:                 ││
        ││ First / last touch: R15, R16 campaigns; Salesforce: campaign ids (R20).    ││
        ││ Contact            Influenced  First touch    Last touch     Salesforce    ││
        ││ ada@acme.example   03-01 09:15 Spring launch  Spring launch  701Hs00000AB… ││
        ││ k2                 03-01 11:00 Always-on bra… Spring launch  -             ││
        ││ cy@initech.example 03-02 08:40 Spring launch  none           701Hs0000… +1 │┘
        ││ dee@umbrella.exam… 03-03 16:05 none           Webinar series 701Hs00000XY… │┐
        ││ ed@hooli.example   03-05 10:30 Spring launch  Spring launch  701Hs00000AB… ││
        ││ flo@stark.example  03-05 12:00 Webinar series Spring launch  -             ││
        ││ gus@wayne.example  03-08 07:45 Spring launch  Always-on bra… 701Hs00000AB… ││
        ││ hal@cyberdyne.exa… 03-09 14:20 Always-on bra… none           -             ││
        ││ bo@globex.example  03-09 15:00 Spring launch  Spring launch  701Hs00000AB… ││
        ││ ivy@tyrell.example 03-10 09:00 Spring launch  Spring launch  -             ││
        ││                                                                            ││
        ││ j/k scroll · 1–10 of 14 · / filter · Esc close                             ││
        │└────────────────────────────────────────────────────────────────────────────┘│
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }
}
