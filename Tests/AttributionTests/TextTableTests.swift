import Attribution
import Testing

/// Issue 14: a table is cut only to fit a terminal, and then text before ids and numbers.
struct TextTableTests {
    func table() -> TextTable {
        var table = TextTable(columns: [.init("ID", whole: true), .init("NAME"), .init("NOTES"), .init("SESSIONS", right: true)])
        table.add(["c-always-on", "Always-on content", "evergreen blog posts and their calls to action", "1234567"])
        table.add(["c-spring", "Spring launch", "", "89"])
        return table
    }

    @Test("#14 without a width nothing is cut: a pipe gets every cell whole")
    func whole() {
        let text = table().render(maxWidth: nil)
        #expect(!text.contains("…"))
        #expect(text.split(separator: "\n")[1] == "c-always-on  Always-on content  evergreen blog posts and their calls to action   1234567")
    }

    @Test("#14 given a width, the widest text column narrows first; ids and numbers are never cut")
    func fitted() {
        let lines = table().render(maxWidth: 60).split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines)")
        #expect(lines[1] == "c-always-on  Always-on content  evergreen blog po…   1234567")
        #expect(lines[2].hasPrefix("c-spring     Spring launch"))
    }

    @Test("#14 a width too narrow for every column at eight narrows text to a lone ellipsis before giving up")
    func narrowest() {
        let lines = table().render(maxWidth: 30).split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("c-always-on  ") && lines[1].hasSuffix("1234567"), "\(lines)")
        #expect(lines.allSatisfy { $0.count <= 30 }, "\(lines)")
        let tooNarrow = table().render(maxWidth: 10).split(separator: "\n").map(String.init)
        #expect(tooNarrow[1] == "c-always-on  …  …   1234567", "ids and numbers stay whole even then")
    }
}
