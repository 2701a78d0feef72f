/// Names in the order people expect: case ignored, and runs of digits compared as
/// numbers, so "Webinar 2" comes before "Webinar 10".
public enum NaturalOrder {
    /// Whether `a` comes before `b`; nil when they are the same name but for case.
    public static func precedes(_ a: String, _ b: String) -> Bool? {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                let (m, nextI) = number(x, from: i), (n, nextJ) = number(y, from: j)
                if m != n { return m.count != n.count ? m.count < n.count : m.lexicographicallyPrecedes(n) }
                i = nextI; j = nextJ
                continue
            }
            if x[i] != y[j] { return x[i].value < y[j].value }
            i += 1; j += 1
        }
        if x.count - i != y.count - j { return x.count - i < y.count - j }
        return nil
    }

    /// Sorts by name in natural order, ties by id (byte order), so the order is stable.
    public static func byName<T>(_ items: [T], name: (T) -> String, id: (T) -> String) -> [T] {
        items.sorted { a, b in NaturalOrder.precedes(name(a), name(b)) ?? id(a).utf8.lexicographicallyPrecedes(id(b).utf8) }
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    /// The run of digits from `start` without its leading zeros, and where it ends.
    private static func number(_ s: [Unicode.Scalar], from start: Int) -> ([UInt32], Int) {
        var end = start
        while end < s.count && isDigit(s[end]) { end += 1 }
        var first = start
        while first < end - 1 && s[first].value == 48 { first += 1 }
        return (s[first..<end].map(\.value), end)
    }
}
