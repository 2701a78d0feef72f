import Testing
@testable import Dashboard

/// Every pane and popup drawn at 120×35 and 80×24, compared as text.
/// A failure prints the whole screen; when a change is intended, paste it here.
@Suite("Screens")
struct ScreenTests {
    @Test("campaigns pane focused, 120×35") func campaigns120x35() {
        expectScreen(Scenarios.named("campaigns")(120, 35), """
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
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          │└──────────────────────────────────────────────────────────┘
        │                                                          │┌ Metrics · Always-on brand ───────────────────────────────┐
        │                                                          ││ all dates                                         active │
        │                                                          ││                                                          │
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

    @Test("campaigns pane focused, 80×24") func campaigns80x24() {
        expectScreen(Scenarios.named("campaigns")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Always-on brand 1 ──────────┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████   103,400 ││ Home page             2,900      530 │
        │ ◦ Legac… pre-17  ▆   █           800 ││                                      │
        │ ● Spring launch ▂▁▂▃▇▃ █▃▆    48,251 ││                                      │
        │ ○ Summer sale                      0 ││                                      │
        │ ◦ Webinar seri… █▄▃▃▃         12,900 ││                                      │
        │                                      ││                                      │
        │                                      ││                                      │
        │                                      │└──────────────────────────────────────┘
        │                                      │┌ Metrics · Always-on brand ───────────┐
        │                                      ││ all dates                     active │
        │                                      ││ Sessions    Influenced  New 1st      │
        │                                      ││ 2,310       540         201          │
        │                                      ││ New last    Deals       Revenue      │
        │                                      ││ 160         14          103,400.00   │
        │                                      ││ Sessions per day             max 138 │
        │                                      ││ ▇▇▆▆▅▅▄▄▃▃▂▂▁█▇▆▆▅▅▄                 │
        │                                      ││ ████████████████████                 │
        │                                      ││ ████████████████████                 │
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R9 hidden assets listed dimmed with their reason, 120×35") func assets120x35() {
        expectScreen(Scenarios.named("assets")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Campaigns 5 ─────────────────────────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─────────────────────┐
        │   Campaign ▲       utm_campaign     Sessions     Revenue ││ Type         Asset                       Inter. Contacts │
        │ ● Always-on brand  brand            ███▇▇▇████   103,400 ││ email        Launch email                   410      198 │
        │ ◦ Legacy n… pre-17 newsletter        ▆   █           800 ││ form         Demo request form               57       55 │
        │ ● Spring launch    spring-launch    ▂▁▂▃▇▃ █▃▆    48,251 ││ landing page Spring landing page            880      240 │
        │ ○ Summer sale      summer-sale                         0 ││ paid search  Brand keywords  not visited      0        0 │
        │ ◦ Webinar series   webinar-series   █▄▃▃▃         12,900 ││ social post  Teaser post     unpublished      0        0 │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          │└──────────────────────────────────────────────────────────┘
        │                                                          │┌ Metrics · Spring launch ─────────────────────────────────┐
        │                                                          ││ all dates          runs 2024-03-01 → 2024-04-30 · active │
        │                                                          ││                                                          │
        │                                                          ││ Sessions           Influenced         New · first touch  │
        │                                                          ││ 1,240              312                96                 │
        │                                                          ││                                                          │
        │                                                          ││ New · last touch   Influenced deals   Influenced revenue │
        │                                                          ││ 71                 9                  48,250.50          │
        │                                                          ││                                                          │
        │                                                          ││ Sessions per day                                 max 180 │
        │                                                          ││                 ▄▄▂▂        ██▅▅  ▁▁▃▃                   │
        │                                                          ││ ▁▁▃▃▂▂  ▅▅    ██████  ██    ████  ████▇▇                 │
        │                                                          ││ 2024-03-01                    2024-03-20                 │
        └──────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ Enter explain  d dissociate  a associate  ] window  ? help
        """)
    }

    @Test("R9 hidden assets listed dimmed with their reason, 80×24") func assets80x24() {
        expectScreen(Scenarios.named("assets")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████   103,400 ││ Launch email            410      198 │
        │ ◦ Legac… pre-17  ▆   █           800 ││ Demo request form        57       55 │
        │ ● Spring launch ▂▁▂▃▇▃ █▃▆    48,251 ││ Spring landing page     880      240 │
        │ ○ Summer sale                      0 ││ Brand k… not visited      0        0 │
        │ ◦ Webinar seri… █▄▃▃▃         12,900 ││ Teaser … unpublished      0        0 │
        │                                      ││                                      │
        │                                      ││                                      │
        │                                      │└──────────────────────────────────────┘
        │                                      │┌ Metrics · Spring launch ─────────────┐
        │                                      ││ all dates                     active │
        │                                      ││ Sessions    Influenced  New 1st      │
        │                                      ││ 1,240       312         96           │
        │                                      ││ New last    Deals       Revenue      │
        │                                      ││ 71          9           48,250.50    │
        │                                      ││ Sessions per day             max 180 │
        │                                      ││         ▂     █▄  ▁                  │
        │                                      ││        ▄██ ▄  ██ ▆█▂                 │
        │                                      ││ ▂▄▄ █  ███ █  ██ ███                 │
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         refreshed 09:29:58 │ Enter explain  d dissociate  a associate  ] window
        """)
    }

    @Test("metrics pane: tiles and sessions chart, 120×35") func metrics120x35() {
        expectScreen(Scenarios.named("metrics")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Campaigns 5 ─────────────────────────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─────────────────────┐
        │   Campaign ▲       utm_campaign     Sessions     Revenue ││ Type         Asset                       Inter. Contacts │
        │ ● Always-on brand  brand            ███▇▇▇████   103,400 ││ email        Launch email                   410      198 │
        │ ◦ Legacy n… pre-17 newsletter        ▆   █           800 ││ form         Demo request form               57       55 │
        │ ● Spring launch    spring-launch    ▂▁▂▃▇▃ █▃▆    48,251 ││ landing page Spring landing page            880      240 │
        │ ○ Summer sale      summer-sale                         0 ││ paid search  Brand keywords  not visited      0        0 │
        │ ◦ Webinar series   webinar-series   █▄▃▃▃         12,900 ││ social post  Teaser post     unpublished      0        0 │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          │└──────────────────────────────────────────────────────────┘
        │                                                          │┌ Metrics · Spring launch ─────────────────────────────────┐
        │                                                          ││ all dates          runs 2024-03-01 → 2024-04-30 · active │
        │                                                          ││                                                          │
        │                                                          ││ Sessions           Influenced         New · first touch  │
        │                                                          ││ 1,240              312                96                 │
        │                                                          ││                                                          │
        │                                                          ││ New · last touch   Influenced deals   Influenced revenue │
        │                                                          ││ 71                 9                  48,250.50          │
        │                                                          ││                                                          │
        │                                                          ││ Sessions per day                                 max 180 │
        │                                                          ││                 ▄▄▂▂        ██▅▅  ▁▁▃▃                   │
        │                                                          ││ ▁▁▃▃▂▂  ▅▅    ██████  ██    ████  ████▇▇                 │
        │                                                          ││ 2024-03-01                    2024-03-20                 │
        └──────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ e explain  a associate  ] window  ? help  q quit
        """)
    }

    @Test("metrics pane: tiles and sessions chart, 80×24") func metrics80x24() {
        expectScreen(Scenarios.named("metrics")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████   103,400 ││ Launch email            410      198 │
        │ ◦ Legac… pre-17  ▆   █           800 ││ Demo request form        57       55 │
        │ ● Spring launch ▂▁▂▃▇▃ █▃▆    48,251 ││ Spring landing page     880      240 │
        │ ○ Summer sale                      0 ││ Brand k… not visited      0        0 │
        │ ◦ Webinar seri… █▄▃▃▃         12,900 ││ Teaser … unpublished      0        0 │
        │                                      ││                                      │
        │                                      ││                                      │
        │                                      │└──────────────────────────────────────┘
        │                                      │┌ Metrics · Spring launch ─────────────┐
        │                                      ││ all dates                     active │
        │                                      ││ Sessions    Influenced  New 1st      │
        │                                      ││ 1,240       312         96           │
        │                                      ││ New last    Deals       Revenue      │
        │                                      ││ 71          9           48,250.50    │
        │                                      ││ Sessions per day             max 180 │
        │                                      ││         ▂     █▄  ▁                  │
        │                                      ││        ▄██ ▄  ██ ▆█▂                 │
        │                                      ││ ▂▄▄ █  ███ █  ██ ███                 │
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         refreshed 09:29:58 │ e explain  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R17 analytics view: totals row, window on top, pre-2017-09 campaigns left out, 120×35") func analytics120x35() {
        expectScreen(Scenarios.named("analytics")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Campaign analytics (R17) ────────────────────────────────────────────────────────────────────────────────────────────┐
        │ Window  All time · all dates · UTC                                4 campaigns · 1 created before 2017-09-01 left out │
        │                                                                                                                      │
        │ Campaign                                                   Sessions Influenced  New 1st New last  Deals     ▼Revenue │
        │ Always-on brand                                               2,310        540      201      160     14      103,400 │
        │ Spring launch                                                 1,240        312       96       71      9       48,251 │
        │ Webinar series                                                  430        120       30       44      3       12,900 │
        │ Summer sale                                                       0          0        0        0      0            0 │
        │ ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────── │
        │ Total                                                         3,980        972      327      275     26      164,551 │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │ Totals add up the rows: a contact or a deal that influenced several campaigns counts in each (R14).                  │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ s sort  Enter open  ] window  ? help  q quit
        """)
    }

    @Test("R17 analytics view: totals row, window on top, pre-2017-09 campaigns left out, 80×24") func analytics80x24() {
        expectScreen(Scenarios.named("analytics")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaign analytics (R17) ────────────────────────────────────────────────────┐
        │ Window  All time · all dates · UTC  4 campaigns · 1 created before 2017-09-… │
        │                                                                              │
        │ Campaign           Sessions Influenced  New 1st New last  Deals     ▼Revenue │
        │ Always-on brand       2,310        540      201      160     14      103,400 │
        │ Spring launch         1,240        312       96       71      9       48,251 │
        │ Webinar series          430        120       30       44      3       12,900 │
        │ Summer sale               0          0        0        0      0            0 │
        │ ──────────────────────────────────────────────────────────────────────────── │
        │ Total                 3,980        972      327      275     26      164,551 │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │ Totals add up the rows: a contact or a deal that influenced several campaig… │
        └──────────────────────────────────────────────────────────────────────────────┘
         refreshed 09:29:58 │ s sort  Enter open  ] window  ? help  q quit
        """)
    }

    @Test("R5 unlinked utm values with spellings and suggested campaign, 120×35") func unlinked120x35() {
        expectScreen(Scenarios.named("unlinked")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Unlinked utm values (R5) 2 ──────────────────────────────────────────────────────────────────────────────────────────┐
        │ utm_campaign values that match no campaign: their tag credits nothing. a attaches one as an alias.                   │
        │                                                                                                                      │
        │ Value                          Spellings                      Page views Sessions Suggested campaign                 │
        │ spring-lauch                   Spring-Lauch, spring-lauch             57       41 Spring launch                      │
        │ tradeshow                      TradeShow                              12        9 no suggestion                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ a attach  e explain  ] window  ? help  q quit
        """)
    }

    @Test("R5 unlinked utm values with spellings and suggested campaign, 80×24") func unlinked80x24() {
        expectScreen(Scenarios.named("unlinked")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Unlinked utm values (R5) 2 ──────────────────────────────────────────────────┐
        │ utm_campaign values that match no campaign: their tag credits nothing. a at… │
        │                                                                              │
        │ Value            Spellings         Page views Sessions Suggested campaign    │
        │ spring-lauch     Spring-Lauch, sp…         57       41 Spring launch         │
        │ tradeshow        TradeShow                 12        9 no suggestion         │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        └──────────────────────────────────────────────────────────────────────────────┘
         refreshed 09:29:58 │ a attach  e explain  ] window  ? help  q quit
        """)
    }

    @Test("help overlay lists the focused pane's keys, 120×35") func help120x35() {
        expectScreen(Scenarios.named("help")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Campaigns 5 ────────────┌ Keys · Campaigns ────────────────────────────────────────────────┐─────────────────────────┐
        │   Campaign ▲       utm_c│                                                                  │         Inter. Contacts │
        │ ● Always-on brand  brand│ Campaigns                                                        │          2,900      530 │
        │ ◦ Legacy n… pre-17 newsl│  j ↓         move down                                           │                         │
        │ ● Spring launch    sprin│  k ↑         move up                                             │                         │
        │ ○ Summer sale      summe│  PgDn        page down                                           │                         │
        │ ◦ Webinar series   webin│  PgUp        page up                                             │                         │
        │                         │  g           first                                               │                         │
        │                         │  G           last                                                │                         │
        │                         │  /           filter by name or utm value                         │                         │
        │                         │  s           cycle the sort column                               │                         │
        │                         │  Enter       go to the campaign's assets                         │                         │
        │                         │  m           revenue column: next attribution model (R18)        │                         │
        │                         │  Esc         clear the filter, else back to influenced revenue   │                         │
        │                         │  c           the campaign's influenced contacts (R14, R20)       │                         │
        │                         │  a           associate an asset with the campaign                │                         │
        │                         │  n           new campaign                                        │                         │
        │                         │  r           rename the campaign                                 │                         │
        │                         │                                                                  │─────────────────────────┘
        │                         │ Everywhere                                                       │─────────────────────────┐
        │                         │  Tab         next pane                                           │                  active │
        │                         │  S-Tab       previous pane                                       │                         │
        │                         │  1           campaigns                                           │      New · first touch  │
        │                         │  2           analytics (R17)                                     │      201                │
        │                         │  3           unlinked utm values (R5)                            │                         │
        │                         │  4           attribution models (R18)                            │als   Influenced revenue │
        │                         │  [           previous window preset                              │      103,400.00         │
        │                         │  ]           next window preset                                  │                         │
        │                         │  f           segment: a Salesforce campaign's members only (R20) │                 max 138 │
        │                         │  u           undo the last edit                                  │▆▆▆▆▆▆▅▅                 │
        │                         │                                                                  │████████                 │
        │                         │ / filter · j/k scroll · Esc close                                │24-03-20                 │
        └─────────────────────────└──────────────────────────────────────────────────────────────────┘─────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("help overlay lists the focused pane's keys, 80×24") func help80x24() {
        expectScreen(Scenarios.named("help")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Camp┌ Keys · Campaigns ────────────────────────────────────────────────┐─────┐
        │   Ca│                                                                  │acts │
        │ ● Al│ Campaigns                                                        │ 530 │
        │ ◦ Le│  j ↓         move down                                           │     │
        │ ● Sp│  k ↑         move up                                             │     │
        │ ○ Su│  PgDn        page down                                           │     │
        │ ◦ We│  PgUp        page up                                             │     │
        │     │  g           first                                               │     │
        │     │  G           last                                                │     │
        │     │  /           filter by name or utm value                         │─────┘
        │     │  s           cycle the sort column                               │─────┐
        │     │  Enter       go to the campaign's assets                         │tive │
        │     │  m           revenue column: next attribution model (R18)        │     │
        │     │  Esc         clear the filter, else back to influenced revenue   │     │
        │     │  c           the campaign's influenced contacts (R14, R20)       │     │
        │     │  a           associate an asset with the campaign                │00   │
        │     │  n           new campaign                                        │ 138 │
        │     │  r           rename the campaign                                 │     │
        │     │                                                                  │     │
        │     │                                                                  │     │
        │     │ / filter · j/k scroll · Esc close                                │     │
        └─────└──────────────────────────────────────────────────────────────────┘─────┘
         refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R19 explain popup wraps the engine's answer, 120×35") func explain120x35() {
        expectScreen(Scenarios.named("explain")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Campaigns 5 ─────────────────────────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─────────────────────┐
        │   Campaign ▲       utm_campaign     Sessions     Revenue ││ Type         Asset                       Inter. Contacts │
        │ ● Always-on brand  brand            ███▇▇▇████   103,400 ││ email        Launch email                   410      198 │
        │ ◦ Legacy n… pre-17 newsletter        ▆   █           800 ││ form         Demo request form               57       55 │
        │ ● Spring launch    spring-launch    ▂▁▂▃▇▃ █▃▆    48,251 ││ landing page Spring landing page            880      240 │
        │ ○ Summer sale      summer-sale                         0 ││ paid search  Brand keywords  not visited      0        0 │
        │ ◦ Webinar series   webinar-series   █▄▃▃▃         12,900 ││ social post  Teaser post     unpublished      0        0 │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │               ┌ Explain · Brand keywords in Spring launch ───────────────────────────────────────────┐               │
        │               │                                                                                      │               │
        │               │ Brand keywords (paid_search a4) in Spring launch                                     │               │
        │               │                                                                                      │               │
        │               │ Associated with Spring launch since 2024-02-03T10:00:00Z, still associated.          │               │
        │               │ Hidden (R9 rule 2, not_visited): no ad_click on it and no page view with one of its  │               │
        │               │ keywords since it was associated.                                                    │               │
        │               │   2 ad clicks before 2024-02-03 did not count: before the association (R8).          │───────────────┘
        │               │                                                                                      │───────────────┐
        │               │ Esc close                                                                            │04-30 · active │
        │               └──────────────────────────────────────────────────────────────────────────────────────┘               │
        │                                                          ││ Sessions           Influenced         New · first touch  │
        │                                                          ││ 1,240              312                96                 │
        │                                                          ││                                                          │
        │                                                          ││ New · last touch   Influenced deals   Influenced revenue │
        │                                                          ││ 71                 9                  48,250.50          │
        │                                                          ││                                                          │
        │                                                          ││ Sessions per day                                 max 180 │
        │                                                          ││                 ▄▄▂▂        ██▅▅  ▁▁▃▃                   │
        │                                                          ││ ▁▁▃▃▂▂  ▅▅    ██████  ██    ████  ████▇▇                 │
        │                                                          ││ 2024-03-01                    2024-03-20                 │
        └──────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ Enter explain  d dissociate  a associate  ] window  ? help
        """)
    }

    @Test("R19 explain popup wraps the engine's answer, 80×24") func explain80x24() {
        expectScreen(Scenarios.named("explain")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████   103,400 ││ Launch email            410      198 │
        │ ◦ Legac… pre-17  ▆   █           800 ││ Demo request form        57       55 │
        │┌ Explain · Brand keywords in Spring launch ─────────────────────────────────┐│
        ││                                                                            ││
        ││ Brand keywords (paid_search a4) in Spring launch                           ││
        ││                                                                            ││
        ││ Associated with Spring launch since 2024-02-03T10:00:00Z, still            ││
        ││ associated.                                                                │┘
        ││ Hidden (R9 rule 2, not_visited): no ad_click on it and no page view with   │┐
        ││ one of its keywords since it was associated.                               ││
        ││   2 ad clicks before 2024-02-03 did not count: before the association      ││
        ││   (R8).                                                                    ││
        ││                                                                            ││
        ││ Esc close                                                                  ││
        │└────────────────────────────────────────────────────────────────────────────┘│
        │                                      ││         ▂     █▄  ▁                  │
        │                                      ││        ▄██ ▄  ██ ▆█▂                 │
        │                                      ││ ▂▄▄ █  ███ █  ██ ███                 │
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         refreshed 09:29:58 │ Enter explain  d dissociate  a associate  ] window
        """)
    }

    @Test("R7 asset picker shows each asset's current campaign, 120×35") func picker120x35() {
        expectScreen(Scenarios.named("picker")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Campaigns 5 ─────────────────────────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─────────────────────┐
        │   Campaign ▲       utm_campaign     Sessions     Revenue ││ Type         Asset                       Inter. Contacts │
        │ ● Always-on brand  brand            ███▇▇▇████   103,400 ││ email        Launch email                   410      198 │
        │ ◦ Legacy n… pre-17 newsletter        ▆   █           800 ││ form         Demo request form               57       55 │
        │ ● Spring launch    spring-launch    ▂▁▂▃▇▃ █▃▆    48,251 ││ landing page Spring landing page            880      240 │
        │ ○ Summer sale      summer-sale                         0 ││ paid search  Brand keywords  not visited      0        0 │
        │ ◦ Webinar series   webinar-series   █▄▃▃▃         12,900 ││ social post  Teaser post     unpublished      0        0 │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │               ┌ Associate an asset with Spring launch ───────────────────────────────────────────────┐               │
        │               │                                                                                      │               │
        │               │ Search ▏                                                                             │               │
        │               │                                                                                      │               │
        │               │ Type         Asset                               Now                                 │               │
        │               │ web page     Home page                           in Always-on brand                  │               │
        │               │ workflow     Nurture workflow                    in Webinar series                   │               │
        │               │ CTA          Pricing CTA                         no campaign                         │               │
        │               │ landing page Webinar signup                      in Webinar series                   │───────────────┘
        │               │                                                                                      │───────────────┐
        │               │ type to search · ▲▼ choose · Enter select · Esc cancel                               │04-30 · active │
        │               └──────────────────────────────────────────────────────────────────────────────────────┘               │
        │                                                          ││ Sessions           Influenced         New · first touch  │
        │                                                          ││ 1,240              312                96                 │
        │                                                          ││                                                          │
        │                                                          ││ New · last touch   Influenced deals   Influenced revenue │
        │                                                          ││ 71                 9                  48,250.50          │
        │                                                          ││                                                          │
        │                                                          ││ Sessions per day                                 max 180 │
        │                                                          ││                 ▄▄▂▂        ██▅▅  ▁▁▃▃                   │
        │                                                          ││ ▁▁▃▃▂▂  ▅▅    ██████  ██    ████  ████▇▇                 │
        │                                                          ││ 2024-03-01                    2024-03-20                 │
        └──────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R7 asset picker shows each asset's current campaign, 80×24") func picker80x24() {
        expectScreen(Scenarios.named("picker")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████   103,400 ││ Launch email            410      198 │
        │ ◦ Legac… pre-17  ▆   █           800 ││ Demo request form        57       55 │
        │ ● Spring launch ▂▁▂▃▇▃ █▃▆    48,251 ││ Spring landing page     880      240 │
        │┌ Associate an asset with Spring launch ─────────────────────────────────────┐│
        ││                                                                            ││
        ││ Search ▏                                                                   ││
        ││                                                                            ││
        ││ Type         Asset                          Now                            │┘
        ││ web page     Home page                      in Always-on brand             │┐
        ││ workflow     Nurture workflow               in Webinar series              ││
        ││ CTA          Pricing CTA                    no campaign                    ││
        ││ landing page Webinar signup                 in Webinar series              ││
        ││                                                                            ││
        ││ type to search · ▲▼ choose · Enter select · Esc cancel                     ││
        │└────────────────────────────────────────────────────────────────────────────┘│
        │                                      ││         ▂     █▄  ▁                  │
        │                                      ││        ▄██ ▄  ██ ▆█▂                 │
        │                                      ││ ▂▄▄ █  ███ █  ██ ███                 │
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R7 picker confirmation names the campaign the asset leaves, 120×35") func confirmMove120x35() {
        expectScreen(Scenarios.named("confirm-move")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Campaigns 5 ─────────────────────────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─────────────────────┐
        │   Campaign ▲       utm_campaign     Sessions     Revenue ││ Type         Asset                       Inter. Contacts │
        │ ● Always-on brand  brand            ███▇▇▇████   103,400 ││ email        Launch email                   410      198 │
        │ ◦ Legacy n… pre-17 newsletter        ▆   █           800 ││ form         Demo request form               57       55 │
        │ ● Spring launch    spring-launch    ▂▁▂▃▇▃ █▃▆    48,251 ││ landing page Spring landing page            880      240 │
        │ ○ Summer sale      summer-sale                         0 ││ paid search  Brand keywords  not visited      0        0 │
        │ ◦ Webinar series   webinar-series   █▄▃▃▃         12,900 ││ social post  Teaser post     unpublished      0        0 │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                              ┌ Move asset ───────────────────────────────────────────┐                               │
        │                              │                                                       │                               │
        │                              │ Move “Webinar signup” (landing page)                  │                               │
        │                              │ from Webinar series to Spring launch?                 │                               │
        │                              │                                                       │                               │
        │                              │ It leaves Webinar series now: an asset belongs        │                               │
        │                              │ to one campaign at a time (R7).                       │                               │
        │                              │ What it did until now stays with Webinar series (R8). │───────────────────────────────┘
        │                              │                                                       │───────────────────────────────┐
        │                              │ y Enter confirm · n Esc cancel                        │24-03-01 → 2024-04-30 · active │
        │                              └───────────────────────────────────────────────────────┘                               │
        │                                                          ││ Sessions           Influenced         New · first touch  │
        │                                                          ││ 1,240              312                96                 │
        │                                                          ││                                                          │
        │                                                          ││ New · last touch   Influenced deals   Influenced revenue │
        │                                                          ││ 71                 9                  48,250.50          │
        │                                                          ││                                                          │
        │                                                          ││ Sessions per day                                 max 180 │
        │                                                          ││                 ▄▄▂▂        ██▅▅  ▁▁▃▃                   │
        │                                                          ││ ▁▁▃▃▂▂  ▅▅    ██████  ██    ████  ████▇▇                 │
        │                                                          ││ 2024-03-01                    2024-03-20                 │
        └──────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R7 picker confirmation names the campaign the asset leaves, 80×24") func confirmMove80x24() {
        expectScreen(Scenarios.named("confirm-move")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████   103,400 ││ Launch email            410      198 │
        │ ◦ Legac… pre-17  ▆   █           800 ││ Demo request form        57       55 │
        │ ● Spring launch ▂▁▂▃▇▃ █▃▆    48,251 ││ Spring landing page     880      240 │
        │ ○ Summer ┌ Move asset ───────────────────────────────────────────┐0        0 │
        │ ◦ Webinar│                                                       │0        0 │
        │          │ Move “Webinar signup” (landing page)                  │           │
        │          │ from Webinar series to Spring launch?                 │           │
        │          │                                                       │───────────┘
        │          │ It leaves Webinar series now: an asset belongs        │───────────┐
        │          │ to one campaign at a time (R7).                       │    active │
        │          │ What it did until now stays with Webinar series (R8). │w 1st      │
        │          │                                                       │           │
        │          │ y Enter confirm · n Esc cancel                        │venue      │
        │          └───────────────────────────────────────────────────────┘,250.50    │
        │                                      ││ Sessions per day             max 180 │
        │                                      ││         ▂     █▄  ▁                  │
        │                                      ││        ▄██ ▄  ██ ▆█▂                 │
        │                                      ││ ▂▄▄ █  ███ █  ██ ███                 │
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R3 rename popup shows new value and kept alias, 120×35") func rename120x35() {
        expectScreen(Scenarios.named("rename")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Campaigns 5 ─────────────────────────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─────────────────────┐
        │   Campaign ▲       utm_campaign     Sessions     Revenue ││ Type         Asset                       Inter. Contacts │
        │ ● Always-on brand  brand            ███▇▇▇████   103,400 ││ email        Launch email                   410      198 │
        │ ◦ Legacy n… pre-17 newsletter        ▆   █           800 ││ form         Demo request form               57       55 │
        │ ● Spring launch    spring-launch    ▂▁▂▃▇▃ █▃▆    48,251 ││ landing page Spring landing page            880      240 │
        │ ○ Summer sale      summer-sale                         0 ││ paid search  Brand keywords  not visited      0        0 │
        │ ◦ Webinar series   webinar-series   █▄▃▃▃         12,900 ││ social post  Teaser post     unpublished      0        0 │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                                                          ││                                                          │
        │                        ┌ Rename Spring launch ──────────────────────────────────────────────┐                        │
        │                        │                                                                    │                        │
        │                        │ Name          Spring launch 2024▏                                  │                        │
        │                        │                                                                    │                        │
        │                        │ utm_campaign  spring-launch-2024 (new: R2)                         │                        │
        │                        │ kept as alias spring-launch (links tagged with it still count: R3) │                        │
        │                        │                                                                    │                        │
        │                        │                                                                    │────────────────────────┘
        │                        │ Enter save · Esc cancel                                            │────────────────────────┐
        │                        └────────────────────────────────────────────────────────────────────┘1 → 2024-04-30 · active │
        │                                                          ││                                                          │
        │                                                          ││ Sessions           Influenced         New · first touch  │
        │                                                          ││ 1,240              312                96                 │
        │                                                          ││                                                          │
        │                                                          ││ New · last touch   Influenced deals   Influenced revenue │
        │                                                          ││ 71                 9                  48,250.50          │
        │                                                          ││                                                          │
        │                                                          ││ Sessions per day                                 max 180 │
        │                                                          ││                 ▄▄▂▂        ██▅▅  ▁▁▃▃                   │
        │                                                          ││ ▁▁▃▃▂▂  ▅▅    ██████  ██    ████  ████▇▇                 │
        │                                                          ││ 2024-03-01                    2024-03-20                 │
        └──────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R3 rename popup shows new value and kept alias, 80×24") func rename80x24() {
        expectScreen(Scenarios.named("rename")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Spring launch 5 (2 hidden) ─┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████   103,400 ││ Launch email            410      198 │
        │ ◦ Legac… pre-17  ▆   █           800 ││ Demo request form        57       55 │
        │ ● Spring launch ▂▁▂▃▇▃ █▃▆    48,251 ││ Spring landing page     880      240 │
        │ ○ Summer sale                      0 ││ Brand k… not visited      0        0 │
        │ ◦ W┌ Rename Spring launch ──────────────────────────────────────────────┐  0 │
        │    │                                                                    │    │
        │    │ Name          Spring launch 2024▏                                  │    │
        │    │                                                                    │────┘
        │    │ utm_campaign  spring-launch-2024 (new: R2)                         │────┐
        │    │ kept as alias spring-launch (links tagged with it still count: R3) │ive │
        │    │                                                                    │    │
        │    │                                                                    │    │
        │    │ Enter save · Esc cancel                                            │    │
        │    └────────────────────────────────────────────────────────────────────┘    │
        │                                      ││ Sessions per day             max 180 │
        │                                      ││         ▂     █▄  ▁                  │
        │                                      ││        ▄██ ▄  ██ ▆█▂                 │
        │                                      ││ ▂▄▄ █  ███ █  ██ ███                 │
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R1 new campaign popup names the campaign holding the name, 120×35") func newCampaign120x35() {
        expectScreen(Scenarios.named("new-campaign")(120, 35), """
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
        │                                                          ││                                                          │
        │                        ┌ New campaign ──────────────────────────────────────────────────────┐                        │
        │                        │                                                                    │                        │
        │                        │ Name          Webinar series▏                                      │                        │
        │                        │                                                                    │                        │
        │                        │ utm_campaign  webinar-series-2 (new: R2)                           │                        │
        │                        │                                                                    │                        │
        │                        │ Taken by campaign c2 “Webinar series” (R1)                         │                        │
        │                        │                                                                    │────────────────────────┘
        │                        │ Enter save · Esc cancel                                            │────────────────────────┐
        │                        └────────────────────────────────────────────────────────────────────┘                 active │
        │                                                          ││                                                          │
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

    @Test("R1 new campaign popup names the campaign holding the name, 80×24") func newCampaign80x24() {
        expectScreen(Scenarios.named("new-campaign")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Always-on brand 1 ──────────┐
        │   Campaign ▲    Sessions     Revenue ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████   103,400 ││ Home page             2,900      530 │
        │ ◦ Legac… pre-17  ▆   █           800 ││                                      │
        │ ● Spring launch ▂▁▂▃▇▃ █▃▆    48,251 ││                                      │
        │ ○ Summer sale                      0 ││                                      │
        │ ◦ W┌ New campaign ──────────────────────────────────────────────────────┐    │
        │    │                                                                    │    │
        │    │ Name          Webinar series▏                                      │    │
        │    │                                                                    │────┘
        │    │ utm_campaign  webinar-series-2 (new: R2)                           │────┐
        │    │                                                                    │ive │
        │    │ Taken by campaign c2 “Webinar series” (R1)                         │    │
        │    │                                                                    │    │
        │    │ Enter save · Esc cancel                                            │    │
        │    └────────────────────────────────────────────────────────────────────┘0   │
        │                                      ││ Sessions per day             max 138 │
        │                                      ││ ▇▇▆▆▅▅▄▄▃▃▂▂▁█▇▆▆▅▅▄                 │
        │                                      ││ ████████████████████                 │
        │                                      ││ ████████████████████                 │
        │                                      ││ 2024-03-01                           │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
         refreshed 09:29:58 │ / filter  s sort  a associate  ] window  ? help  q quit
        """)
    }

    @Test("R5 alias picker marks the suggested campaign, 120×35") func aliasPicker120x35() {
        expectScreen(Scenarios.named("alias-picker")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Unlinked utm values (R5) 2 ──────────────────────────────────────────────────────────────────────────────────────────┐
        │ utm_campaign values that match no campaign: their tag credits nothing. a attaches one as an alias.                   │
        │                                                                                                                      │
        │ Value                          Spellings                      Page views Sessions Suggested campaign                 │
        │ spring-lauch                   Spring-Lauch, spring-lauch             57       41 Spring launch                      │
        │ tradeshow                      TradeShow                              12        9 no suggestion                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │               ┌ Attach spring-lauch to a campaign ───────────────────────────────────────────────────┐               │
        │               │                                                                                      │               │
        │               │ Search ▏                                                                             │               │
        │               │                                                                                      │               │
        │               │              Campaign                            utm_campaign                        │               │
        │               │              Always-on brand                     brand                               │               │
        │               │              Legacy newsletter                   newsletter                          │               │
        │               │ suggested    Spring launch                       spring-launch                       │               │
        │               │              Summer sale                         summer-sale                         │               │
        │               │              Webinar series                      webinar-series                      │               │
        │               │                                                                                      │               │
        │               │ type to search · ▲▼ choose · Enter select · Esc cancel                               │               │
        │               └──────────────────────────────────────────────────────────────────────────────────────┘               │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ a attach  e explain  ] window  ? help  q quit
        """)
    }

    @Test("R5 alias picker marks the suggested campaign, 80×24") func aliasPicker80x24() {
        expectScreen(Scenarios.named("alias-picker")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Unlinked utm values (R5) 2 ──────────────────────────────────────────────────┐
        │ utm_campaign values that match no campaign: their tag credits nothing. a at… │
        │                                                                              │
        │ Value            Spellings         Page views Sessions Suggested campaign    │
        │┌ Attach spring-lauch to a campaign ─────────────────────────────────────────┐│
        ││                                                                            ││
        ││ Search ▏                                                                   ││
        ││                                                                            ││
        ││              Campaign                       utm_campaign                   ││
        ││              Always-on brand                brand                          ││
        ││              Legacy newsletter              newsletter                     ││
        ││ suggested    Spring launch                  spring-launch                  ││
        ││              Summer sale                    summer-sale                    ││
        ││              Webinar series                 webinar-series                 ││
        ││                                                                            ││
        ││ type to search · ▲▼ choose · Enter select · Esc cancel                     ││
        │└────────────────────────────────────────────────────────────────────────────┘│
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        └──────────────────────────────────────────────────────────────────────────────┘
         refreshed 09:29:58 │ a attach  e explain  ] window  ? help  q quit
        """)
    }

    @Test("single pane with the filter being typed, 60×20") func singlePaneFilter60x20() {
        expectScreen(Scenarios.named("single-pane-filter")(60, 20), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Att
        ┌ Campaigns 1 of 5 · /spr ─────────────────────────────────┐
        │   Campaign ▲       utm_campaign     Sessions     Revenue │
        │ ● Spring launch    spring-launch    ▂▁▂▃▇▃ █▃▆    48,251 │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        │                                                          │
        └──────────────────────────────────────────────────────────┘
         refreshed 09:29:58 │ Filter: spr▏  Enter keep · Esc clear
        """)
    }

    @Test("ASCII glyphs, 80×24") func ascii80x24() {
        expectScreen(Scenarios.named("ascii")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        + Campaigns 5 -------------------------++ Assets | Spring launch 5 (2 hidden) -+
        |   Campaign ^    Sessions     Revenue || Asset                Inter. Contacts |
        | * Always-on br~ ##########   103,400 || Launch email            410      198 |
        | - Legac~ pre-17  *   #           800 || Demo request form        57       55 |
        | * Spring launch _._-#- #-*    48,251 || Spring landing page     880      240 |
        | + Summer sale                      0 || Brand k~ not visited      0        0 |
        | - Webinar seri~ #=---         12,900 || Teaser ~ unpublished      0        0 |
        |                                      ||                                      |
        |                                      ||                                      |
        |                                      |+--------------------------------------+
        |                                      |+ Metrics | Spring launch -------------+
        |                                      || all dates                     active |
        |                                      || Sessions    Influenced  New 1st      |
        |                                      || 1,240       312         96           |
        |                                      || New last    Deals       Revenue      |
        |                                      || 71          9           48,250.50    |
        |                                      || Sessions per day             max 180 |
        |                                      ||         _     #=  .                  |
        |                                      ||        =## =  ## *#_                 |
        |                                      || _== #  ### #  ## ###                 |
        |                                      || 2024-03-01                           |
        +--------------------------------------++--------------------------------------+
         refreshed 09:29:58 | Enter explain  d dissociate  a associate  ] window
        """)
    }
}
