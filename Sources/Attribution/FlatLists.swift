/// Many short lists in one flat array with offsets (CSR): list `g` is
/// `items[start[g]..<start[g + 1]]`. A hundred thousand small arrays cost a
/// hundred thousand allocations and a retain on every read; this costs two.
struct FlatLists<Element: Sendable>: Sendable {
    private(set) var start: [Int32]
    private(set) var items: [Element]

    init(_ lists: [[Element]]) {
        var start = [Int32](repeating: 0, count: lists.count + 1)
        var items: [Element] = []
        items.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (g, list) in lists.enumerated() {
            items.append(contentsOf: list)
            start[g + 1] = Int32(items.count)
        }
        self.start = start
        self.items = items
    }

    init(start: [Int32], items: [Element]) {
        self.start = start
        self.items = items
    }

    var count: Int { start.count - 1 }

    /// The positions in `items` of list `g`.
    func range(_ g: Int) -> Range<Int> { Int(start[g])..<Int(start[g + 1]) }

    subscript(g: Int) -> ArraySlice<Element> { items[range(g)] }
}

extension FlatLists where Element == Int32 {
    /// The events of each group (a contact, a session) in (time, data order).
    /// `group[i]` is event i's group, -1 for none.
    init(eventsOf group: [Int32], groupCount: Int, times: [Int64]) {
        var start = [Int32](repeating: 0, count: groupCount + 1)
        for g in group where g >= 0 { start[Int(g) + 1] += 1 }
        for g in 0..<groupCount { start[g + 1] += start[g] }
        var next = start
        var items = [Int32](repeating: 0, count: Int(start[groupCount]))
        // Filled in data order, so each list only needs sorting by time (stable: ties keep data order).
        for (i, g) in group.enumerated() where g >= 0 {
            items[Int(next[Int(g)])] = Int32(i)
            next[Int(g)] += 1
        }
        items.withUnsafeMutableBufferPointer { buffer in
            times.withUnsafeBufferPointer { t in
                for g in 0..<groupCount {
                    Self.sortByTime(buffer, Int(start[g])..<Int(start[g + 1]), t)
                }
            }
        }
        self.init(start: start, items: items)
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
