import CampaignKit

/// Writes events to the chunks as they come, one chunk whenever `EventChunks.chunkEvents`
/// are pending: only the pools and one chunk's columns are ever in memory. Each backend
/// stores a chunk its own way (`flush`'s `store`); the bytes are the same on both.
package struct ChunkWriter {
    /// Stores one chunk: the `seq` of its last event row, its number of events, its bytes.
    package typealias Store = (_ lastEventSeq: Int64, _ events: Int64, _ blob: UnsafeRawBufferPointer) throws -> Void

    /// The pools of everything written, and the events not yet in a chunk.
    package var pending: EventTable
    /// Where each pool stood at the last chunk: the strings after are the next chunk's.
    private var poolStarts: [Int]
    private var lastEventSeq: Int64
    /// Whether the store held no events before this writer's: its events are all there are.
    package let isFirst: Bool

    package init(pools: EventTable, lastEventSeq: Int64) {
        var table = pools
        table.removeAllEvents()
        pending = table
        poolStarts = EventTable.Field.allCases.map { table.pool($0).count }
        self.lastEventSeq = lastEventSeq
        isFirst = lastEventSeq == 0 && poolStarts.allSatisfy { $0 == 0 }
    }

    /// Whether `chunkEvents` events are pending: the next `flush` makes a whole chunk.
    package var isFull: Bool { pending.count >= EventChunks.chunkEvents }

    /// Writes the pending events as a chunk when there are `chunkEvents` of them (see `flush`).
    package mutating func flushIfFull(endingAt lastSeq: Int64? = nil, _ store: Store) throws {
        if isFull { try flush(endingAt: lastSeq, store) }
    }

    /// The last chunk's bytes; the buffer is reused.
    private var blob: [UInt8] = []

    /// Writes the pending events as a chunk whose last row is `lastSeq`; by default the
    /// rows follow the last chunk's without a gap, as import appends them.
    package mutating func flush(endingAt lastSeq: Int64? = nil, _ store: Store) throws {
        guard !pending.isEmpty else { return }
        let poolEnds = ChunkCodec.encode(pending, events: 0..<pending.count, poolStarts: poolStarts, into: &blob)
        lastEventSeq = lastSeq ?? lastEventSeq + Int64(pending.count)
        let (last, count) = (lastEventSeq, Int64(pending.count))
        try blob.withUnsafeBytes { try store(last, count, $0) }
        poolStarts = poolEnds
        pending.removeAllEvents()
    }
}

/// One chunk's bytes, little-endian: a magic and format number and the XXH64 of
/// everything after them (`headerSize`); per pool (in `EventTable.Field` order)
/// the number of strings it adds, their byte lengths and bytes; then the chunk's
/// times (Int64), types (event type codes, UInt8) and per field its string
/// numbers (Int32, -1 for none). A chunk whose checksum does not match is not
/// decoded: a flipped bit never reaches a report.
package enum ChunkCodec {
    static let magic: UInt32 = 0x4345_5455 // "UTEC"
    /// 2: with the checksum. Chunks of format 1 are read as missing (the rows are read instead).
    static let format: UInt32 = 2
    /// Magic, format and checksum.
    static let headerSize = 16
    /// Event type by code, for every byte value.
    static let typeOfCode: [EventType?] = (0..<256).map { EventTypeCode.type($0) }

    /// The chunk of `events`, with the strings added to each pool from `poolStarts` on
    /// up to the highest number these events use; returns where each pool now ends.
    static func encode(_ table: EventTable, events range: Range<Int>, poolStarts: [Int], into out: inout [UInt8]) -> [Int] {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(headerSize + EventTable.Field.allCases.count * 8 + range.count * (8 + 1 + EventTable.Field.allCases.count * 4)
            + EventTable.Field.allCases.reduce(0) { $0 + table.pool($1).utf8.count - table.pool($1).byteOffset(of: poolStarts[$1.rawValue]) }
            + EventTable.Field.allCases.reduce(0) { $0 + 4 * (table.pool($1).count - poolStarts[$1.rawValue]) })
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func put<T: FixedWidthInteger>(_ values: ArraySlice<T>) {
            #if _endian(little)
            values.withUnsafeBytes { out.append(contentsOf: $0) }
            #else
            for v in values { put(v) }
            #endif
        }
        put(magic)
        put(format)
        put(UInt64(0)) // the checksum, once the rest is written
        var poolEnds: [Int] = []
        for field in EventTable.Field.allCases {
            let pool = table.pool(field)
            let start = poolStarts[field.rawValue]
            let end = max(start, Int(table.column(field)[range].max() ?? -1) + 1)
            poolEnds.append(end)
            put(UInt64(end - start))
            for n in start..<end { put(UInt32(pool.ends[n] - pool.byteOffset(of: n))) }
            out.append(contentsOf: pool.utf8[pool.byteOffset(of: start)..<pool.byteOffset(of: end)])
        }
        put(table.time[range])
        out.append(contentsOf: table.type[range].lazy.map { UInt8(EventTypeCode.code($0)) })
        for field in EventTable.Field.allCases { put(table.column(field)[range]) }
        let checksum = out.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[headerSize...])) }
        out.withUnsafeMutableBytes { $0.storeBytes(of: checksum.littleEndian, toByteOffset: 8, as: UInt64.self) }
        return poolEnds
    }


    /// Appends the chunk's `events` events and strings to `table`; nil (and `table`
    /// unchanged) when the bytes are not a chunk of this format or do not hold what they claim.
    package static func decode(_ blob: UnsafeRawBufferPointer, events n: Int, appendingTo table: inout EventTable,
                               poolsOnly: Bool = false) -> Void? {
        var reader = Reader(bytes: blob)
        guard n >= 0, reader.read(UInt32.self) == magic, reader.read(UInt32.self) == format,
              let checksum = reader.read(UInt64.self),
              XXH64.hash(UnsafeRawBufferPointer(rebasing: blob[headerSize...])) == checksum else { return nil }
        var newStrings: [StringPool] = []
        for _ in EventTable.Field.allCases {
            guard let count = reader.read(UInt64.self).flatMap(Int.init(exactly:)), count <= blob.count else { return nil }
            var ends: [Int] = []
            ends.reserveCapacity(count)
            var total = 0
            for _ in 0..<count {
                guard let length = reader.read(UInt32.self) else { return nil }
                total += Int(length)
                ends.append(total)
            }
            guard let bytes = reader.bytes(total), let pool = StringPool(utf8: bytes, ends: ends) else { return nil }
            newStrings.append(pool)
        }
        if poolsOnly {
            let columnBytes = n.multipliedReportingOverflow(by: 8 + 1 + 4 * EventTable.Field.allCases.count)
            guard !columnBytes.overflow, reader.skip(columnBytes.partialValue), reader.atEnd else { return nil }
            table.appendStrings(newStrings)
            return ()
        }
        guard let times = reader.raw(n, of: Int64.self), let codes = reader.raw(n, of: UInt8.self) else { return nil }
        var types: [EventType] = []
        types.reserveCapacity(n)
        for code in codes {
            guard let type = typeOfCode[Int(code)] else { return nil }
            types.append(type)
        }
        var columns: [UnsafeRawBufferPointer] = []
        for _ in EventTable.Field.allCases {
            guard let column = reader.raw(n, of: Int32.self) else { return nil }
            columns.append(column)
        }
        guard reader.atEnd else { return nil }
        return table.append(littleEndianTimes: times, types: types, littleEndianColumns: columns, newStrings: newStrings)
    }

    /// Reads fixed-width little-endian values from a blob, nil past its end.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard bytes.count - offset >= MemoryLayout<T>.size else { return nil }
            defer { offset += MemoryLayout<T>.size }
            return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        }

        mutating func skip(_ count: Int) -> Bool {
            guard count >= 0, bytes.count - offset >= count else { return false }
            offset += count
            return true
        }

        mutating func bytes(_ count: Int) -> [UInt8]? {
            guard count >= 0, bytes.count - offset >= count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        /// The bytes of `count` values of `T`, in place.
        mutating func raw<T: FixedWidthInteger>(_ count: Int, of _: T.Type) -> UnsafeRawBufferPointer? {
            let size = count.multipliedReportingOverflow(by: MemoryLayout<T>.size)
            guard count >= 0, !size.overflow, bytes.count - offset >= size.partialValue else { return nil }
            defer { offset += size.partialValue }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + size.partialValue])
        }
    }
}
