import Widgets
import Attribution
import CampaignKit
import Foundation
import HostileText
import PropertyBased
import SafeText
import Testing
@testable import Dashboard

/// Issue 12 items 1 and 2 in the dashboard: whatever text the data holds, every cell
/// shows a character as itself, and every character takes the columns the grid
/// gave it, so nothing commands the terminal and nothing leaves stale cells.
@Suite("#12.1 #12.2 hostile text in the dashboard's cells")
struct HostileTextTests {
    /// Every cell of the grid: nothing a terminal would act on or hide, continuation
    /// cells only right after a two-column character, and that character's width 2.
    func expectClean(_ grid: CellGrid, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = grid.text
        #expect(TerminalBytes.controls(in: text, allowed: [0x0A]).isEmpty, "\(what): control bytes\n\(text)", sourceLocation: sourceLocation)
        #expect(TerminalBytes.invisible(in: text).isEmpty, "\(what): invisible characters\n\(text)", sourceLocation: sourceLocation)
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                let wide = x + 1 < grid.width && grid[x + 1, y].isContinuation
                if cell.isContinuation {
                    #expect(x > 0 && !grid[x - 1, y].isContinuation, "\(what): a continuation cell without its character at \(x),\(y)", sourceLocation: sourceLocation)
                } else {
                    #expect(DisplayWidth.columns(ofCleanCluster: cell.character) == (wide ? 2 : 1),
                            "\(what): \(cell.character.unicodeScalars.map { String($0.value, radix: 16) }) at \(x),\(y)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test("#12.2 a zero-width space shows as its code and leaves no stale cell (it drew as \"Zero​ys‍﻿﻿-⁠⁠owidth\")")
    func zeroWidth() {
        var grid = CellGrid(width: 30, height: 1)
        grid.put("stale-stale-stale-stale-stale-", x: 0, y: 0)
        grid.fill(grid.bounds)
        let written = grid.put("Zero\u{200B}width", x: 0, y: 0)
        #expect(grid.text == "Zero<U+200B>width")
        #expect(written == 17)
    }

    @Test("#12.1 an escape sequence in a cell shows as text")
    func escape() {
        var grid = CellGrid(width: 40, height: 1)
        grid.put("\u{1B}]52;c;Y3VybCBldmlsfHNo\u{07}", x: 0, y: 0)
        #expect(grid.text == "␛]52;c;Y3VybCBldmlsfHNo␇")
    }

    @Test("#12.2 grapheme clusters: an emoji sequence is one two-column cell, accents ride with their letter, wide characters take two")
    func clusters() {
        var grid = CellGrid(width: 12, height: 1)
        let written = grid.put("👩‍💻e\u{301}日🇳🇱x", x: 0, y: 0)
        #expect(written == 8)
        #expect(grid[0, 0].character == "👩‍💻")
        #expect(grid[1, 0].isContinuation)
        #expect(grid[2, 0].character == "e\u{301}")
        #expect(grid[3, 0].character == "日" && grid[4, 0].isContinuation)
        #expect(grid[5, 0].character == "🇳🇱" && grid[6, 0].isContinuation)
        #expect(grid[7, 0].character == "x")
        expectClean(grid, "clusters")
    }

    @Test("#12.2 a two-column character never goes past the limit: it is left out whole")
    func limit() {
        var grid = CellGrid(width: 10, height: 1)
        #expect(grid.put("ab日本", x: 0, y: 0, limit: 5) == 4)
        #expect(grid.text == "ab日")
    }

    @Test("#12.2 drawing over half of a wide character blanks its other half, as a terminal does")
    func overwriteHalf() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("日本語", x: 0, y: 0)
        grid[1, 0] = Cell("│")
        grid[4, 0] = Cell("│")
        #expect(grid.text == " │本│")
        #expect(!grid[5, 0].isContinuation)
        grid.put("x日", x: 2, y: 0)
        #expect(grid.text == " │x日")
        expectClean(grid, "overwritten")
    }

    @Test("#12.1 #12.2 random text from all of Unicode and every byte: clean cells, and put writes the text's display width")
    func randomPut() async {
        await propertyCheck(count: 1500, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...40)) { seed, limit in
            var hostile = HostileText(seed: UInt64(seed))
            let text = hostile.string(maxParts: 10)
            var grid = CellGrid(width: 40, height: 2)
            let written = grid.put(text, x: 0, y: 0, limit: limit)
            #expect(written <= limit)
            if text.displayWidth <= limit { #expect(written == text.displayWidth, "\(text.unicodeScalars.map(\.value))") }
            let fitted = CellGrid.fit(text, width: limit, ellipsis: "…")
            #expect(fitted.displayWidth <= limit)
            grid.put(fitted, x: 0, y: 1)
            expectClean(grid, "\(text.unicodeScalars.map(\.value))")
        }
    }

    /// The fixtures' report with hostile text in every string a person reads.
    static func hostileReport(seed: UInt64) -> Report {
        var hostile = HostileText(seed: seed)
        var report = Fixtures.report()
        for i in report.campaigns.indices {
            report.campaigns[i].name = hostile.string()
            report.campaigns[i].utmCampaign = hostile.string()
            report.campaigns[i].utmAliases = hostile.strings(2)
            for j in report.campaigns[i].assets.indices { report.campaigns[i].assets[j].name = hostile.string() }
        }
        for i in report.unlinkedUtm.indices { report.unlinkedUtm[i].spellings = hostile.strings(3) }
        return report
    }

    @Test("#12.1 every scenario of the view tests, with hostile names, utm values, aliases, spellings and asset names", arguments: Scenarios.all.map(\.name))
    func scenarios(name: String) {
        for seed in UInt64(1)...6 {
            for (width, height) in [(120, 35), (80, 24), (50, 16)] {
                var state = Scenarios.named(name)(width, height)
                state.report = Self.hostileReport(seed: seed)
                expectClean(Screen.render(state), "\(name) \(width)x\(height) seed \(seed)")
            }
        }
    }

    @Test("#12.1 popups with hostile text: an explanation, top deals, contacts, the asset picker and a typed name")
    func popups() {
        var hostile = HostileText(seed: 12)
        var explain = Scenarios.named("explain")(100, 30)
        explain = update(explain, .explained(.asset(assetID: "a4", campaignID: "c1"), .success(hostile.strings(12)))).0
        expectClean(Screen.render(explain), "explain")

        var picker = press(.char("a"), on: Scenarios.spring(100, 30, focus: .campaigns)).0
        picker = update(picker, .assetsLoaded(.success(Fixtures.assets.map {
            AssetListing(id: hostile.string(), name: hostile.string(), type: $0.type, campaignIDs: $0.campaignIDs)
        }))).0
        expectClean(Screen.render(picker), "asset picker")

        var deals = Fixtures.state(width: 100, height: 30)
        deals.attributionModel = "linear"
        deals.attributionCampaignID = "c1"
        let (opened, effects) = press(.char("4"), .enter, on: deals)
        if case .loadTopDeals(let request)? = effects.last {
            let hostileDeals = TopDeals(deals: Fixtures.topDeals.deals.map { deal in
                DealCredit(dealID: hostile.string(), dealName: hostile.string(), amount: deal.amount, closedAt: deal.closedAt,
                           credit: deal.credit, touches: deal.touches.map { touch in
                    DealTouch(time: touch.time, contactID: hostile.string(), contactEmail: hostile.string(), eventType: touch.eventType,
                              campaignID: touch.campaignID, positions: touch.positions, credit: touch.credit)
                })
            }, dealCount: 3)
            expectClean(Screen.render(update(opened, .topDealsLoaded(request, .success(hostileDeals))).0), "top deals")
        } else {
            Issue.record("Enter on tab 4 asked for no top deals")
        }

        let (contacts, asked) = press(.char("c"), on: Scenarios.spring(100, 30, focus: .campaigns))
        if case .loadContacts(let request)? = asked.last {
            let rows = Fixtures.contacts.map { c in
                ContactListing(id: hostile.string(), email: hostile.string(), firstInfluenced: c.firstInfluenced,
                               firstTouchCampaignID: c.firstTouchCampaignID, lastTouchCampaignID: c.lastTouchCampaignID,
                               salesforceCampaignIDs: hostile.strings(2))
            }
            expectClean(Screen.render(update(contacts, .contactsLoaded(request, .success(CampaignContacts(contacts: rows, total: rows.count)))).0), "contacts")
        } else {
            Issue.record("c asked for no contacts")
        }
    }

    @Test("#12.1 a name field takes no control or invisible character, typed or pasted")
    func typing() {
        var field = TextField()
        for key: Key in [.char("A"), .char("\u{1B}"), .char("\u{200B}"), .char("\u{202E}"), .char("é"), .char("👩‍💻")] { _ = field.handle(key) }
        #expect(field.text == "Aé👩‍💻")
    }
}
