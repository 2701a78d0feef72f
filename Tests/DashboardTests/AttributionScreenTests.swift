import Testing
@testable import Dashboard

/// Tab 4 (R18), its top-deals popup, and the campaigns pane showing a model's
/// credit, at 120×35 and 80×24, compared as text.
@Suite("Screens: attribution")
struct AttributionScreenTests {
    @Test("R18 attribution tab: every model a column, totals row equals the attributed revenue, 120×35") func attribution120x35() {
        expectScreen(Scenarios.named("attribution")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Attribution models (R18) ────────────────────────────────────────────────────────────────────────────────────────────┐
        │ Window  All time · all dates · UTC                                                              4 campaigns credited │
        │ Attributed 150,000.00 · unattributed: 2 deals without a touch, 1,800.00                                              │
        │                                                                                                                      │
        │ Campaign ▲             first       last     linear   u_shaped   w_shaped  full_path time_decay   j_shaped  inverse_j │
        │ Always-on brand    85,000.00  80,000.00  80,000.00  84,200.00  82,000.00  82,500.00  79,000.00  81,500.00  84,000.00 │
        │ Legacy newsletter   5,000.00          -   3,333.33   2,800.00   3,000.00   2,500.00   1,000.00   1,500.00   4,000.00 │
        │ Spring launch      40,000.00  60,500.25  50,333.34  45,000.00  47,125.10  52,000.00  58,123.45  55,000.00  43,000.00 │
        │ Webinar series     20,000.00   9,499.75  16,333.33  18,000.00  17,874.90  13,000.00  11,876.55  12,000.00  19,000.00 │
        │ ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────── │
        │ Total             150,000.00 150,000.00 150,000.00 150,000.00 150,000.00 150,000.00 150,000.00 150,000.00 150,000.00 │
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
        │ Each deal's amount is split over its touches; each column adds up to the attributed revenue.                         │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ s sort  Enter top deals  ] window  ? help  q quit
        """)
    }

    @Test("R18 attribution tab: the models that fit, totals row equals the attributed revenue, 80×24") func attribution80x24() {
        expectScreen(Scenarios.named("attribution")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Attribution models (R18) ────────────────────────────────────────────────────┐
        │ Window  All time · all dates · UTC                      4 campaigns credited │
        │ Attributed 150,000.00 · unattributed: 2 deals without a touch, 1,800.00      │
        │                                                                              │
        │ Campaign ▲                 first       last     linear   u_shaped   w_shaped │
        │ Always-on brand        85,000.00  80,000.00  80,000.00  84,200.00  82,000.00 │
        │ Legacy newsletter       5,000.00          -   3,333.33   2,800.00   3,000.00 │
        │ Spring launch          40,000.00  60,500.25  50,333.34  45,000.00  47,125.10 │
        │ Webinar series         20,000.00   9,499.75  16,333.33  18,000.00  17,874.90 │
        │ ──────────────────────────────────────────────────────────────────────────── │
        │ Total                 150,000.00 150,000.00 150,000.00 150,000.00 150,000.00 │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │ Models 1–5 of 9, h l for more. Each deal's amount is split over its touches… │
        └──────────────────────────────────────────────────────────────────────────────┘
         refreshed 09:29:58 │ s sort  Enter top deals  ] window  ? help  q quit
        """)
    }

    @Test("R18 attribution tab scrolled to the later models and sorted by one, 80×24") func attributionScrolled80x24() {
        expectScreen(Scenarios.named("attribution-scrolled")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Attribution models (R18) ────────────────────────────────────────────────────┐
        │ Window  All time · all dates · UTC                      4 campaigns credited │
        │ Attributed 150,000.00 · unattributed: 2 deals without a touch, 1,800.00      │
        │                                                                              │
        │ Campaign                  linear   u_shaped   w_shaped  full_path ▼time_dec… │
        │ Always-on brand        80,000.00  84,200.00  82,000.00  82,500.00  79,000.00 │
        │ Spring launch          50,333.34  45,000.00  47,125.10  52,000.00  58,123.45 │
        │ Webinar series         16,333.33  18,000.00  17,874.90  13,000.00  11,876.55 │
        │ Legacy newsletter       3,333.33   2,800.00   3,000.00   2,500.00   1,000.00 │
        │ ──────────────────────────────────────────────────────────────────────────── │
        │ Total                 150,000.00 150,000.00 150,000.00 150,000.00 150,000.00 │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │ Models 3–7 of 9, h l for more. Each deal's amount is split over its touches… │
        └──────────────────────────────────────────────────────────────────────────────┘
         refreshed 09:29:58 │ s sort  Enter top deals  ] window  ? help  q quit
        """)
    }

    @Test("R18 top deals popup: each deal's credit and its touches with their positions, 120×35") func topDeals120x35() {
        expectScreen(Scenarios.named("top-deals")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Attribution models (R18) ────────────────────────────────────────────────────────────────────────────────────────────┐
        │ Window  All time · all dates · UTC                                                              4 campaigns credited │
        │ Attributed 150,000.00 · unattributed: 2 deals without a touch, 1,800.00                                              │
        │                                                                                                                      │
        │ Campaign ▲             first       last     linear   u_shaped   w_shaped  full_path time_decay   j_shaped  inverse_j │
        │ Always-on brand    85,000.00  80,000.00  80,000.00  84,200.00  82,000.00  82,500.00  79,000.00  81,500.00  84,000.00 │
        │ Legacy newsletter   5,000.00          -   3,333.33   2,800.00   3,000.00   2,500.00   1,000.00   1,500.00   4,000.00 │
        │ Spring launch      40,000.00  60,500.25  50,333.34  45,000.00  47,125.10  52,000.00  58,123.45  55,000.00  43,000.00 │
        │ We┌ Top deals · Spring launch · linear ──────────────────────────────────────────────────────────────────────────┐00 │
        │ ──│                                                                                                              │── │
        │ To│ 3 deals closed in the window credit Spring launch 50,333.34 under linear; the 2 largest:                     │00 │
        │   │ Positions: first touch, lead / deal creation, won = closed won (F L D W).                                    │   │
        │   │                                                                                                              │   │
        │   │   Time             Contact               Event        Campaign             Positions                  Credit │   │
        │   │ d7 “Acme renewal” · 30,000.00 · closed 2024-03-12                                         20,000.00 (66.7 %) │   │
        │   │   2024-02-20 09:15 ada@acme.example      page view    Spring launch        first lead              10,000.00 │   │
        │   │   2024-03-01 11:00 k2                    email click  Always-on brand      deal                    10,000.00 │   │
        │   │   2024-03-11 14:30 ada@acme.example      form         Spring launch        won                     10,000.00 │   │
        │   │                                                                                                              │   │
        │   │ d3 · 12,500.50 · closed 2024-03-05                                                       12,500.50 (100.0 %) │   │
        │   │   2024-03-04 08:00 bo@globex.example     workflow     Spring launch        first lead deal won     12,500.50 │   │
        │   │                                                                                                              │   │
        │   │ Esc close                                                                                                    │   │
        │   └──────────────────────────────────────────────────────────────────────────────────────────────────────────────┘   │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │                                                                                                                      │
        │ Each deal's amount is split over its touches; each column adds up to the attributed revenue.                         │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ s sort  Enter top deals  ] window  ? help  q quit
        """)
    }

    @Test("R18 top deals popup: each deal's credit and its touches with their positions, 80×24") func topDeals80x24() {
        expectScreen(Scenarios.named("top-deals")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Attribution models (R18) ────────────────────────────────────────────────────┐
        │ Window  All time · all dates · UTC                      4 campaigns credited │
        │ Attributed 150,000.00 · unattributed: 2 deals without a touch, 1,800.00      │
        │┌ Top deals · Spring launch · linear ────────────────────────────────────────┐│
        ││                                                                            ││
        ││ 3 deals credit Spring launch 50,333.34 under linear; the 2 largest:        ││
        ││ Positions: first touch, lead / deal creation, won = closed won (F L D W).  ││
        ││                                                                            ││
        ││   Time        Contact      Event        Campaign   Positions        Credit ││
        ││ d7 “Acme renewal” · 30,000.00 · closed 2024-03-12       20,000.00 (66.7 %) ││
        ││   02-20 09:15 ada@acme.ex… page view    Spring la… first lead    10,000.00 ││
        ││   03-01 11:00 k2           email click  Always-on… deal          10,000.00 ││
        ││   03-11 14:30 ada@acme.ex… form         Spring la… won           10,000.00 ││
        ││                                                                            ││
        ││ d3 · 12,500.50 · closed 2024-03-05                     12,500.50 (100.0 %) ││
        ││   03-04 08:00 bo@globex.e… workflow     Spring la… F L D W       12,500.50 ││
        ││                                                                            ││
        ││ Esc close                                                                  ││
        │└────────────────────────────────────────────────────────────────────────────┘│
        │                                                                              │
        │ Models 1–5 of 9, h l for more. Each deal's amount is split over its touches… │
        └──────────────────────────────────────────────────────────────────────────────┘
         refreshed 09:29:58 │ s sort  Enter top deals  ] window  ? help  q quit
        """)
    }

    @Test("R18 campaigns pane: m puts a model's credit in the revenue column, named in its header, 120×35") func campaignsModel120x35() {
        expectScreen(Scenarios.named("campaigns-model")(120, 35), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked utm (2)   4 Attribution                     All time · all dates · UTC
        ┌ Campaigns 5 ─────────────────────────────────────────────┐┌ Assets · Always-on brand 1 ──────────────────────────────┐
        │   Campaign ▲       utm_campaign     Sessions      linear ││ Type         Asset                       Inter. Contacts │
        │ ● Always-on brand  brand            ███▇▇▇████    80,000 ││ web page     Home page                    2,900      530 │
        │ ◦ Legacy n… pre-17 newsletter        ▆   █         3,333 ││                                                          │
        │ ● Spring launch    spring-launch    ▂▁▂▃▇▃ █▃▆    50,333 ││                                                          │
        │ ○ Summer sale      summer-sale                         0 ││                                                          │
        │ ◦ Webinar series   webinar-series   █▄▃▃▃         16,333 ││                                                          │
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
         utmost.sqlite │ All time (UTC) │ refreshed 09:29:58 │ Revenue: linear credit (R18) · m next model, Esc back
        """)
    }

    @Test("R18 campaigns pane: m puts a model's credit in the revenue column, named in its header, 80×24") func campaignsModel80x24() {
        expectScreen(Scenarios.named("campaigns-model")(80, 24), """
         utmost   1 Campaigns   2 Analytics   3 Unlinked (2)   4 Attribution   All time
        ┌ Campaigns 5 ─────────────────────────┐┌ Assets · Always-on brand 1 ──────────┐
        │   Campaign ▲    Sessions      linear ││ Asset                Inter. Contacts │
        │ ● Always-on br… ███▇▇▇████    80,000 ││ Home page             2,900      530 │
        │ ◦ Legac… pre-17  ▆   █         3,333 ││                                      │
        │ ● Spring launch ▂▁▂▃▇▃ █▃▆    50,333 ││                                      │
        │ ○ Summer sale                      0 ││                                      │
        │ ◦ Webinar seri… █▄▃▃▃         16,333 ││                                      │
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
         refreshed 09:29:58 │ Revenue: linear credit (R18) · m next model, Esc back
        """)
    }
}
