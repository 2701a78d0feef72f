/// A key press, already decoded from the terminal's codes.
public enum Key: Hashable, Sendable {
    case char(Character)
    /// Control plus a letter (`ctrl("c")` is Ctrl-C).
    case ctrl(Character)
    /// Alt (Meta) plus a character: the terminal sends Esc and the character at once (`alt("b")` is Alt-B).
    case alt(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete
    /// Text pasted into the terminal, as it came (bracketed paste): one event, so that
    /// none of it is taken for a key. A text field takes what of it can be typed.
    case paste(String)
}
