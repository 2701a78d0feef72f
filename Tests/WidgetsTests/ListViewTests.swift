import Testing
import Widgets

@Suite("Widgets: ListView")
struct ListViewTests {
    func draw(_ list: ListView, rows: Int, focused: Bool = true) -> CellGrid {
        var grid = CellGrid(width: 8, height: rows)
        list.draw(in: Rect(x: 0, y: 0, width: 8, height: rows), focused: focused, empty: "empty", glyphs: .unicode, into: &grid) { i, y, grid in
            grid.put("row \(i)", x: 0, y: y)
        }
        return grid
    }

    @Test("scrolls so the cursor is in view, and no further than the last row")
    func scrolling() {
        #expect(ListView(count: 10, cursor: 0).offset(rows: 4) == 0)
        #expect(ListView(count: 10, cursor: 5).offset(rows: 4) == 2)
        #expect(ListView(count: 10, cursor: 9).offset(rows: 4) == 6)
        #expect(ListView(count: 3, cursor: 2).offset(rows: 4) == 0)
        #expect(draw(ListView(count: 10, cursor: 5), rows: 3).text == "row 3\nrow 4\nrow 5")
    }

    @Test("the cursor's row gets the selection bar when focused, bold when not")
    func highlight() {
        let focused = draw(ListView(count: 3, cursor: 1), rows: 3)
        #expect(focused[0, 1].style.background == .selection)
        #expect(focused[0, 0].style.background == .normal)
        let unfocused = draw(ListView(count: 3, cursor: 1), rows: 3, focused: false)
        #expect(unfocused[0, 1].style.bold && unfocused[0, 1].style.background == .normal)
    }

    @Test("an empty list shows its message on its second line")
    func empty() {
        #expect(draw(ListView(count: 0, cursor: 0), rows: 3).text == "\nempty\n")
    }

    @Test("more rows above or below are marked when asked, and the position reads n of N")
    func marks() {
        let grid = draw(ListView(count: 10, cursor: 5, marksMoreRows: true), rows: 3)
        #expect(grid[7, 0].character == "▲")
        #expect(grid[7, 2].character == "▼")
        #expect(ListView(count: 1_237, cursor: 11).position == "12 of 1237")
        #expect(ListView(count: 0, cursor: 0).position == "0 of 0")
    }
}
