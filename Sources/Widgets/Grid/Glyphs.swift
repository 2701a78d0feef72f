/// The characters the views draw with: Unicode box drawing and eighth blocks,
/// or plain ASCII for terminals and locales that cannot show them (`--ascii`).
public struct Glyphs: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Sparkline levels, lowest first; the first is drawn for "some, but little".
    public var levels: [Character]
    public var fullBlock: Character
    public var ellipsis: Character
    public var active: Character
    public var planned: Character
    public var ended: Character
    public var pointer: Character
    public var arrowUp: Character
    public var arrowDown: Character
    public var arrowRight: Character
    public var separator: Character
    public var cursor: Character

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], fullBlock: "█", ellipsis: "…",
        active: "●", planned: "○", ended: "◦", pointer: "▶", arrowUp: "▲", arrowDown: "▼",
        arrowRight: "→", separator: "·", cursor: "▏")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        levels: [".", "_", "-", "=", "+", "*", "#", "#"], fullBlock: "#", ellipsis: "~",
        active: "*", planned: "+", ended: "-", pointer: ">", arrowUp: "^", arrowDown: "v",
        arrowRight: ">", separator: "|", cursor: "_")

    /// The level for `value` out of `maximum` (a positive value never draws as blank).
    public func level(_ value: Int, of maximum: Int) -> Character {
        guard value > 0, maximum > 0 else { return " " }
        let index = min(levels.count - 1, max(0, (value * levels.count - 1) / maximum))
        return levels[index]
    }
}
