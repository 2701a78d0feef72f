import Widgets
import Foundation
import CNcursesw

/// The terminal, through ncurses: opens and restores it, draws cell grids (only the
/// cells that changed), reads keys, pastes and mouse reports (`InputDecoder`), writes to
/// the clipboard (OSC 52), and hands on the signals `SignalTrap` caught as events. Main
/// actor only: on Linux that is a dispatch thread, not the process's first thread, which
/// sits in `dispatch_main` and is the one that runs signal handlers, so no curses call
/// may happen in a handler.
@MainActor
public final class CursesScreen: TerminalDevice {
    public let glyphs: Glyphs
    let depth: ColorDepth
    private let theme: Theme
    private var previous: CellGrid?
    private var pairs: [PairKey: Int16] = [:]
    private var open = true
    /// The shell's suspend character (`stty susp`, normally Ctrl-Z), read as a key; nil when the shell has none.
    private let suspendCharacter: UInt32?
    /// Whether the terminal reports the mouse (not with `--no-mouse`).
    private let mouse: Bool
    /// An input read ahead that the next event starts with.
    private var readAhead: RawInput?
    /// What `waker` rings to end a wait for input.
    private nonisolated let wakeUp = WakePipe()

    private struct PairKey: Hashable { var fg: ThemeColor; var bg: ThemeColor }

    /// Opens the terminal: locale, curses modes, colours, bracketed paste and (with
    /// `mouse`) mouse reports. Throws when stdin and stdout are not a terminal, or the
    /// terminal type is unknown.
    init(theme: Theme, ascii: Bool, noColor: Bool, mouse: Bool) throws {
        guard cn_isatty_stdio() != 0 else { throw TerminalError.notATerminal }
        setlocale(LC_ALL, "")
        let utf8 = cn_locale_is_utf8() != 0
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        cn_save_shell_tty()
        guard let screen = cn_newterm() else { throw TerminalError.unknownTerminal(term) }
        // A terminal that cannot move the cursor (TERM=dumb, say) would get a smear of cells on one line.
        let cup = tigetstr("cup")
        guard let cup, cup != UnsafeMutablePointer<CChar>(bitPattern: -1) else {
            endwin()
            delscreen(screen)
            throw TerminalError.cannotMoveCursor(term)
        }
        // A crash from here on gives the shell its terminal back before the backtrace.
        cn_install_crash_restore()
        cbreak()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        cn_define_input_keys()
        set_escdelay(25)
        curs_set(0)
        leaveok(cn_stdscr(), true)
        let susp = cn_shell_suspend_char()
        suspendCharacter = susp < 0 ? nil : UInt32(susp)
        if suspendCharacter != nil { cn_take_suspend_char() }
        var depth = ColorDepth.none
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            depth = cn_colors() >= 256 && cn_color_pairs() >= 64 ? .full256 : .eight
        }
        self.depth = depth
        self.theme = theme
        self.glyphs = ascii || !utf8 ? .ascii : .unicode
        self.mouse = mouse
        turnOnInputModes()
    }

    public var width: Int { Int(cn_cols()) }
    public var height: Int { Int(cn_lines()) }
    /// Test-only: crashes on the first key read (`UTMOST_TEST_CRASH`).
    private let testCrash = TestCrash(environment: ProcessInfo.processInfo.environment)

    /// Restores the terminal. Safe to call more than once.
    func close() {
        guard open else { return }
        open = false
        curs_set(1)
        send(CN_INPUT_MODES_OFF)
        endwin()
        cn_uninstall_crash_restore()
    }

    /// Writes the cells that differ from the last grid drawn (all of them
    /// after a resize), then refreshes.
    public func draw(_ grid: CellGrid) {
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { erase() }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if !full, let previous, previous[x, y] == cell, previous[x + 1, y] == grid[x + 1, y] { continue }
                put(cell, x: x, y: y, columns: x + 1 < grid.width && grid[x + 1, y].isContinuation ? 2 : 1)
            }
        }
        previous = grid
        refresh()
    }

    /// Forgets what is on screen, so that the next draw writes every cell.
    public func invalidate() { previous = nil }

    /// Writes one cell that takes `columns` columns of the grid, so that curses
    /// counts exactly as many: the grid's widths and the C library's can differ
    /// (an emoji sequence is one picture two columns wide in the grid, several
    /// characters to `wcwidth`), and a cell curses counted wider or narrower than
    /// the grid would leave stale cells beside it.
    private func put(_ cell: Cell, x: Int, y: Int, columns: Int) {
        let resolved = theme.resolve(cell.style, depth: depth)
        var attrs = cn_a_normal()
        if resolved.bold { attrs |= cn_a_bold() }
        if resolved.dim { attrs |= cn_a_dim() }
        if resolved.reverse { attrs |= cn_a_reverse() }
        if resolved.underline { attrs |= cn_a_underline() }
        let pair = self.pair(resolved.foreground, resolved.background)
        var column = Int32(x)
        for piece in Self.pieces(of: cell.character, columns: columns) {
            piece.scalars.withUnsafeBufferPointer { cn_put(Int32(y), column, $0.baseAddress, Int32($0.count), attrs, pair) }
            column += Int32(piece.width)
        }
    }

    /// What to write for a character that takes `columns` columns: its spacing
    /// scalars, each with its zero-width followers, when `wcwidth` adds them up to
    /// exactly `columns` (a letter and its accents, a flag's two halves); else its
    /// first scalar with its accents and blanks to fill the columns (an emoji
    /// sequence shows its first picture, a character the C library cannot print
    /// shows as U+FFFD).
    nonisolated static func pieces(of character: Character, columns: Int) -> [(scalars: [UInt32], width: Int)] {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first, cn_wcwidth(only.value) == Int32(columns) {
            return [([only.value], columns)]
        }
        var pieces: [(scalars: [UInt32], width: Int)] = []
        var total = 0
        var printable = true
        for scalar in scalars {
            let width = Int(cn_wcwidth(scalar.value))
            if width < 0 || (width == 0 && pieces.isEmpty) { printable = false; break }
            if width == 0 { pieces[pieces.count - 1].scalars.append(scalar.value); continue }
            pieces.append(([scalar.value], width))
            total += width
        }
        if printable && total == columns { return pieces }
        let blank: (scalars: [UInt32], width: Int) = ([0x20], 1)
        guard printable, var first = pieces.first, first.width <= columns else {
            return [([0xFFFD], 1)] + Array(repeating: blank, count: max(0, columns - 1))
        }
        // Joiners and presentation selectors would make a terminal draw a wider picture over the blanks.
        first.scalars = [first.scalars[0]] + first.scalars.dropFirst().filter { !(0xFE00...0xFE0F).contains($0) && $0 != 0x200D }
        return [first] + Array(repeating: blank, count: columns - first.width)
    }

    /// The colour pair for two colours, made on first use; 0 (the
    /// terminal's colours) when colour is off or pairs run out.
    private func pair(_ fg: ThemeColor, _ bg: ThemeColor) -> Int16 {
        guard depth != .none, fg != .terminalDefault || bg != .terminalDefault else { return 0 }
        let key = PairKey(fg: fg, bg: bg)
        if let known = pairs[key] { return known }
        let next = pairs.count + 1
        guard next < Int(cn_color_pairs()), next <= Int(Int16.max) else { return 0 }
        func number(_ c: ThemeColor) -> Int16 {
            if case .index(let i) = c { return Int16(i) }
            return -1
        }
        init_pair(Int16(next), number(fg), number(bg))
        pairs[key] = Int16(next)
        return Int16(next)
    }

    /// Gives the terminal back to the shell and stops the process; once the shell's `fg`
    /// continues it, takes the terminal again. The next draw writes every cell, and
    /// `width` and `height` are the terminal's size by then.
    /// - Parameter wholeGroup: stop the rest of the process group too, as the tty does
    ///   for its suspend character (a wrapper script that started utmost, say).
    public func suspend(wholeGroup: Bool) {
        send(CN_INPUT_MODES_OFF)
        endwin()
        cn_stop(wholeGroup ? 1 : 0)
        turnOnInputModes()
        _ = followKernelSize()
        cn_repaint_all_on_next_refresh()
        invalidate()
    }

    /// Resizes curses to the terminal's size as the kernel knows it, when curses did not
    /// hear of a change (made while the process was stopped: SIGWINCH went to the shell
    /// in the foreground). Returns whether it did.
    private func followKernelSize() -> Bool {
        var rows: Int32 = 0, cols: Int32 = 0
        guard cn_winsize(&rows, &cols) == 0, rows != cn_lines() || cols != cn_cols() else { return false }
        resizeterm(rows, cols)
        return true
    }

    /// Waits up to `timeout` for a key, a paste or a click; nil on timeout or an unused
    /// key. A signal caught meanwhile comes first, each once: a SIGTSTP from outside as
    /// `.stop`, the others as `.signal`.
    public func read(timeout: Duration) async -> DeviceEvent? {
        if let signal = SignalTrap.take() { return .signal(signal) }
        if SignalTrap.takeStopRequest() { return .stop }
        if followKernelSize() { return .resize }
        let first: RawInput
        if let ahead = readAhead {
            readAhead = nil
            first = ahead
        } else {
            let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
            // What curses holds already comes first; else the wait is for the terminal or a wake.
            let input = readInput(waiting: 0) ?? (wakeUp.waitForInput(milliseconds: milliseconds) ? readInput(waiting: 0) : nil)
            if let signal = SignalTrap.take() { return .signal(signal) }
            guard let input else {
                // A hung-up terminal (its tmux server or SSH connection gone without a SIGHUP
                // reaching us) makes every read fail at once: stop instead of spinning.
                return isatty(STDIN_FILENO) == 0 ? .hangup : nil
            }
            first = input
        }
        if case .character(let code) = first, code == suspendCharacter { return .suspend }
        let decoded = InputDecoder.decode(first) { readInput(waiting: $0) }
        readAhead = decoded.leftover
        if case .key? = decoded.event { testCrash?.fire() }
        return decoded.event
    }

    public nonisolated var waker: @Sendable () -> Void { { [wakeUp] in wakeUp.ring() } }

    /// One read of curses, waiting up to `milliseconds`; nil when nothing came.
    private func readInput(waiting milliseconds: Int32) -> RawInput? {
        wtimeout(cn_stdscr(), milliseconds)
        var code: wint_t = 0
        switch wget_wch(cn_stdscr(), &code) {
        case KEY_CODE_YES:
            switch Int32(code) {
            case cn_key_resize(): return .resize
            case cn_key_mouse_sgr(): return .mouseSGR
            case cn_key_mouse_x10(): return .mouseX10
            case cn_key_paste_begin(): return .pasteBegin
            case cn_key_paste_end(): return .pasteEnd
            case let other: return .function(other)
            }
        case OK: return .character(UInt32(code))
        default: return nil
        }
    }

    /// Puts `text` on the clipboard: OSC 52, written between two draws (curses' buffer is empty then).
    public func copy(_ text: String) { send(Clipboard.sequence(for: text)) }

    /// Bracketed paste, and mouse reports unless they are off.
    private func turnOnInputModes() {
        send(CN_PASTE_MODE_ON)
        if mouse { send(CN_MOUSE_MODE_ON) }
    }

    /// Writes straight to the terminal, past curses, which knows nothing of these modes and sequences.
    private func send(_ sequence: String) {
        sequence.withCString { cn_write_all(STDOUT_FILENO, $0, strlen($0)) }
    }
}

/// Why the dashboard could not take over the terminal.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)
    case cannotMoveCursor(String)

    public var description: String {
        switch self {
        case .notATerminal: return "the dashboard needs a terminal: stdin and stdout are not one"
        case .unknownTerminal(let term) where term.isEmpty: return "TERM is not set, so the terminal cannot be driven; try TERM=xterm-256color"
        case .unknownTerminal(let term): return "cannot drive the terminal type '\(term)'; try TERM=xterm-256color"
        case .cannotMoveCursor(let term): return "the terminal type '\(term)' cannot move the cursor, so it cannot show the dashboard; try TERM=xterm-256color"
        }
    }
}
