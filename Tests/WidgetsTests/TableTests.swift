import Testing
import Widgets

@Suite("Widgets: Table")
struct TableTests {
    enum Column: Hashable, Sendable { case name, count, note }

    @Test("columns are found by id: two columns may carry the same title")
    func sameTitles() {
        let table = Table<Column>([.init(.name, "Same", width: 6), .init(.count, "Same", width: 5, alignment: .right)], x: 0, width: 12)
        var grid = CellGrid(width: 12, height: 2)
        table.drawHeader(y: 0, into: &grid, glyphs: .unicode)
        table.draw([.name: "alpha", .count: "42"], y: 1, into: &grid, style: .plain, glyphs: .unicode)
        #expect(grid.text == "Same    Same\nalpha     42")
    }

    @Test("flexible columns share the spare width; low priorities go first when it runs out")
    func fitting() {
        let columns: [Table<Column>.Column] = [.init(.name, "Name", width: 4, flex: true),
                                               .init(.note, "Note", width: 6, priority: 1), .init(.count, "N", width: 3, alignment: .right)]
        let wide = Table(columns, x: 0, width: 20)
        #expect(wide[.name]?.width == 9)
        #expect(wide[.note]?.x == 10)
        let narrow = Table(columns, x: 0, width: 9)
        #expect(narrow[.note] == nil)
        #expect(narrow[.name]?.width == 5)
        #expect(narrow[.count]?.right == 9)
    }

    @Test("cells are cut with an ellipsis, right-aligned ones end at the column's edge")
    func cells() {
        let table = Table<Column>([.init(.name, "Name", width: 5), .init(.count, "N", width: 4, alignment: .right)], x: 1, width: 10)
        var grid = CellGrid(width: 11, height: 1)
        table.draw([.name: "abcdefgh", .count: "7"], y: 0, into: &grid, style: .plain, glyphs: .unicode)
        #expect(grid.text == " abcd…    7")
    }

    @Test("header titles can be replaced per column and styled per column")
    func header() {
        let table = Table<Column>([.init(.name, "Name", width: 6), .init(.count, "N", width: 3, alignment: .right)], x: 0, width: 10)
        var grid = CellGrid(width: 10, height: 1)
        table.drawHeader(y: 0, into: &grid, glyphs: .unicode, titles: [.name: "Name ▲"], styles: [.count: Style(.accent)])
        #expect(grid.text == "Name ▲   N")
        #expect(grid[9, 0].style.foreground == .accent)
        #expect(grid[0, 0].style.foreground == .header)
    }
}
