import Widgets
import SafeText
import Foundation
import Testing
@testable import Dashboard

@Suite("Cell grid and drawing")
struct GridTests {
    @Test("text is clipped with an ellipsis and never written outside the grid")
    func clipping() {
        var grid = CellGrid(width: 10, height: 2)
        grid.clipped("Spring launch", x: 0, y: 0, width: 8, style: .plain, glyphs: .unicode)
        grid.put("overflow", x: 6, y: 1)
        grid.put("x", x: -3, y: 5)
        #expect(grid.text == "Spring …\n      over")
        #expect(CellGrid.fit("abc", width: 3, ellipsis: "~") == "abc")
        #expect(CellGrid.fit("abcd", width: 3, ellipsis: "~") == "ab~")
        #expect(CellGrid.fit("abcd", width: 0, ellipsis: "~") == "")
    }

    @Test("numbers are right-aligned and grouped")
    func numbers() {
        var grid = CellGrid(width: 12, height: 1)
        grid.rightAligned(Format.grouped(1_234_567), right: 12, y: 0, width: 12, style: .plain, glyphs: .unicode)
        #expect(grid.text == "   1,234,567")
        #expect(Format.money(48250.5) == "48,250.50")
        #expect(Format.wholeMoney(48250.5) == "48,251")
        #expect(Format.compact(.count(1_250_000)) == "1.2M")
        #expect(Format.fitting(.money(103_400), width: 6) == "103k")
    }

    @Test("amounts show two decimals, grouped: whole, cent, negative, huge and sub-cent (rounded half up) amounts")
    func money() {
        #expect(Format.money(0) == "0.00")
        #expect(Format.money(1200) == "1,200.00")
        #expect(Format.money(Decimal(string: "0.05")!) == "0.05")
        #expect(Format.money(Decimal(string: "-0.5")!) == "-0.50")
        #expect(Format.money(Decimal(string: "-1234.5")!) == "-1,234.50")
        #expect(Format.money(Decimal(string: "1234567.895")!) == "1,234,567.90")
        #expect(Format.money(Decimal(string: "1000000000000000")!) == "1,000,000,000,000,000.00")
        #expect(Format.money(Decimal(string: "123456789012345.67")!) == "123,456,789,012,345.67")
    }

    @Test("wide characters take two cells")
    func wide() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("日本x", x: 0, y: 0)
        #expect(grid[1, 0].isContinuation)
        #expect(grid.text == "日本x")
        #expect("日本".displayWidth == 4)
    }

    @Test("sparklines use eighth blocks, or ASCII levels")
    func sparkline() {
        var grid = CellGrid(width: 8, height: 2)
        grid.sparkline([0, 1, 2, 4, 8], x: 0, y: 0, width: 8, style: .plain, glyphs: .unicode)
        grid.sparkline([0, 1, 2, 4, 8], x: 0, y: 1, width: 8, style: .plain, glyphs: .ascii)
        #expect(grid.text == "    ▁▂▄█\n    ._=#")
    }

    @Test("bar charts bucket many values and widen few")
    func bars() {
        #expect(CellGrid.bucket([1, 2, 3, 4, 5, 6], into: 3) == [3, 7, 11])
        var grid = CellGrid(width: 6, height: 2)
        grid.barChart([1, 4], in: grid.bounds, style: .plain, glyphs: .unicode)
        #expect(grid.text == "   ███\n▄▄▄███")
    }

    @Test("boxes in Unicode and ASCII")
    func boxes() {
        var grid = CellGrid(width: 12, height: 3)
        grid.box(grid.bounds, title: "Assets", glyphs: .ascii, border: .plain, titleStyle: .plain)
        #expect(grid.text == "+ Assets --+\n|          |\n+----------+")
    }

    @Test("text wraps at spaces and keeps the indentation")
    func wrap() {
        #expect(TextWrap.wrap("  one two three four", width: 10) == ["  one two", "  three", "  four"])
    }
}
