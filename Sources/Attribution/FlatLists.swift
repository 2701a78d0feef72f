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
}

/// The events of each group (a contact, a session) in (time, data order), the lists laid
/// out in the order of each group's first event in the data. A walk in that order
/// (`place` 0, 1, ...) reads the lists and the event arrays roughly front to back: the
/// data keeps a visitor's events together, while group numbers (sessions) follow time.
struct EventGroups: Sendable {
    /// The events, list after list.
    let items: [Int32]
    /// The groups in layout order; the one at place p has `items[bounds[p]..<bounds[p + 1]]`.
    let order: [Int32]
    let bounds: [Int32]
    /// Per group: its place in `order`, -1 for a group without events.
    let place: [Int32]

    var groupCount: Int { place.count }

    /// The events of the group at place `p` in layout order.
    func range(atPlace p: Int) -> Range<Int> { Int(bounds[p])..<Int(bounds[p + 1]) }

    /// The events of group `g`.
    func range(ofGroup g: Int) -> Range<Int> {
        let p = Int(place[g])
        return p < 0 ? 0..<0 : range(atPlace: p)
    }

    /// `group[i]` is event i's group, -1 for none.
    init(eventsOf group: [Int32], groupCount: Int, times: [Int64]) {
        // Per group its place in layout order, then the list sizes by place.
        var place = [Int32](repeating: -1, count: groupCount)
        var order = [Int32](repeating: 0, count: groupCount)
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
        var items = [Int32](repeating: 0, count: Int(bounds[placed]))
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
        self.bounds = bounds
        self.place = place
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
