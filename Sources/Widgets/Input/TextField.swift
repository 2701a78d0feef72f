import SafeText
/// A one-line text being typed: characters append, Backspace removes the last.
public struct TextField: Hashable, Sendable {
    public var text: String
    public init(_ text: String = "") { self.text = text }

    /// Applies an editing key; false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        // Only characters that show as themselves: no control or invisible character
        // can be typed (or pasted) into a name or a filter.
        case .char(let c) where TerminalText.line(String(c)) == String(c):
            guard text.count < 256 else { return true }
            text.append(c)
            return true
        case .backspace, .delete:
            if !text.isEmpty { text.removeLast() }
            return true
        case .ctrl("u"):
            text = ""
            return true
        default:
            return false
        }
    }
}
