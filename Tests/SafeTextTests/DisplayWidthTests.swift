import HostileText
import PropertyBased
import SafeText
import Testing
#if canImport(Glibc)
import CNcursesw
import Glibc
#endif

@Suite("#12.2 display width")
struct DisplayWidthTests {
    @Test("#12.2 wide East Asian characters take 2 columns, combining marks 0, emoji sequences 2")
    func widths() {
        #expect("日本".displayWidth == 4)
        #expect("한국".displayWidth == 4)
        #expect("e\u{301}".displayWidth == 1)
        #expect("👩‍💻".displayWidth == 2)
        #expect("🇳🇱".displayWidth == 2)
        #expect("❤️".displayWidth == 2)
        #expect("abc".displayWidth == 3)
    }

    @Test("#12.2 widths are of the text as shown: an escape is one picture, a zero-width space its stand-in")
    func cleanedWidths() {
        #expect("\u{1B}".displayWidth == 1)
        #expect("Zero\u{200B}width".displayWidth == "Zero<U+200B>width".count)
        #expect("\u{301}".displayWidth == 1)
    }

    @Test("#12.2 cells: a letter keeps its accents in one cell; a Hangul syllable of jamo is one wide cell; an emoji sequence one cell")
    func cells() {
        #expect(DisplayWidth.cells(ofCleanCluster: "e\u{301}").map(\.width) == [1])
        #expect(DisplayWidth.cells(ofCleanCluster: "\u{1100}\u{1161}\u{11A8}").map(\.width) == [2])
        #expect(DisplayWidth.cells(ofCleanCluster: "👩‍💻").map(\.width) == [2])
        for cluster in "क्षि" {
            #expect(DisplayWidth.cells(ofCleanCluster: cluster).map(\.width).reduce(0, +) == DisplayWidth.columns(ofCleanCluster: cluster))
        }
    }

    @Test("#12.2 a cluster's cells add up to its width, for random text")
    func cellsAddUp() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 0...Int.max)) { seed in
            var hostile = HostileText(seed: UInt64(seed))
            let clean = TerminalText.line(hostile.string())
            for cluster in clean {
                let cells = DisplayWidth.cells(ofCleanCluster: cluster)
                #expect(cells.map(\.width).reduce(0, +) == DisplayWidth.columns(ofCleanCluster: cluster))
                #expect(cells.allSatisfy { $0.width == 1 || $0.width == 2 })
            }
        }
    }

    #if canImport(Glibc)
    @Test("#12.2 every scalar that shows as itself has the width the C library's wcwidth gives it (what curses counts)")
    func agreesWithWcwidth() {
        setlocale(LC_ALL, "C.UTF-8")
        var disagreements: [String] = []
        // Unicode 15.1 made U+1171E AHOM CONSONANT SIGN MEDIAL RA a spacing mark; glibc 2.36 has 15.0's nonspacing one.
        let changedSinceUnicode15: Set<UInt32> = [0x1171E]
        for value in UInt32(0x20)...0x10FFFF where !changedSinceUnicode15.contains(value) {
            guard let scalar = Unicode.Scalar(value), !TerminalText.isInvisible(scalar) else { continue }
            let libc = Int(cn_wcwidth(value))
            guard libc >= 0 else { continue }
            if DisplayWidth.of(scalar) != libc { disagreements.append("U+\(String(value, radix: 16)) ours \(DisplayWidth.of(scalar)) libc \(libc)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(20))")
    }
    #endif
}
