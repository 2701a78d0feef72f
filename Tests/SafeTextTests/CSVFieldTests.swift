import HostileText
import PropertyBased
import SafeText
import Testing

@Suite("#12.1 CSV cells")
struct CSVFieldTests {
    @Test("#12.1 the formula guard looks at the first code point after white space")
    func formulas() {
        #expect(CSVField.escape("=\u{301}cmd") == "'=\u{301}cmd")
        #expect(CSVField.escape("  =1+1") == "'  =1+1")
        #expect(CSVField.escape("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVField.escape("+1") == "'+1")
        #expect(CSVField.escape("-2") == "'-2")
        #expect(CSVField.escape("\tcmd") == "\"'\tcmd\"")
        #expect(CSVField.escape("a=b") == "a=b")
        #expect(CSVField.escape("") == "")
    }

    @Test("#12.1 RFC 4180 quoting: commas, quotes, tab, CR and LF inside quotes")
    func quoting() {
        #expect(CSVField.escape("a,b") == "\"a,b\"")
        #expect(CSVField.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVField.escape("two\nlines") == "\"two\nlines\"")
        #expect(CSVField.escape("cr\rhere") == "\"cr\rhere\"")
    }

    @Test("#12.1 other controls never reach the file: ESC, DEL and C1 show as their stand-ins")
    func controls() {
        #expect(CSVField.escape("\u{1B}]52;c;x\u{07}") == "␛]52;c;x␇")
        #expect(CSVField.escape("\u{9B}1m\u{7F}") == "<U+009B>1m␡")
    }

    @Test("#12.1 random strings: a CSV cell holds no control but tab, CR and LF, and those only inside quotes")
    func randomCells() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...Int.max)) { seed in
            var hostile = HostileText(seed: UInt64(seed))
            let text = hostile.string()
            let cell = CSVField.escape(text)
            #expect(TerminalBytes.controls(in: cell, allowed: [0x09, 0x0A, 0x0D]).isEmpty, "\(text.unicodeScalars.map(\.value)) -> \(cell.unicodeScalars.map(\.value))")
            let hasBreaks = cell.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x2C }
            // Bytes, not Characters: a quote followed by a joiner is one Character to Swift.
            if hasBreaks { #expect(cell.utf8.first == 0x22 && cell.utf8.last == 0x22, "\(text.unicodeScalars.map(\.value)) -> \(cell.unicodeScalars.map(\.value))") }
            let first = text.unicodeScalars.first { !$0.properties.isWhitespace }
            if let first, "=+-@".unicodeScalars.contains(first) {
                #expect(cell.utf8.starts(with: "'".utf8) || cell.utf8.starts(with: "\"'".utf8))
            }
        }
    }
}
