import Widgets
import Foundation
import Testing
@testable import Terminal

/// Issue 12 item 2 at the curses end: what the device writes for a cell takes exactly
/// the columns the grid gave it, as the C library counts them (which is what curses
/// and most terminals count), so no cell is left stale beside it.
@Suite("#12.2 the curses device writes each cell in the grid's columns")
struct CellPiecesTests {
    init() { setlocale(LC_ALL, "C.UTF-8") }

    func columns(_ pieces: [(scalars: [UInt32], width: Int)]) -> Int { pieces.map(\.width).reduce(0, +) }

    @Test("#12.2 a letter with its accents is one piece; a wide character one piece of two columns")
    func plain() {
        #expect(CursesScreen.pieces(of: "e\u{301}", columns: 1).map(\.scalars) == [[0x65, 0x301]])
        #expect(CursesScreen.pieces(of: "日", columns: 2).map(\.scalars) == [[0x65E5]])
    }

    @Test("#12.2 a flag's two halves are written side by side: one column each, two in all")
    func flag() {
        let pieces = CursesScreen.pieces(of: "🇳🇱", columns: 2)
        #expect(pieces.map(\.scalars) == [[0x1F1F3], [0x1F1F1]])
    }

    @Test("#12.2 an emoji sequence shows its first picture, without joiners, in its two columns")
    func sequence() {
        let pieces = CursesScreen.pieces(of: "👩‍💻", columns: 2)
        #expect(pieces.map(\.scalars) == [[0x1F469]])
        #expect(columns(pieces) == 2)
        let heart = CursesScreen.pieces(of: "❤️", columns: 2)
        #expect(heart.map(\.scalars) == [[0x2764], [0x20]])
    }

    @Test("#12.2 a character wider than its cell shows as U+FFFD, never spilling into the next")
    func tooWide() {
        #expect(CursesScreen.pieces(of: "日", columns: 1).map(\.scalars) == [[0xFFFD]])
    }

    @Test("#12.2 every piece list fills exactly the cell's columns")
    func exact() {
        for text in ["a", "é", "e\u{301}\u{302}", "日", "한", "\u{1100}\u{1161}\u{11A8}", "👩‍💻", "🇳🇱", "❤️", "1️⃣", "👍🏽", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "␛", "◌\u{301}"] {
            for character in text {
                for width in [1, 2] {
                    let pieces = CursesScreen.pieces(of: character, columns: width)
                    #expect(columns(pieces) == width, "\(text) in \(width)")
                }
            }
        }
    }
}
