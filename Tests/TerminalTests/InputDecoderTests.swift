import Foundation
import Testing
import Widgets
@testable import Terminal

/// Issue 14 at the curses end: what the terminal sends for Alt and a key, a bracketed
/// paste and a mouse report becomes one event each, whatever curses made of the bytes.
@Suite("#14 the curses device decodes Alt keys, pastes and mouse reports")
struct InputDecoderTests {
    /// Decodes `first` with `rest` as what curses reads next; also returns what was not read.
    func decode(_ first: RawInput, _ rest: [RawInput] = []) -> (InputDecoder.Decoded, unread: [RawInput]) {
        var next = rest.startIndex
        let decoded = InputDecoder.decode(first) { _ in
            defer { next = min(next + 1, rest.endIndex) }
            return next < rest.endIndex ? rest[next] : nil
        }
        return (decoded, Array(rest[next...]))
    }

    func characters(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }

    @Test("#14 Esc alone is Escape; Esc and b, f or d at once are Alt and the letter")
    func alt() {
        #expect(decode(.character(27)).0 == InputDecoder.Decoded(.key(.escape)))
        #expect(decode(.character(27), characters("b")).0 == InputDecoder.Decoded(.key(.alt("b"))))
        #expect(decode(.character(27), characters("f")).0 == InputDecoder.Decoded(.key(.alt("f"))))
        #expect(decode(.character(27), characters("d")).0 == InputDecoder.Decoded(.key(.alt("d"))))
    }

    @Test("#14 Esc then any other key at once stays Escape, and the key is read next: Esc q typed fast still closes, then quits")
    func escapeThenKey() {
        let (decoded, unread) = decode(.character(27), [.function(259), .character(0x61)])
        #expect(decoded == InputDecoder.Decoded(.key(.escape), leftover: .function(259)))
        #expect(unread == [.character(0x61)])
        for code: UInt32 in [0x71, 0x5B, 0x5D, 0x42, 27, 13, 0xE9] {
            #expect(decode(.character(27), [.character(code)]).0 == InputDecoder.Decoded(.key(.escape), leftover: .character(code)))
        }
    }

    @Test("#14 an escape sequence curses does not know is dropped whole, not typed")
    func unknownSequence() {
        let (decoded, unread) = decode(.character(27), characters("[1;5Pq"))
        #expect(decoded == InputDecoder.Decoded(nil))
        #expect(unread == characters("q"))
        #expect(decode(.character(27), characters("[2") + [.function(259)]).0 == InputDecoder.Decoded(nil, leftover: .function(259)))
    }

    @Test("#14 an SGR mouse report: a press with its button and cell (from 0), the wheel; releases and motion are not events")
    func sgrMouse() {
        #expect(decode(.mouseSGR, characters("0;10;5M")).0 == InputDecoder.Decoded(.mouse(MouseEvent(.press(.left), x: 9, y: 4))))
        #expect(decode(.mouseSGR, characters("2;1;1M")).0 == InputDecoder.Decoded(.mouse(MouseEvent(.press(.right), x: 0, y: 0))))
        #expect(decode(.mouseSGR, characters("1;120;35M")).0 == InputDecoder.Decoded(.mouse(MouseEvent(.press(.middle), x: 119, y: 34))))
        #expect(decode(.mouseSGR, characters("64;3;4M")).0 == InputDecoder.Decoded(.mouse(MouseEvent(.wheelUp, x: 2, y: 3))))
        #expect(decode(.mouseSGR, characters("65;3;4M")).0 == InputDecoder.Decoded(.mouse(MouseEvent(.wheelDown, x: 2, y: 3))))
        // Ctrl-click is a click.
        #expect(decode(.mouseSGR, characters("16;3;4M")).0 == InputDecoder.Decoded(.mouse(MouseEvent(.press(.left), x: 2, y: 3))))
        for ignored in ["0;10;5m", "32;10;5M", "66;3;4M", "0;0;5M", "0;10M", "0;x;5M", ";;M"] {
            let (decoded, unread) = decode(.mouseSGR, characters(ignored))
            #expect(decoded == InputDecoder.Decoded(nil), "\(ignored)")
            #expect(unread.isEmpty, "\(ignored): the whole report is read")
        }
    }

    @Test("#14 a cut-off mouse report is dropped, and what came after it is kept")
    func cutOffMouse() {
        #expect(decode(.mouseSGR, characters("0;10")).0 == InputDecoder.Decoded(nil))
        #expect(decode(.mouseSGR, characters("0;1") + [.resize]).0 == InputDecoder.Decoded(nil, leftover: .resize))
        let endless = characters(String(repeating: "1", count: 100))
        #expect(decode(.mouseSGR, endless).unread.count == 100 - InputDecoder.sequenceLimit)
    }

    @Test("#14 an X10 mouse report (a terminal without SGR reports): three bytes, 32 over their values")
    func x10Mouse() {
        let click: [RawInput] = [.character(32), .character(32 + 10), .character(32 + 5)]
        #expect(decode(.mouseX10, click).0 == InputDecoder.Decoded(.mouse(MouseEvent(.press(.left), x: 9, y: 4))))
        let wheel: [RawInput] = [.character(32 + 65), .character(33), .character(33)]
        #expect(decode(.mouseX10, wheel).0 == InputDecoder.Decoded(.mouse(MouseEvent(.wheelDown, x: 0, y: 0))))
        let release: [RawInput] = [.character(32 + 3), .character(40), .character(40)]
        #expect(decode(.mouseX10, release).0 == InputDecoder.Decoded(nil))
    }

    @Test("#14 a bracketed paste is one event with the text as it came, Esc, controls and newlines included")
    func paste() {
        let text = "Spring\r\nlaunch\u{1B}]52;c;eA==\u{07} 🎉"
        let (decoded, unread) = decode(.pasteBegin, characters(text) + [.pasteEnd, .character(0x71)])
        #expect(decoded == InputDecoder.Decoded(.key(.paste(text))))
        #expect(unread == [.character(0x71)], "what follows the paste is a key again")
    }

    @Test("#14 keys curses read inside a paste are dropped; a paste that never ends is what came")
    func oddPastes() {
        #expect(decode(.pasteBegin, characters("ab") + [.function(259), .mouseSGR] + characters("c") + [.pasteEnd]).0
                == InputDecoder.Decoded(.key(.paste("abc"))))
        #expect(decode(.pasteBegin, characters("abc")).0 == InputDecoder.Decoded(.key(.paste("abc"))))
        #expect(decode(.pasteBegin, characters("ab") + [.resize]).0 == InputDecoder.Decoded(.key(.paste("ab")), leftover: .resize))
        #expect(decode(.pasteEnd).0 == InputDecoder.Decoded(nil))
    }

    @Test("#14 a huge paste is read to its end, and keeps its first characters")
    func hugePaste() {
        let (decoded, unread) = decode(.pasteBegin, characters(String(repeating: "x", count: InputDecoder.pasteLimit + 10)) + [.pasteEnd])
        #expect(decoded == InputDecoder.Decoded(.key(.paste(String(repeating: "x", count: InputDecoder.pasteLimit)))))
        #expect(unread.isEmpty)
    }

    @Test("#14 plain characters and function keys decode as before")
    func plain() {
        #expect(decode(.character(0x71)).0 == InputDecoder.Decoded(.key(.char("q"))))
        #expect(decode(.character(23)).0 == InputDecoder.Decoded(.key(.ctrl("w"))))
        #expect(decode(.resize).0 == InputDecoder.Decoded(.resize))
    }
}

/// OSC 52 as the device writes it.
@Suite("#14 copy: the OSC 52 sequence")
struct ClipboardTests {
    @Test("#14 the text goes as base64 between ESC ] 52 ; c ; and BEL: exact, and no control character of it reaches the terminal")
    func sequence() throws {
        let hostile = "spring\u{1B}]2;pwned\u{07}\u{1B}[2J\n\u{9B}31m\r😀"
        let sequence = Clipboard.sequence(for: hostile)
        #expect(sequence.hasPrefix("\u{1B}]52;c;") && sequence.hasSuffix("\u{07}"))
        let payload = sequence.dropFirst("\u{1B}]52;c;".count).dropLast()
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        #expect(payload.allSatisfy(alphabet.contains))
        let decoded = try #require(Data(base64Encoded: String(payload)))
        #expect(String(decoding: decoded, as: UTF8.self) == hostile)
        // Only the sequence's own ESC and BEL are controls.
        #expect(sequence.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }.map(\.value) == [0x1B, 0x07])
    }
}
