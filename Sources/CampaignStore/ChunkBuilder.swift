import CampaignKit
import Foundation

/// Reads a validated events file on a thread of its own while the caller writes the rows:
/// it builds the file's chunks (`ChunkWriter`; interning every cell and encoding the chunks
/// cost an import about an eighth of its time) and hands the caller the rows it parsed
/// (`EventRowBatch`), so that the file is parsed once for both. The caller takes them in
/// file order (`next`): the rows a chunk covers come before it. Only a few batches and
/// chunks wait, so memory stays that of a few chunks whatever the file's size.
///
/// Sendable by hand: `writer` and the reader are the thread's alone once it starts (the
/// reader shares only the file's bytes, which nothing changes); the rest is under `lock`.
final class ChunkBuilder: @unchecked Sendable {
    /// One chunk, as `ChunkWriter.Store` receives it.
    struct Chunk {
        var lastEventSeq: Int64
        var events: Int64
        var blob: [UInt8]
    }

    /// What the caller takes, in file order.
    enum Item {
        case rows(EventRowBatch)
        case chunk(Chunk)
    }

    /// Items that may wait for the caller.
    private let queued: Int

    private let lock = NSCondition()
    private var ready: [Item] = []
    private var done = false
    private var cancelled = false
    private var failure: (any Error)?

    /// What the thread reads: set before it starts, then its alone.
    private var input: (events: CSVReader, times: [Int64], writer: ChunkWriter)?
    /// The events' time order and sessions, when these are the store's first events: the
    /// times sorted from the start (the check parsed them), the sessions once the last chunk
    /// is built. Set by the thread before it ends, read by the caller once `next` said so (`StoredEventOrder`).
    private(set) var order: EventOrder?
    /// A later import's events, what their order and sessions read of them (`EventOrder.fields`),
    /// numbered in the pools of all the store's events: for extending the order the store
    /// kept (`StoredEventOrder.extend`). Set and read as `order` is.
    private(set) var appended: EventTable?

    /// Rows per batch: few enough that the caller soon has the first, many enough that handing them over costs little.
    static let batchRows = 4096

    /// Starts reading `events` (the validated file, `times` as the check parsed them),
    /// building chunks that go on from `writer` (`EventChunks.catchUp`); at most `queued`
    /// items wait for the caller.
    init(events: CSVReader, times: [Int64], writer: ChunkWriter, queued: Int = 16) {
        self.queued = queued
        input = (events, times, writer)
        Thread { [self] in build() }.start()
    }

    private func build() {
        guard let input else { return }
        self.input = nil
        var writer = input.writer
        // Only a store's first events have their whole order here; a later import's events
        // extend the order kept for the others (`StoredEventOrder`).
        let times = input.times
        let sorted = writer.isFirst ? Background { EventOrder.sortedByTime(times) } : nil
        var orderColumns = OrderColumns()
        do {
            let rows = try EventFileRows(input.events, times: input.times)
            var batch = EventRowBatch(file: rows.fileBytes, capacity: Self.batchRows)
            // Neither this closure nor a local function captures what the loop changes: such
            // captures are checked for exclusive access at run time, which cost the thread a tenth of its time.
            let storeChunk: ChunkWriter.Store = { [self] last, count, blob in
                try enqueue(.chunk(Chunk(lastEventSeq: last, events: count, blob: Array(blob))))
            }
            let fields = EventTable.Field.allCases
            while let row = try rows.next() {
                writer.pending.appendEvent(time: row.time, type: row.type)
                batch.append(row.type)
                for field in fields {
                    _ = rows.withText(field) { bytes in
                        writer.pending.setLast(field, bytes: bytes)
                        batch.setLast(field, bytes: bytes)
                    }
                }
                // The rows a chunk covers go before it.
                if batch.count == Self.batchRows || writer.isFull { try handOver(&batch) }
                if rows.count % ImportWriter.progressRows == 0 && isCancelled { throw CancellationError() }
                if writer.isFull { orderColumns.take(writer.pending) }
                try writer.flushIfFull(storeChunk)
            }
            try handOver(&batch)
            orderColumns.take(writer.pending)
            try writer.flush(storeChunk)
            // The sessions while the caller still writes the rows and chunks queued for it.
            let table = orderColumns.table(times: times, pools: writer.pending)
            if let sorted {
                order = table.map { EventOrder($0, sorted: sorted.value, keepingState: true) }
            } else {
                appended = table
            }
            end(nil)
        } catch {
            end(error)
        }
    }

    /// What the sessions read of each event (`EventOrder.fields`), gathered chunk by chunk.
    private struct OrderColumns {
        var types: [EventType] = []
        var columns: [[Int32]] = EventOrder.fields.map { _ in [] }

        /// Adds the events pending for the next chunk.
        mutating func take(_ pending: EventTable) {
            types += pending.type
            for (i, field) in EventOrder.fields.enumerated() { columns[i] += pending.column(field) }
        }

        /// The events with these times and the writer's pools of those fields; nil when the
        /// times are not one for each event gathered.
        func table(times: [Int64], pools: EventTable) -> EventTable? {
            guard times.count == types.count else { return nil }
            let fields = EventOrder.fields
            return EventTable(time: times, type: types,
                              columns: Dictionary(uniqueKeysWithValues: zip(fields, columns)),
                              pools: Dictionary(uniqueKeysWithValues: fields.map { ($0, pools.pool($0)) }))
        }
    }

    /// Queues the rows read since the last call for the caller, if any, and empties `batch`.
    private func handOver(_ batch: inout EventRowBatch) throws {
        guard batch.count > 0 else { return }
        try enqueue(.rows(batch))
        batch = EventRowBatch(file: batch.file, capacity: Self.batchRows)
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Queues an item for the caller, waiting while `queued` items wait already.
    private func enqueue(_ item: Item) throws {
        lock.lock()
        defer { lock.unlock() }
        while ready.count >= queued && !cancelled { lock.wait() }
        if cancelled { throw CancellationError() }
        ready.append(item)
        lock.broadcast()
    }

    private func end(_ error: (any Error)?) {
        lock.lock()
        failure = error
        done = true
        lock.broadcast()
        lock.unlock()
    }

    /// The items built since the last call, in order, waiting for the first; nil once the
    /// thread has ended and all were taken. Rethrows what stopped the thread.
    func next() throws -> [Item]? {
        lock.lock()
        defer { lock.unlock() }
        while ready.isEmpty && !done { lock.wait() }
        if ready.isEmpty {
            if let failure { throw failure }
            return nil
        }
        let items = ready
        ready.removeAll()
        lock.broadcast()
        return items
    }

    /// Stops the thread (the writer gave up) and waits for it to end.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.broadcast()
        while !done { lock.wait() }
        lock.unlock()
    }
}
