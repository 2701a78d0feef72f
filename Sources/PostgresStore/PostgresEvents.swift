import CampaignKit
import CampaignStore
import NIOCore
import PostgresNIO

/// The PostgreSQL store's events: sent with `COPY` straight from the file's bytes, with
/// their columnar copy in `event_chunks` (the same chunks as SQLite's, `ChunkCodec`),
/// and read back from the chunks when they cover the rows, else streamed from the rows
/// themselves in the binary format, their cells' bytes interned as they arrive.
enum PostgresEvents {
    /// The columns of `events` after `seq`, `time` and `type`, in `EventTable.Field` order.
    static let textColumns = ["visitor_id", "contact_id", "session_id", "url", "referrer", "asset_id", "keyword"]

    // MARK: Writing

    /// Appends the validated events after the stored ones, each with the next `seq`: one
    /// `COPY` per chunk's worth of rows, then that chunk.
    static func append(_ rows: EventFileRows, to db: PostgresSession, progress: ImportProgress?) throws {
        let copy = EventCopy(rows: rows, chunks: try catchUp(db), lastSeq: try lastRow(db), progress: progress)
        let columns = ["seq", "time", "type"] + textColumns
        while !copy.finished {
            try db.copy(into: "events", columns: columns) { writer in try await copy.send(to: writer) }
            try copy.chunks.flush(endingAt: copy.lastSeq, inserter(db))
        }
    }

    /// What one import's `COPY`s share: the rows still to send, the chunk being built,
    /// the last `seq` given. Used by one `COPY` at a time while the import waits for it.
    private final class EventCopy: @unchecked Sendable {
        let rows: EventFileRows
        var chunks: ChunkWriter
        var lastSeq: Int64
        let progress: ImportProgress?
        private(set) var finished = false

        init(rows: EventFileRows, chunks: ChunkWriter, lastSeq: Int64, progress: ImportProgress?) {
            self.rows = rows; self.chunks = chunks; self.lastSeq = lastSeq; self.progress = progress
        }

        /// Sends rows until a chunk is full or the file ends, a mebibyte of text at a time.
        func send(to writer: PostgresCopyFromWriter) async throws {
            var buffer = ByteBuffer()
            buffer.reserveCapacity(Self.bufferSize + 4096)
            while !chunks.isFull {
                guard let (time, type) = try rows.next() else { finished = true; break }
                lastSeq += 1
                CopyText.appendDecimal(lastSeq, to: &buffer)
                buffer.writeInteger(UInt8(ascii: "\t"))
                CopyText.appendDecimal(time, to: &buffer)
                buffer.writeInteger(UInt8(ascii: "\t"))
                CopyText.appendDecimal(Int64(EventTypeCode.code(type)), to: &buffer)
                chunks.pending.appendEvent(time: time, type: type)
                for field in EventTable.Field.allCases {
                    buffer.writeInteger(UInt8(ascii: "\t"))
                    let written: Void? = rows.withText(field) { bytes in
                        chunks.pending.setLast(field, bytes: bytes)
                        CopyText.appendEscaped(bytes, to: &buffer)
                    }
                    if written == nil { buffer.writeStaticString("\\N") }
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= Self.bufferSize {
                    try await writer.write(buffer)
                    buffer.clear()
                }
                if rows.count % ImportWriter.progressRows == 0 {
                    progress?(0.5 + 0.45 * Double(rows.count) / Double(max(rows.total, 1)))
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }

        private static let bufferSize = 1 << 20
    }

    /// Stores a chunk in `event_chunks`.
    static func inserter(_ db: PostgresSession) -> ChunkWriter.Store {
        { lastEventSeq, events, blob in
            try db.exec("INSERT INTO event_chunks (last_event_seq, events, data) VALUES (?, ?, ?)",
                        [lastEventSeq, events, SQLValue.blob(Array(blob))])
        }
    }

    /// Makes the chunks match the rows inside the caller's transaction: kept when they
    /// cover every row, rebuilt from the rows otherwise. Returns a writer that goes on from there.
    static func catchUp(_ db: PostgresSession) throws -> ChunkWriter {
        let last = try lastRow(db)
        if let pools = try fromChunks(db, poolsOnly: true) { return ChunkWriter(pools: pools, lastEventSeq: last) }
        try db.exec("DELETE FROM event_chunks")
        var writer = ChunkWriter(pools: EventTable(), lastEventSeq: 0)
        var after: Int64 = 0
        while after < last {
            let page = RowReading(into: writer.pending)
            try db.stream("""
                SELECT seq, time, type, \(textColumns.joined(separator: ", ")) FROM events WHERE seq > ? ORDER BY seq LIMIT ?
                """, [after, EventChunks.chunkEvents]) { row in page.read(row) }
            guard page.lastSeq > after else { break }
            writer.pending = page.table
            after = page.lastSeq
            try writer.flush(endingAt: after, inserter(db))
        }
        return writer
    }

    private static func lastRow(_ db: PostgresSession) throws -> Int64 {
        try db.value(Int64.self, "SELECT coalesce(max(seq), 0) FROM events") ?? 0
    }

    // MARK: Reading

    /// The events, from the chunks when they cover the rows exactly, else from the rows.
    static func load(_ db: PostgresSession) throws -> EventTable {
        if let table = try fromChunks(db) { return table }
        let reading = RowReading(into: EventTable())
        try db.stream("SELECT seq, time, type, \(textColumns.joined(separator: ", ")) FROM events ORDER BY seq") { row in
            reading.read(row)
        }
        return reading.table
    }

    /// The events as the chunks hold them; nil when the chunks are missing, unreadable,
    /// or do not end at the last row. With `poolsOnly`, only the strings.
    static func fromChunks(_ db: PostgresSession, poolsOnly: Bool = false) throws -> EventTable? {
        let last = try lastRow(db)
        let reading = ChunkReading(poolsOnly: poolsOnly)
        if !poolsOnly {
            // Never more than there are rows: a damaged count must not ask for absurd memory.
            let claimed = try db.value(Int64.self, "SELECT coalesce(sum(events), 0)::bigint FROM event_chunks") ?? 0
            reading.table.reserveCapacity(Int(max(0, min(claimed, last))))
        }
        try db.stream("SELECT last_event_seq, events, data FROM event_chunks ORDER BY seq") { row in reading.read(row) }
        return !reading.failed && reading.covered == last ? reading.table : nil
    }

    /// Chunks decoded as their rows arrive, on postgres-nio's event loop, while the caller waits.
    private final class ChunkReading: @unchecked Sendable {
        let poolsOnly: Bool
        var table = EventTable()
        var covered: Int64 = 0
        var failed = false

        init(poolsOnly: Bool) { self.poolsOnly = poolsOnly }

        func read(_ row: PostgresRow) {
            guard !failed else { return }
            let cells = Array(row)
            guard let last = integer(cells[0]), let count = integer(cells[1]), count > 0, count <= last - covered,
                  let bytes = cells[2].bytes,
                  bytes.withUnsafeReadableBytes({
                      ChunkCodec.decode($0, events: Int(count), appendingTo: &table, poolsOnly: poolsOnly)
                  }) != nil else {
                failed = true
                return
            }
            covered = last
        }
    }

    /// Rows decoded as they arrive, on postgres-nio's event loop, while the caller waits:
    /// each text cell's bytes go to the table's pools without becoming a String.
    private final class RowReading: @unchecked Sendable {
        var table: EventTable
        var lastSeq: Int64 = 0

        init(into table: EventTable) { self.table = table }

        func read(_ row: PostgresRow) {
            var cells = row.makeIterator()
            guard let seq = cells.next().flatMap(integer), let time = cells.next().flatMap(integer) else { return }
            lastSeq = seq
            guard let code = cells.next().flatMap(integer), let type = EventTypeCode.type(Int(code)) else { return }
            table.appendEvent(time: time, type: type)
            for field in EventTable.Field.allCases {
                guard let cell = cells.next(), let bytes = cell.bytes else { continue }
                bytes.withUnsafeReadableBytes { table.setLast(field, bytes: $0) }
            }
        }
    }

    /// An integer cell's value (binary format: int8, int4 or int2).
    private static func integer(_ cell: PostgresCell) -> Int64? {
        if case .integer(let n) = PostgresSession.value(cell) { return n }
        return nil
    }
}

extension CopyText {
    /// A decimal integer, written without making a String.
    static func appendDecimal(_ value: Int64, to buffer: inout ByteBuffer) {
        if value == 0 { buffer.writeInteger(UInt8(ascii: "0")); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var magnitude = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { out in
            while magnitude > 0 {
                out[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: out[(24 - count)...]))
        }
    }
}
