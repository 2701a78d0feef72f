/// Many short lists in one flat array with offsets: list `g` is `items[start[g]..<end[g]]`.
/// A hundred thousand small arrays cost a hundred thousand allocations and a retain
/// on every read; this costs three.
struct FlatLists<Element: Sendable>: Sendable {
    private(set) var start: [Int32]
    private(set) var end: [Int32]
    private(set) var items: [Element]

    /// The lists laid out one after the other, in order.
    init(_ lists: [[Element]]) {
        var start = [Int32](repeating: 0, count: lists.count)
        var end = [Int32](repeating: 0, count: lists.count)
        var items: [Element] = []
        items.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (g, list) in lists.enumerated() {
            start[g] = Int32(items.count)
            items.append(contentsOf: list)
            end[g] = Int32(items.count)
        }
        self.init(start: start, end: end, items: items)
    }

    init(start: [Int32], end: [Int32], items: [Element]) {
        self.start = start
        self.end = end
        self.items = items
    }

    var count: Int { start.count }

    /// The positions in `items` of list `g`.
    func range(_ g: Int) -> Range<Int> { Int(start[g])..<Int(end[g]) }

    subscript(g: Int) -> ArraySlice<Element> { items[range(g)] }

    /// A new list after the others.
    mutating func append(_ list: some Sequence<Element>) {
        start.append(Int32(items.count))
        items.append(contentsOf: list)
        end.append(Int32(items.count))
    }

    /// List `g` replaced by `list`, which goes to the end of `items` (#17: a list grows
    /// without moving the others). The old one is left behind; once more than half of
    /// `items` is left behind, the lists are laid out afresh.
    mutating func replace(_ g: Int, with list: some Collection<Element>) {
        stale += range(g).count
        start[g] = Int32(items.count)
        items.append(contentsOf: list)
        end[g] = Int32(items.count)
        if stale > items.count / 2 { compact() }
    }

    /// Items that no list holds any more (`replace`).
    private var stale = 0

    private mutating func compact() {
        var laid: [Element] = []
        laid.reserveCapacity(items.count - stale)
        for g in 0..<count {
            let from = Int32(laid.count)
            laid.append(contentsOf: items[range(g)])
            start[g] = from
            end[g] = Int32(laid.count)
        }
        items = laid
        stale = 0
    }
}

/// The events of each group (a contact, a session) in (time, data order), the lists laid
/// out in the order of each group's first event in the data. A walk in that order
/// (`place` 0, 1, ...) reads the lists and the event arrays roughly front to back: the
/// data keeps a visitor's events together, while group numbers (sessions) follow time.
struct EventGroups: Sendable {
    /// The events, list after list.
    private(set) var items: [Int32]
    /// The groups in layout order; the one at place p has `items[start[p]..<end[p]]`.
    private(set) var order: [Int32]
    private(set) var start: [Int32]
    private(set) var end: [Int32]
    /// Per group: its place in `order`, -1 for a group without events.
    private(set) var place: [Int32]
    /// Items that no list holds any more: lists moved to the end of `items` to grow (`append`).
    private var stale = 0

    var groupCount: Int { place.count }

    /// The events of the group at place `p` in layout order.
    func range(atPlace p: Int) -> Range<Int> { Int(start[p])..<Int(end[p]) }

    /// The events of group `g`.
    func range(ofGroup g: Int) -> Range<Int> {
        let p = Int(place[g])
        return p < 0 ? 0..<0 : range(atPlace: p)
    }

    /// `group[i]` is event i's group, -1 for none.
    init(eventsOf group: [Int32], groupCount: Int, times: [Int64]) {
        // Per group its place in layout order, then the list sizes by place.
        var place = [Int32].withRoomToAppend(repeating: -1, count: groupCount)
        var order = [Int32].withRoomToAppend(repeating: 0, count: groupCount)
        var bounds = [Int32](repeating: 0, count: groupCount + 1)
        var placed = 0
        place.withUnsafeMutableBufferPointer { place in
            order.withUnsafeMutableBufferPointer { order in
                bounds.withUnsafeMutableBufferPointer { bounds in
                    for g in group where g >= 0 {
                        var p = Int(place[Int(g)])
                        if p < 0 {
                            p = placed
                            place[Int(g)] = Int32(p)
                            order[p] = g
                            placed += 1
                        }
                        bounds[p + 1] += 1
                    }
                    for p in 0..<placed { bounds[p + 1] += bounds[p] }
                }
            }
        }
        order.removeLast(groupCount - placed)
        bounds.removeLast(groupCount - placed)
        var items = [Int32].withRoomToAppend(repeating: 0, count: Int(bounds[placed]))
        var next = bounds
        // Filled in data order, so each list only needs sorting by time (stable: ties keep data order).
        items.withUnsafeMutableBufferPointer { items in
            next.withUnsafeMutableBufferPointer { next in
                place.withUnsafeBufferPointer { place in
                    for (i, g) in group.enumerated() where g >= 0 {
                        let p = Int(place[Int(g)])
                        items[Int(next[p])] = Int32(i)
                        next[p] += 1
                    }
                }
            }
            times.withUnsafeBufferPointer { t in
                bounds.withUnsafeBufferPointer { bounds in
                    for p in 0..<placed { Self.sortByTime(items, Int(bounds[p])..<Int(bounds[p + 1]), t) }
                }
            }
        }
        self.items = items
        self.order = order
        start = .withRoomToAppend(bounds.dropLast())
        end = .withRoomToAppend(bounds.dropFirst())
        self.place = place
    }

    /// #17: `events`, which follow every event listed in (time, data order) and come in
    /// that order, added to the ends of their groups' lists (`group[e]`, -1 for none);
    /// groups numbered from the old `groupCount` up to `groupCount` are new. A list that
    /// does not end `items` moves there first, and once more than half of `items` is
    /// left behind the lists are laid out afresh: the work is the new events and the
    /// lists they touch, not all the events.
    mutating func append(_ events: some Sequence<Int32>, groupOf group: [Int32], groupCount: Int) {
        place.append(contentsOf: repeatElement(-1, count: groupCount - place.count))
        var touched: [Int32] = []
        var added: [Int32: [Int32]] = [:]
        for e in events {
            let g = group[Int(e)]
            guard g >= 0 else { continue }
            if added[g] == nil { touched.append(g) }
            added[g, default: []].append(e)
        }
        for g in touched {
            var p = Int(place[Int(g)])
            if p < 0 {
                p = order.count
                place[Int(g)] = Int32(p)
                order.append(g)
                start.append(Int32(items.count))
                end.append(Int32(items.count))
            } else if Int(end[p]) != items.count {
                // Copied out first: appending a slice of `items` to `items` would copy the whole array.
                let list = Array(items[range(atPlace: p)])
                stale += list.count
                start[p] = Int32(items.count)
                items.append(contentsOf: list)
            }
            items.append(contentsOf: added[g]!)
            end[p] = Int32(items.count)
        }
        if stale > items.count / 2 { compact() }
    }

    private mutating func compact() {
        var laid: [Int32] = []
        laid.reserveCapacity(items.count - stale)
        for p in 0..<order.count {
            let from = Int32(laid.count)
            laid.append(contentsOf: items[range(atPlace: p)])
            start[p] = from
            end[p] = Int32(laid.count)
        }
        items = laid
        stale = 0
    }

    /// Sorts one list by (time, event index). Lists are short and mostly sorted already
    /// (a visitor's events come in time order), so insertion sort does; long unsorted ones go to the library sort.
    private static func sortByTime(_ items: UnsafeMutableBufferPointer<Int32>, _ range: Range<Int>,
                                   _ t: UnsafeBufferPointer<Int64>) {
        guard range.count > 1 else { return }
        var sorted = true
        for j in (range.lowerBound + 1)..<range.upperBound where t[Int(items[j - 1])] > t[Int(items[j])] { sorted = false; break }
        if sorted { return }
        if range.count > 32 {
            var list = UnsafeMutableBufferPointer(rebasing: items[range])
            list.sort { a, b in
                let ta = t[Int(a)], tb = t[Int(b)]
                return ta != tb ? ta < tb : a < b
            }
            return
        }
        for j in (range.lowerBound + 1)..<range.upperBound {
            let e = items[j]
            let te = t[Int(e)]
            var k = j
            while k > range.lowerBound, t[Int(items[k - 1])] > te {
                items[k] = items[k - 1]
                k -= 1
            }
            items[k] = e
        }
    }
}
