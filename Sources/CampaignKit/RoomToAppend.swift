/// Room for what a later append brings (#17). The dashboard appends another process's new
/// events to the events it loaded and to everything worked out from them; an array made
/// exactly as long as it needed copied itself whole into one twice as long at the first
/// append (most of a second of L's first refresh, over a dozen arrays of 20 million
/// elements). The arrays that grow with the events, or with the sessions, are made with
/// this much capacity beyond their count: address space, not memory, until an append uses it.
public enum RoomToAppend {
    /// The capacity beyond `count` elements: a sixteenth, and at least 4,096.
    @inlinable public static func beyond(_ count: Int) -> Int { max(count / 16, 4096) }
}

extension Array {
    /// `count` copies of `value`, with `RoomToAppend` beyond them.
    @inlinable package static func withRoomToAppend(repeating value: Element, count: Int) -> [Element] {
        var array: [Element] = []
        array.reserveRoomToAppend(count)
        array.append(contentsOf: repeatElement(value, count: count))
        return array
    }

    /// `elements` in an array with `RoomToAppend` beyond them.
    @inlinable package static func withRoomToAppend(_ elements: some Collection<Element>) -> [Element] {
        var array: [Element] = []
        array.reserveRoomToAppend(elements.count)
        array.append(contentsOf: elements)
        return array
    }

    /// Capacity for `count` elements and `RoomToAppend` beyond them; call it on an empty array
    /// before filling it (on a full one it would copy it, as any growth does).
    @inlinable package mutating func reserveRoomToAppend(_ count: Int) {
        reserveCapacity(count + RoomToAppend.beyond(count))
    }
}
