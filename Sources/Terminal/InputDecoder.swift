import Widgets

/// What one read of curses gave: a character, a function key's code, or one of the
/// sequences the device taught curses to read as one code (`cn_define_input_keys`).
enum RawInput: Hashable, Sendable {
    case character(UInt32)
    case function(Int32)
    /// The terminal changed size (`KEY_RESIZE`).
    case resize
    /// `ESC [ <`: an xterm SGR mouse report follows, `button;x;y` then `M` (`m` for a release).
    case mouseSGR
    /// `ESC [ M`: an X10 mouse report follows, three bytes (a terminal without SGR reports).
    case mouseX10
    /// `ESC [ 200~` and `ESC [ 201~`: what comes between was pasted (bracketed paste).
    case pasteBegin, pasteEnd
}

/// Turns curses' reads into events: keys, Alt plus a key (Esc and the key at once),
/// mouse reports and pastes, which take several reads.
///
/// `more(milliseconds)` reads on, waiting up to that long; nil when nothing came.
/// An input read ahead that is not part of the event comes back as `leftover`, for
/// the next event.
enum InputDecoder {
    struct Decoded: Hashable {
        var event: DeviceEvent?
        var leftover: RawInput?
        init(_ event: DeviceEvent?, leftover: RawInput? = nil) { self.event = event; self.leftover = leftover }
    }

    /// How long the rest of a mouse report may take: its bytes are written at once.
    static let sequenceWait: Int32 = 50
    /// How long a paste may pause before its end marker is given up on.
    static let pasteWait: Int32 = 500
    /// Characters of a paste kept (a text field holds far fewer); the rest is read and dropped.
    static let pasteLimit = 65_536
    /// Parameter bytes an unknown escape sequence may have before it is given up on.
    static let sequenceLimit = 32

    static func decode(_ first: RawInput, more: (Int32) -> RawInput?) -> Decoded {
        switch first {
        case .character(27): return escape(more)
        case .character(let code): return Decoded(KeyDecoder.character(code).map(DeviceEvent.key))
        case .function(let code): return Decoded(KeyDecoder.function(code).map(DeviceEvent.key))
        case .resize: return Decoded(.resize)
        case .mouseSGR: return sgrMouse(more)
        case .mouseX10: return x10Mouse(more)
        case .pasteBegin: return paste(more)
        case .pasteEnd: return Decoded(nil)
        }
    }

    /// The characters that make Alt keys after an Esc: the text fields' word keys (Alt-B,
    /// Alt-F, Alt-D). Any other character after an Esc is itself, typed after an Escape:
    /// Esc then a key typed fast (a script's keys, as tmux's `send-keys` sends them) keeps
    /// its meaning.
    static let altCharacters: Set<Character> = ["b", "f", "d"]

    /// Esc alone, Alt plus a letter (Esc and the letter read at once), or an escape
    /// sequence curses does not know (a key missing from terminfo), which is dropped whole
    /// rather than taken for Escape and typed characters.
    ///
    /// Curses hands back Esc and puts back what followed it when the two are no key it
    /// knows, after waiting `ESCDELAY` for more: what belongs with the Esc is there at once.
    private static func escape(_ more: (Int32) -> RawInput?) -> Decoded {
        guard let next = more(0) else { return Decoded(.key(.escape)) }
        guard case .character(let code) = next, let scalar = Unicode.Scalar(code) else {
            return Decoded(.key(.escape), leftover: next)
        }
        if altCharacters.contains(Character(scalar)) { return Decoded(.key(.alt(Character(scalar)))) }
        guard scalar == "[", var input = more(0) else { return Decoded(.key(.escape), leftover: next) }
        // A control sequence: parameter and intermediate bytes, then a final byte.
        for _ in 0..<sequenceLimit {
            guard case .character(let byte) = input, (0x20...0x7E).contains(byte) else { return Decoded(nil, leftover: input) }
            if byte >= 0x40 { return Decoded(nil) }
            guard let following = more(0) else { return Decoded(nil) }
            input = following
        }
        return Decoded(nil, leftover: input)
    }

    /// `button;x;y` then `M` for a press, `m` for a release (ignored).
    private static func sgrMouse(_ more: (Int32) -> RawInput?) -> Decoded {
        var body = ""
        while body.count < sequenceLimit, let input = more(sequenceWait) {
            guard case .character(let code) = input, let scalar = Unicode.Scalar(code) else { return Decoded(nil, leftover: input) }
            if scalar == "M" || scalar == "m" {
                let numbers = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
                guard scalar == "M", numbers.count == 3, let button = numbers[0], let x = numbers[1], let y = numbers[2] else {
                    return Decoded(nil)
                }
                return Decoded(mouse(button: button, x: x - 1, y: y - 1).map(DeviceEvent.mouse))
            }
            body.unicodeScalars.append(scalar)
        }
        return Decoded(nil)
    }

    /// Three bytes, each 32 more than its value: the button, then x and y counted from 1.
    private static func x10Mouse(_ more: (Int32) -> RawInput?) -> Decoded {
        var bytes: [Int] = []
        while bytes.count < 3, let input = more(sequenceWait) {
            guard case .character(let code) = input, (32...255).contains(code) else { return Decoded(nil, leftover: input) }
            bytes.append(Int(code) - 32)
        }
        // A release is button 3 (`mouse` ignores it).
        guard bytes.count == 3 else { return Decoded(nil) }
        return Decoded(mouse(button: bytes[0], x: bytes[1] - 1, y: bytes[2] - 1).map(DeviceEvent.mouse))
    }

    /// xterm's button number: the low two bits the button (the wheel's direction with
    /// 64), 4, 8 and 16 the Shift, Meta and Control keys (ignored), 32 motion (ignored).
    static func mouse(button: Int, x: Int, y: Int) -> MouseEvent? {
        guard x >= 0, y >= 0, button & 32 == 0 else { return nil }
        let action: MouseEvent.Action
        switch (button & 64 != 0, button & 0b11) {
        case (true, 0): action = .wheelUp
        case (true, 1): action = .wheelDown
        case (false, 0): action = .press(.left)
        case (false, 1): action = .press(.middle)
        case (false, 2): action = .press(.right)
        default: return nil
        }
        return MouseEvent(action, x: x, y: y)
    }

    /// Everything up to the end marker, as it came; function keys curses read in the
    /// pasted text are dropped. A paste whose end never comes ends when it pauses.
    private static func paste(_ more: (Int32) -> RawInput?) -> Decoded {
        var text = String.UnicodeScalarView()
        var kept = 0
        while let input = more(pasteWait) {
            switch input {
            case .pasteEnd:
                return Decoded(.key(.paste(String(text))))
            case .character(let code):
                guard kept < pasteLimit, let scalar = Unicode.Scalar(code) else { continue }
                text.append(scalar)
                kept += 1
            case .resize:
                return Decoded(.key(.paste(String(text))), leftover: .resize)
            case .function, .mouseSGR, .mouseX10, .pasteBegin:
                continue
            }
        }
        return Decoded(.key(.paste(String(text))))
    }
}
