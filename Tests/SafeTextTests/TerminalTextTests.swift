import HostileText
import PropertyBased
import SafeText
import Testing

@Suite("#12.1 clean at output: TerminalText")
struct TerminalTextTests {
    @Test("#12.1 the OSC 52 attack from a utm value shows as text: ESC and BEL as their pictures")
    func osc52() {
        let attack = "\u{1B}]52;c;Y3VybCBldmlsfHNo\u{07}"
        #expect(TerminalText.line(attack) == "␛]52;c;Y3VybCBldmlsfHNo␇")
    }

    @Test("#12.1 C0 controls and DEL as Control Pictures; C1 controls as <U+…>")
    func controls() {
        #expect(TerminalText.line("a\u{0}b\u{8}c\u{7F}") == "a␀b␈c␡")
        #expect(TerminalText.line("\u{9B}31m") == "<U+009B>31m")
        #expect(TerminalText.line("\u{85}") == "<U+0085>")
    }

    @Test("#12.1 a line never breaks: CR and LF show; lines keep LF and show CR")
    func newlines() {
        #expect(TerminalText.line("deal\rFORGED\nline") == "deal␍FORGED␊line")
        #expect(TerminalText.lines("one\ntwo\rthree\r\nfour") == "one\ntwo␍three␍\nfour")
        #expect(TerminalText.line("tab\there") == "tab␉here")
    }

    @Test("#12.1 bidi overrides, isolates and marks, zero-width characters, separators and the BOM are shown")
    func invisibles() {
        #expect(TerminalText.line("\u{202E}gnp.exe") == "<U+202E>gnp.exe")
        #expect(TerminalText.line("\u{2066}x\u{2069}") == "<U+2066>x<U+2069>")
        #expect(TerminalText.line("Zero\u{200B}width") == "Zero<U+200B>width")
        #expect(TerminalText.line("a\u{200D}b") == "a<U+200D>b")
        #expect(TerminalText.line("\u{FEFF}x\u{2028}") == "<U+FEFF>x<U+2028>")
        #expect(TerminalText.line("\u{FFFF}") == "<U+FFFF>")
        #expect(TerminalText.line("\u{E0041}") == "<U+E0041>")
    }

    @Test("#12.1 emoji sequences keep their joiners, selectors and tags; letters keep their accents")
    func emojiAndAccents() {
        for text in ["👩‍💻", "🇳🇱", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️", "1️⃣", "👍🏽", "é", "e\u{301}", "日本語", "한국어", "क्षि"] {
            #expect(TerminalText.line(text) == text, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("#12.1 a combining mark with nothing to combine with sits on a dotted circle")
    func loneMark() {
        #expect(TerminalText.line("\u{301}x") == "◌\u{301}x")
        #expect(TerminalText.line("\u{1B}\u{301}") == "␛◌\u{301}")
    }

    @Test("#12.1 plain ASCII is returned as it is")
    func ascii() {
        let text = "spring-launch 2024 (R12) ~!@#$%^&*()_+"
        #expect(TerminalText.line(text) == text)
        #expect(TerminalText.isPlainASCII(text))
        #expect(!TerminalText.isPlainASCII("a\u{7F}"))
    }

    @Test("#12.1 a joiner after a stand-in and a keycap on a dotted circle shows as its code: cleaning twice changes nothing")
    func joinerAfterStandIn() {
        // Found by the random test below (seed 6527498854188616087): 1️⃣, ZWNJ, a keycap, ZWJ.
        let text = String(String.UnicodeScalarView([0x31, 0xFE0F, 0x20E3, 0x200C, 0x20E3, 0x200D, 0x41].map { Unicode.Scalar($0)! }))
        let line = TerminalText.line(text)
        #expect(line == "1\u{FE0F}\u{20E3}<U+200C>\u{25CC}\u{20E3}<U+200D>A")
        #expect(TerminalText.line(line) == line)
        #expect(TerminalBytes.invisible(in: line).isEmpty)
        // Inside an emoji, before any stand-in, the joiner still makes the picture.
        #expect(TerminalText.line("👩\u{200D}💻") == "👩\u{200D}💻")
    }

    @Test("#12.1 random strings from all of Unicode and every byte: no control byte, nothing invisible, cleaning twice changes nothing")
    func randomStrings() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...Int.max)) { seed in
            var hostile = HostileText(seed: UInt64(seed))
            let text = hostile.string(maxParts: 12)
            let line = TerminalText.line(text)
            #expect(TerminalBytes.controls(in: line, allowed: []).isEmpty, "\(text.unicodeScalars.map(\.value))")
            #expect(TerminalBytes.invisible(in: line).isEmpty, "\(text.unicodeScalars.map(\.value))")
            #expect(TerminalText.line(line) == line)
            let lines = TerminalText.lines(text)
            #expect(TerminalBytes.controls(in: lines, allowed: [0x0A]).isEmpty)
            #expect(lines.split(separator: "\n", omittingEmptySubsequences: false).count
                    == text.unicodeScalars.filter { $0 == "\n" }.count + 1)
        }
    }
}
