extension StringProtocol {
    /// The text without leading and trailing whitespace (Unicode White_Space,
    /// newlines included): what the SPEC means by "trimmed". Native Swift, so it
    /// stays cheap in loops over millions of cells and URLs.
    public var trimmed: String {
        // Most values start and end with a visible ASCII character: nothing to trim, no Character walk.
        let visible: ClosedRange<UInt8> = 0x21...0x7E
        let plain = utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.isEmpty && visible.contains(bytes[0]) && visible.contains(bytes[bytes.count - 1])
        }
        if plain == true { return String(self) }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
