import SafeText
import Testing
import Widgets

/// Issue 14: text fields edit like a shell's line.
@Suite("#14 text fields edit like a shell's")
struct TextFieldTests {
    /// A field with `text` after the keys, the cursor shown as `|`.
    func edited(_ text: String, _ keys: Key...) -> String {
        var field = TextField(text)
        for key in keys {
            let handled = field.handle(key)
            #expect(handled, "\(key) is an editing key")
        }
        var shown = Array(field.text)
        shown.insert("|", at: field.cursor)
        return String(shown)
    }

    @Test("#14 the cursor starts after the text; Left/Right, Ctrl-B/F move it, and stop at the ends")
    func moves() {
        #expect(edited("abc") == "abc|")
        #expect(edited("abc", .left) == "ab|c")
        #expect(edited("abc", .left, .left, .left, .left) == "|abc")
        #expect(edited("abc", .home, .right, .right, .right, .right) == "abc|")
        #expect(edited("abc", .ctrl("b"), .ctrl("b"), .ctrl("f")) == "ab|c")
    }

    @Test("#14 Home/End and Ctrl-A/E go to the ends")
    func ends() {
        #expect(edited("spring launch", .home) == "|spring launch")
        #expect(edited("spring launch", .ctrl("a")) == "|spring launch")
        #expect(edited("spring launch", .home, .end) == "spring launch|")
        #expect(edited("spring launch", .home, .ctrl("e")) == "spring launch|")
    }

    @Test("#14 typing inserts at the cursor")
    func insert() {
        #expect(edited("sprng", .left, .left, .char("i")) == "spri|ng")
        #expect(edited("", .char("a"), .home, .char("b")) == "b|a")
    }

    @Test("#14 Backspace deletes before the cursor, Delete and Ctrl-D under it")
    func deletes() {
        #expect(edited("abcd", .left, .backspace) == "ab|d")
        #expect(edited("abcd", .left, .left, .delete) == "ab|d")
        #expect(edited("abcd", .home, .ctrl("d")) == "|bcd")
        #expect(edited("abcd", .home, .backspace) == "|abcd")
        #expect(edited("abcd", .delete) == "abcd|")
    }

    @Test("#14 Ctrl-U deletes to the start, Ctrl-K to the end, as readline does")
    func kills() {
        #expect(edited("spring launch", .alt("b"), .ctrl("u")) == "|launch")
        #expect(edited("spring launch", .alt("b"), .ctrl("k")) == "spring |")
        #expect(edited("spring launch", .ctrl("u")) == "|")
    }

    @Test("#14 Ctrl-W deletes the word before the cursor up to a blank, and the blanks after it")
    func wordRubout() {
        #expect(edited("utm spring-launch  ", .ctrl("w")) == "utm |")
        #expect(edited("utm spring-launch", .ctrl("w"), .ctrl("w")) == "|")
        #expect(edited("one two three", .alt("b"), .ctrl("w")) == "one |three")
    }

    @Test("#14 Alt-B and Alt-F move by words of letters and digits; Alt-D deletes the word after the cursor")
    func words() {
        #expect(edited("spring-launch 2024", .alt("b")) == "spring-launch |2024")
        #expect(edited("spring-launch 2024", .alt("b"), .alt("b")) == "spring-|launch 2024")
        #expect(edited("spring-launch 2024", .alt("b"), .alt("b"), .alt("b"), .alt("b")) == "|spring-launch 2024")
        #expect(edited("spring-launch 2024", .home, .alt("f")) == "spring|-launch 2024")
        #expect(edited("spring-launch 2024", .home, .alt("f"), .alt("f")) == "spring-launch| 2024")
        #expect(edited("spring-launch 2024", .home, .alt("d")) == "|-launch 2024")
        #expect(edited("Café über", .alt("b")) == "Café |über")
    }

    @Test("#14 a paste goes in at the cursor as one line: breaks and tabs become one space, controls are dropped")
    func paste() {
        #expect(edited("ab", .left, .paste("XY")) == "aXY|b")
        #expect(edited("", .paste("\nSpring\r\nlaunch\t2024\n")) == "Spring launch 2024|")
        #expect(edited("", .paste("a\u{1B}]52;c;Y3VybA==\u{07}b")) == "a]52;c;Y3VybA==b|")
        #expect(edited("", .paste("\u{1B}[201~q\u{9B}\u{200B}\u{202E}x")) == "[201~qx|")
        #expect(edited("", .paste("👩‍💻 é")) == "👩‍💻 é|")
    }

    @Test("#14 a paste fills the field up to its capacity and no further")
    func capacity() {
        var field = TextField(String(repeating: "a", count: TextField.capacity - 2))
        _ = field.handle(.home)
        _ = field.handle(.paste("xyz"))
        #expect(field.text.count == TextField.capacity)
        #expect(field.text.hasPrefix("xya"))
        #expect(field.cursor == 2)
        _ = field.handle(.char("q"))
        #expect(field.text.count == TextField.capacity)
    }

    @Test("#14 keys that are not for editing are left to others")
    func notEditing() {
        var field = TextField("abc")
        for key: Key in [.enter, .escape, .up, .down, .tab, .ctrl("n"), .alt("x"), .char("\u{1B}")] {
            let handled = field.handle(key)
            #expect(!handled, "\(key)")
        }
        #expect(field.text == "abc" && field.cursor == 3)
    }

    // MARK: Drawing

    func drawn(_ field: TextField, width: Int, cursor: Character? = "▏") -> (text: String, reversed: [Int]) {
        var grid = CellGrid(width: width + 2, height: 1)
        let used = field.draw(x: 1, y: 0, width: width, style: Style(.input), cursor: cursor, into: &grid)
        #expect(used <= width)
        let reversed = (0..<grid.width).filter { grid[$0, 0].style.reverse }
        return (grid.line(0), reversed)
    }

    func field(_ text: String, _ keys: Key...) -> TextField {
        var field = TextField(text)
        for key in keys { _ = field.handle(key) }
        return field
    }

    @Test("#14 the cursor at the end is the glyph after the text, as before")
    func cursorAtEnd() {
        #expect(drawn(field("abc"), width: 10) == (" abc▏       ", []))
        #expect(drawn(field("abc"), width: 10, cursor: nil) == (" abc        ", []))
    }

    @Test("#14 inside the text the cursor is the character under it, reversed")
    func cursorInside() {
        let shown = drawn(field("abc", .left), width: 10)
        #expect(shown.text == " abc        ")
        #expect(shown.reversed == [3])
    }

    @Test("#14 a text wider than the field shows the part around the cursor")
    func scrolled() {
        let long = "0123456789abcdefghij"
        #expect(drawn(field(long), width: 8).text == " defghij▏ ")
        #expect(drawn(field(long, .home), width: 8) == (" 01234567 ", [1]))
        let middle = drawn(field(long, .left, .left), width: 8)
        #expect(middle.text == " bcdefghi ")
        #expect(middle.reversed == [8])
        #expect(drawn(field(long, .home), width: 8, cursor: nil).text == " 01234567 ")
    }

    @Test("#14 wide characters scroll by their columns: the cursor always shows whole")
    func wide() {
        let shown = drawn(field("日本語のテキスト"), width: 7)
        #expect(shown.text.hasSuffix("スト▏ "))
        #expect(shown.text.displayWidth == 9)
    }
}
