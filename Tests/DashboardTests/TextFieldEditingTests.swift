import Attribution
import Testing
import Widgets
@testable import Dashboard

/// Issue 14: the dashboard's text fields (names, searches, filters) edit like a shell's
/// line, and every view draws the cursor where it is.
@Suite("#14 text fields in the dashboard")
struct TextFieldEditingTests {
    func renamed(_ keys: [Key]) -> DashboardState {
        press([.char("r")] + keys, on: Scenarios.spring(120, 35, focus: .campaigns)).0
    }

    func field(_ state: DashboardState) -> TextField? {
        guard case .input(let input)? = state.popup else { return nil }
        return input.field
    }

    @Test("#14 renaming: words are fixed in place with the cursor keys, Ctrl-W, Alt-B/F and Ctrl-U to the start")
    func rename() {
        #expect(field(renamed([.alt("b"), .ctrl("w")] + typing("Autumn ")))?.text == "Autumn launch")
        #expect(field(renamed([.ctrl("a"), .alt("f"), .ctrl("k")] + typing(" sale")))?.text == "Spring sale")
        #expect(field(renamed([.left, .left, .left, .left, .left, .left, .ctrl("u")]))?.text == "launch")
        #expect(field(renamed([.home, .delete, .char("s")]))?.text == "spring launch")
        let saved = press(.enter, on: renamed([.alt("b"), .ctrl("w")] + typing("Autumn "))).0
        #expect(saved.savingEdit?.edit == .rename(campaignID: "c1", name: "Autumn launch"))
    }

    @Test("#14 a paste into a name: one line, no control character, at the cursor; Enter is not pasted")
    func pasteIntoName() {
        let state = renamed([.ctrl("u"), .paste("Autumn\r\nsale\u{1B}[201~\n")])
        #expect(field(state)?.text == "Autumn sale[201~")
        #expect(state.popup != nil, "a pasted line break does not save")
        #expect(press(.paste("q"), on: Fixtures.state()).0 == Fixtures.state(), "a paste outside a field does nothing")
    }

    @Test("#14 moving the cursor in a search keeps the picker's row and the name's error; typing starts over")
    func movingIsNotTyping() {
        var picker = press(.down, .down, on: Scenarios.named("picker")(120, 35)).0
        picker = press(typing("e") + [.down], on: picker).0
        picker = press(.left, .home, .right, on: picker).0
        guard case .assetPicker(let moved)? = picker.popup else { Issue.record("the picker closed"); return }
        #expect(moved.cursor == 1 && moved.query.text == "e" && moved.query.cursor == 1)
        picker = press(.home, .char("x"), on: picker).0
        guard case .assetPicker(let typed)? = picker.popup else { Issue.record("the picker closed"); return }
        #expect(typed.cursor == 0 && typed.query.text == "xe")

        var taken = renamed([.ctrl("u")] + typing("Webinar series") + [.enter])
        guard case .input(let refused)? = taken.popup, refused.error != nil else { Issue.record("a taken name is refused"); return }
        taken = press(.left, .home, on: taken).0
        guard case .input(let moved)? = taken.popup else { Issue.record("the popup closed"); return }
        #expect(moved.error == refused.error)
        taken = press(.char("X"), on: taken).0
        guard case .input(let typed)? = taken.popup else { Issue.record("the popup closed"); return }
        #expect(typed.error == nil)
    }

    /// The cells of line `y` with the reverse attribute.
    func reversed(_ grid: CellGrid, y: Int) -> String {
        String((0..<grid.width).filter { grid[$0, y].style.reverse && !grid[$0, y].isContinuation }.map { grid[$0, y].character })
    }

    func lineY(_ grid: CellGrid, containing text: String) -> Int? { (0..<grid.height).first { grid.line($0).contains(text) } }

    @Test("#14 every field draws its cursor where it is: the character under it reversed")
    func cursorDrawn() {
        // Rename: the cursor on the l of launch.
        var grid = Screen.render(renamed([.alt("b")]))
        var y = lineY(grid, containing: "Name")!
        #expect(reversed(grid, y: y) == "l" && !grid.line(y).contains("▏"))
        // Picker search.
        grid = Screen.render(press(typing("web") + [.left], on: Scenarios.named("picker")(120, 35)).0)
        y = lineY(grid, containing: "Search web")!
        #expect(reversed(grid, y: y) == "b")
        // The campaigns filter in the status bar.
        grid = Screen.render(press([.char("/")] + typing("spr") + [.home], on: Fixtures.state()).0)
        #expect(reversed(grid, y: 34) == "s" && grid.line(34).contains("Filter: spr "))
        // The help filter.
        grid = Screen.render(press([.char("?"), .char("/")] + typing("mov") + [.ctrl("b"), .ctrl("b")], on: Fixtures.state()).0)
        y = lineY(grid, containing: "/mov")!
        #expect(reversed(grid, y: y) == "o")
        // The contacts filter.
        grid = Screen.render(press([.char("/")] + typing("ada") + [.ctrl("a")], on: Scenarios.named("contacts-all")(120, 35)).0)
        y = lineY(grid, containing: "Filter ada")!
        #expect(reversed(grid, y: y) == "a" && grid.line(y).contains("ada   1 of 14"))
    }

    @Test("#14 a name wider than its field shows the part around the cursor")
    func longName() {
        let long = String(repeating: "abcdefghij", count: 10)
        let end = Screen.render(renamed([.ctrl("u")] + typing(long)))
        let y = lineY(end, containing: "Name")!
        #expect(end.line(y).contains("ghij▏"), "the end, with the cursor after it")
        let start = Screen.render(renamed([.ctrl("u")] + typing(long) + [.home]))
        #expect(start.line(y).contains("Name          abcdefghijabcdefghij") && reversed(start, y: y) == "a")
    }
}
