import Testing
import Widgets

@Suite("Widgets: Panel")
struct PanelTests {
    @Test("a pane's frame with its title; the border brighter when focused; the inside returned")
    func pane() {
        var grid = CellGrid(width: 12, height: 3)
        let inner = Panel.draw(Rect(x: 0, y: 0, width: 12, height: 3), title: "Title", focused: true, glyphs: .unicode, into: &grid)
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 1))
        #expect(grid.text == "┌ Title ───┐\n│          │\n└──────────┘")
        #expect(grid[0, 0].style.foreground == .borderFocused)
        var plain = CellGrid(width: 12, height: 3)
        Panel.draw(Rect(x: 0, y: 0, width: 12, height: 3), title: "Title", focused: false, glyphs: .ascii, into: &plain)
        #expect(plain[0, 0].style.foreground == .border)
        #expect(plain.text.hasPrefix("+ Title ---+"))
    }

    @Test("a popup is centred, clears what is under it and puts its footer at the bottom")
    func popup() {
        var grid = CellGrid(width: 20, height: 10)
        grid.fill(grid.bounds, "x")
        let content = Panel.popup(width: 8, height: 2, title: "Pop", footer: "Esc", in: grid.bounds, glyphs: .unicode, into: &grid)
        #expect(content == Rect(x: 6, y: 3, width: 8, height: 2))
        #expect(grid.line(1) == "xxxx┌ Pop ─────┐xxxx")
        #expect(grid.line(6) == "xxxx│ Esc      │xxxx")
        #expect(grid[6, 3].style.background == .popup)
    }
}
