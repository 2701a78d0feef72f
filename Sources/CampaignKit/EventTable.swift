/// The events, column by column: times and types as arrays, every text field
/// as a number into its own `StringPool` (-1 when absent). Millions of events
/// take a few tens of bytes each, equal ids are equal numbers, and the engine
/// reads the columns directly. Element `i` is the `i`-th event in data order;
/// reading one as an `Event` makes its strings.
public struct EventTable: Sendable {
    /// A text field of `Event`, one column and one pool each.
    public enum Field: Int, CaseIterable, Sendable {
        case visitor, contact, session, url, referrer, asset, keyword
    }

    public private(set) var time: [Int64] = []
    public private(set) var type: [EventType] = []
    /// Per field (indexed by `Field.rawValue`), each event's string number, -1 for none.
    public private(set) var columns: [[Int32]] = Array(repeating: [], count: Field.allCases.count)
    /// Per field, its distinct strings.
    public private(set) var pools: [StringPool] = Array(repeating: StringPool(), count: Field.allCases.count)
    /// The fields whose columns were let go while their pools are kept (`lettingGoOfColumns`):
    /// their strings are still numbered as events come, but no event reads one.
    public private(set) var columnsLetGo: Set<Field> = []

    public init() {}

    public init<S: Sequence>(_ events: S) where S.Element == Event {
        append(contentsOf: events)
    }

    /// The column of one field.
    public func column(_ field: Field) -> [Int32] { columns[field.rawValue] }
    /// The pool of one field.
    public func pool(_ field: Field) -> StringPool { pools[field.rawValue] }

    /// The string of `field` for event `i`, nil when absent (or the field was dropped, `keepingStrings(of:)`).
    public func string(_ field: Field, of i: Int) -> String? {
        guard !columns[field.rawValue].isEmpty else { return nil }
        let n = columns[field.rawValue][i]
        return n < 0 ? nil : pools[field.rawValue][n]
    }

    public mutating func append(_ e: Event) {
        time.append(e.time.microseconds)
        type.append(e.type)
        let values = [e.visitorID, e.contactID, e.sessionID, e.url, e.referrer, e.assetID, e.keyword]
        for field in Field.allCases {
            let f = field.rawValue
            let number = values[f].map { pools[f].intern($0) } ?? -1
            if !columnsLetGo.contains(field) { columns[f].append(number) }
        }
    }

    /// Appends `other`'s events, numbering their strings on in these pools as `append` would,
    /// and returns them as they are numbered here: every field's column for them alone, and
    /// these pools whole (what `EventOrder.append` and a compile's append read). A column let
    /// go here stays let go; its strings are numbered all the same. `other` keeps every column.
    public mutating func appending(contentsOf other: EventTable) -> EventTable {
        precondition(other.columnsLetGo.isEmpty, "appending events whose columns were let go")
        var numbered = other
        for field in Field.allCases {
            let f = field.rawValue
            // Each of `other`'s strings numbered here the first time an event carries it, as `append` does.
            var here = [Int32](repeating: -1, count: other.pools[f].count)
            numbered.columns[f] = other.columns[f].map { n in
                guard n >= 0 else { return -1 }
                if here[Int(n)] < 0 { here[Int(n)] = other.pools[f].withBytes(of: n) { pools[f].intern(bytes: $0) } }
                return here[Int(n)]
            }
            if !columnsLetGo.contains(field) { columns[f].append(contentsOf: numbered.columns[f]) }
        }
        time.append(contentsOf: other.time)
        type.append(contentsOf: other.type)
        numbered.pools = pools
        return numbered
    }

    public mutating func append<S: Sequence>(contentsOf events: S) where S.Element == Event {
        for e in events { append(e) }
    }

    /// Appends an event with its time and type and no strings; `setLast` then fills
    /// its fields from raw bytes. The fast path for readers of CSV cells and SQLite columns.
    /// Not for a table whose columns were let go.
    public mutating func appendEvent(time t: Int64, type kind: EventType) {
        precondition(columnsLetGo.isEmpty, "appendEvent on a table whose columns were let go")
        time.append(t)
        type.append(kind)
        for f in columns.indices { columns[f].append(-1) }
    }

    /// Sets `field` of the last event to `bytes`, interned into the field's pool.
    public mutating func setLast(_ field: Field, bytes: UnsafeRawBufferPointer) {
        let f = field.rawValue
        columns[f][columns[f].count - 1] = pools[f].intern(bytes: bytes)
    }

    /// Appends a block of events whose times and string numbers are little-endian bytes,
    /// as a stored chunk holds them, with the strings they add to each pool; the bytes are
    /// copied straight into the columns. Nil (and nothing appended) when the parts do not
    /// fit: lengths differ, or a number points past its pool.
    public mutating func append(littleEndianTimes times: UnsafeRawBufferPointer, types: [EventType],
                                littleEndianColumns newColumns: [UnsafeRawBufferPointer], newStrings: [StringPool]) -> Void? {
        let n = types.count
        guard columnsLetGo.isEmpty, times.count == n * 8, newColumns.count == columns.count, newStrings.count == pools.count,
              newColumns.allSatisfy({ $0.count == n * 4 }) else { return nil }
        for f in columns.indices {
            let limit = Int32(pools[f].count + newStrings[f].count)
            let raw = newColumns[f]
            for i in 0..<n {
                let number = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: Int32.self))
                guard number >= -1 && number < limit else { return nil }
            }
        }
        Self.append(littleEndian: times, to: &time)
        type.append(contentsOf: types)
        for f in columns.indices {
            Self.append(littleEndian: newColumns[f], to: &columns[f])
            pools[f].append(contentsOf: newStrings[f])
        }
        return ()
    }

    private static func append<T: FixedWidthInteger>(littleEndian bytes: UnsafeRawBufferPointer, to array: inout [T]) {
        let size = MemoryLayout<T>.size
        let n = bytes.count / size
        guard n > 0 else { return }
        #if _endian(little)
        let old = array.count
        array.append(contentsOf: repeatElement(0, count: n))
        array.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: old * size).copyMemory(from: bytes.baseAddress!, byteCount: n * size) }
        #else
        array.append(contentsOf: (0..<n).lazy.map { T(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * size, as: T.self)) })
        #endif
    }

    /// The same events without the columns of `fields`, whose strings then read as absent,
    /// but with every pool: events appended later number their strings as they would have
    /// (`appending(contentsOf:)`). A column takes four bytes an event: 80 MB at 20 million.
    public func lettingGoOfColumns(_ fields: Set<Field>) -> EventTable {
        var slim = self
        for field in fields { slim.columns[field.rawValue] = [] }
        slim.columnsLetGo.formUnion(fields)
        return slim
    }

    /// The same events with only `fields`' strings: the others read as absent and take no memory.
    /// For holding on to events after the engine has compiled what it needs from them.
    public func keepingStrings(of fields: Set<Field>) -> EventTable {
        var slim = self
        for field in Field.allCases where !fields.contains(field) {
            slim.columns[field.rawValue] = []
            slim.pools[field.rawValue] = StringPool()
        }
        return slim
    }

    /// Adds strings to the pools, numbered on, without events (they come later, in another block).
    public mutating func appendStrings(_ newStrings: [StringPool]) {
        for f in pools.indices { pools[f].append(contentsOf: newStrings[f]) }
    }

    /// Removes the events and keeps the pools: later events go on numbering their strings.
    public mutating func removeAllEvents() {
        time.removeAll(keepingCapacity: true)
        type.removeAll(keepingCapacity: true)
        for f in columns.indices { columns[f].removeAll(keepingCapacity: true) }
    }

    /// The events with these times and types, and per field its string numbers and pool
    /// (an empty column and pool for a field left out, which then reads as absent).
    package init(time: [Int64], type: [EventType], columns: [Field: [Int32]], pools: [Field: StringPool]) {
        precondition(time.count == type.count && columns.values.allSatisfy { $0.count == time.count })
        self.time = time
        self.type = type
        for (field, column) in columns { self.columns[field.rawValue] = column }
        for (field, pool) in pools { self.pools[field.rawValue] = pool }
    }

    /// `StringPool.prepareIndex` on the pools of `fields`.
    public mutating func prepareIndexes(of fields: [Field]) {
        for field in fields { pools[field.rawValue].prepareIndex() }
    }

    public mutating func reserveCapacity(_ n: Int) {
        time.reserveCapacity(n)
        type.reserveCapacity(n)
        for f in columns.indices { columns[f].reserveCapacity(n) }
    }
}

extension EventTable: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { time.count }

    public subscript(i: Int) -> Event {
        Event(time: Instant(microseconds: time[i]), type: type[i], visitorID: string(.visitor, of: i),
              contactID: string(.contact, of: i), sessionID: string(.session, of: i), url: string(.url, of: i),
              referrer: string(.referrer, of: i), assetID: string(.asset, of: i), keyword: string(.keyword, of: i))
    }
}

extension EventTable: Equatable {
    /// Equal when they hold the same events in the same order, however their pools are numbered.
    public static func == (a: EventTable, b: EventTable) -> Bool { a.elementsEqual(b) }
}

extension EventTable: ExpressibleByArrayLiteral {
    public init(arrayLiteral events: Event...) { self.init(events) }
}
