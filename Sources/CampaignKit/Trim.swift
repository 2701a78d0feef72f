extension StringProtocol {
    /// The text without leading and trailing whitespace (Unicode White_Space,
    /// newlines included): what the SPEC means by "trimmed". Native Swift, so it
    /// stays cheap in loops over millions of cells and URLs.
    public var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
