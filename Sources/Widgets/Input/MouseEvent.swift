/// A mouse report from the terminal: a button pressed or the wheel turned over a cell.
/// Releases and motion are not reported.
public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable { case left, middle, right }

    public enum Action: Hashable, Sendable {
        case press(Button)
        case wheelUp, wheelDown
    }

    public var action: Action
    /// The cell under the pointer, counted from 0 at the top left.
    public var x: Int
    public var y: Int

    public init(_ action: Action, x: Int, y: Int) { self.action = action; self.x = x; self.y = y }
}
