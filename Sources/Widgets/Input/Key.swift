/// A key press, already decoded from the terminal's codes.
public enum Key: Hashable, Sendable {
    case char(Character)
    /// Control plus a letter (`ctrl("c")` is Ctrl-C).
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete
}
