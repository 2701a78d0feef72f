import Widgets
import Testing
import Attribution
@testable import Dashboard

@Suite("Sizes and styles")
struct SizeAndStyleTests {
    @Test("tiny terminals get one line and never a crash", arguments: [(1, 1), (20, 5), (39, 9), (0, 0)])
    func tiny(size: (Int, Int)) {
        let grid = Screen.render(Fixtures.state(width: size.0, height: size.1))
        #expect(grid.width == size.0 && grid.height == size.1)
        if size.0 >= 20 { #expect(grid.line(0).hasPrefix("terminal too small")) }
        if size.0 == 1 { #expect(grid.text == "…") }
    }

    @Test("every scenario draws at every size from 1×1 to 130×40 without a crash")
    func everySize() {
        for (_, build) in Scenarios.all {
            for w in stride(from: 1, through: 130, by: 7) {
                for h in stride(from: 1, through: 40, by: 3) {
                    let grid = Screen.render(build(w, h))
                    #expect(grid.cells.count == w * h)
                }
            }
        }
    }

    @Test("below 80×24 one pane at a time: the focused one")
    func singlePane() {
        var s = Fixtures.state(width: 79, height: 30)
        s.focus = .metrics
        let text = screen(s)
        #expect(text.contains("Metrics · Always-on brand"))
        #expect(!text.contains("Campaigns 5"))
    }

    @Test("R9 hidden asset shows its reason dimmed")
    func hiddenDimmed() {
        let grid = Screen.render(Scenarios.spring(120, 35, focus: .campaigns))
        let y = (0..<grid.height).first { grid.line($0).contains("Brand keywords") }!
        let line = grid.line(y)
        #expect(line.contains("not visited"))
        let x = line.distance(from: line.startIndex, to: line.range(of: "Brand keywords")!.lowerBound)
        #expect(grid[x, y].style.dim)
        let reason = line.distance(from: line.startIndex, to: line.range(of: "not visited")!.lowerBound)
        #expect(grid[reason, y].style.dim)
        let visible = (0..<grid.height).first { grid.line($0).contains("Launch email") }!
        #expect(!grid[x, visible].style.dim)
    }

    @Test("R17 analytics view leaves out pre-2017-09 campaigns; the campaigns pane marks them")
    func analyticsCutoff() {
        let analytics = screen(press(.char("2"), on: Fixtures.state()).0)
        #expect(!analytics.contains("Legacy newsletter"))
        #expect(analytics.contains("1 created before 2017-09-01 left out"))
        let campaigns = screen(Fixtures.state())
        #expect(campaigns.contains("Legacy newsletter      pre-2017"))
    }

    @Test("R14 totals row adds up the campaigns in analytics")
    func totals() {
        let text = screen(press(.char("2"), on: Fixtures.state()).0)
        let total = text.split(separator: "\n").first { $0.contains("Total ") }!
        #expect(total.split(separator: " ").suffix(7).joined(separator: " ") == "3,980 972 327 275 26 164,551 │")
    }

    @Test("R5 unlinked values show spellings, page views, sessions and the suggestion")
    func unlinked() {
        let text = screen(press(.char("3"), on: Fixtures.state()).0)
        #expect(text.contains("spring-lauch                  Spring-Lauch, spring-lauch              57       41 Spring launch"))
    }

    @Test("the selected row is drawn on the selection background when its pane has the focus")
    func selection() throws {
        let grid = Screen.render(Fixtures.state())
        let y = try #require((0..<grid.height).first { grid.line($0).contains("● Always-on brand") })
        #expect(grid[3, y].style.background == .selection)
        let unfocused = Screen.render(Scenarios.spring(120, 35, focus: .assets))
        let row = try #require((0..<unfocused.height).first { unfocused.line($0).contains("● Spring launch") })
        #expect(unfocused[3, row].style.background != .selection && unfocused[3, row].style.bold)
    }
}
