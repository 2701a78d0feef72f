/// One terminal cell: a character and its style.
///
/// A character two columns wide occupies its cell and the next one; the next
/// one is a *continuation* cell, which a backend skips when writing.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.character = character; self.style = style; self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
