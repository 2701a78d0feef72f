import CampaignKit
import Foundation

/// Builds a validated events file's chunks (`ChunkWriter`) on a thread of its own while
/// the caller writes the rows: interning every cell and encoding the chunks cost an
/// import about an eighth of its time, which a second core takes off the writer's way.
/// The thread reads the file's bytes with a reader of its own; the writer stores the
/// chunks it hands over, in order (`take`, `finish`). Only a few chunks wait,
/// so memory stays that of a few chunks whatever the file's size.
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

    /// Chunks that may wait for the writer.
    private let queued: Int

    private let lock = NSCondition()
    private var ready: [Chunk] = []
    private var done = false
    private var cancelled = false
    private var failure: (any Error)?

    /// What the thread reads: set before it starts, then its alone.
    private var input: (events: CSVReader, times: [Int64], writer: ChunkWriter)?

    /// Starts building the chunks of `events` (the validated file, `times` as the check
    /// parsed them), going on from `writer` (`EventChunks.catchUp`); at most `queued`
    /// chunks wait for the writer.
    init(events: CSVReader, times: [Int64], writer: ChunkWriter, queued: Int = 2) {
        self.queued = queued
        input = (events, times, writer)
        Thread { [self] in build() }.start()
    }

    private func build() {
        guard let input else { return }
        self.input = nil
        var writer = input.writer
        do {
            let rows = try EventFileRows(input.events, times: input.times)
            let enqueue: ChunkWriter.Store = { [self] last, count, blob in
                try self.enqueue(Chunk(lastEventSeq: last, events: count, blob: Array(blob)))
            }
            while let row = try rows.next() {
                writer.pending.appendEvent(time: row.time, type: row.type)
                for field in EventTable.Field.allCases {
                    _ = rows.withText(field) { writer.pending.setLast(field, bytes: $0) }
                }
                if rows.count % ImportWriter.progressRows == 0 && isCancelled { throw CancellationError() }
                try writer.flushIfFull(enqueue)
            }
            try writer.flush(enqueue)
            end(nil)
        } catch {
            end(error)
        }
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Queues a chunk for the writer, waiting while `queued` chunks wait already.
    private func enqueue(_ chunk: Chunk) throws {
        lock.lock()
        defer { lock.unlock() }
        while ready.count >= queued && !cancelled { lock.wait() }
        if cancelled { throw CancellationError() }
        ready.append(chunk)
        lock.broadcast()
    }

    private func end(_ error: (any Error)?) {
        lock.lock()
        failure = error
        done = true
        lock.broadcast()
        lock.unlock()
    }

    /// The chunks built since the last call, in order; none when the next is not ready yet.
    func take() -> [Chunk] {
        lock.lock()
        defer { lock.unlock() }
        let chunks = ready
        ready.removeAll()
        lock.broadcast()
        return chunks
    }

    /// Waits for the thread to end, calling `store` with each chunk in order as it comes;
    /// rethrows what stopped the thread.
    func finish(_ store: (Chunk) throws -> Void) throws {
        while true {
            lock.lock()
            while ready.isEmpty && !done { lock.wait() }
            let chunks = ready
            ready.removeAll()
            let (ended, error) = (done, failure)
            lock.broadcast()
            lock.unlock()
            for chunk in chunks { try store(chunk) }
            if ended && chunks.isEmpty {
                if let error { throw error }
                return
            }
        }
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
