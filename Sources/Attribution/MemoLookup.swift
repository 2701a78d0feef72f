/// A dictionary lookup that remembers its last key and answer, so a run of equal
/// keys (one visitor's events, one page's views) costs one hash.
struct MemoLookup<Value> {
    private var lastKey: String?
    private var lastValue: Value?
    private var inserted: [String: Value] = [:]

    /// The value for `key` from `find`, remembered for the next call.
    mutating func value(_ key: String, _ find: (String) -> Value?) -> Value? {
        if key == lastKey { return lastValue }
        lastKey = key
        lastValue = find(key)
        return lastValue
    }

    /// The value for `key`, made once with `make` the first time the key is seen.
    mutating func value(_ key: String, insertingWith make: (String) -> Value) -> Value {
        if key == lastKey, let v = lastValue { return v }
        let v: Value
        if let known = inserted[key] { v = known } else { v = make(key); inserted[key] = v }
        lastKey = key
        lastValue = v
        return v
    }
}

/// Gives each distinct string a small integer, first seen first, with a one-entry memo.
struct MemoInterner {
    private var memo = MemoLookup<Int32>()
    private(set) var count = 0

    mutating func intern(_ key: String) -> Int32 {
        var next = Int32(count)
        let id = memo.value(key, insertingWith: { _ in next })
        if id == next { count += 1; next += 1 }
        return id
    }
}
