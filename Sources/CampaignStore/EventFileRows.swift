import CampaignKit

/// The rows of a validated events file, read again to be written: each row's time
/// (as the check parsed it), type and text cells, as bytes of the file (no String
/// per cell). The PostgreSQL store's `COPY` reads them, and `ChunkBuilder` interns them
/// and hands them to the SQLite writer (`EventRowBatch`).
package final class EventFileRows {
    private let file: DataFile<EventColumn>
    /// The file's cell of each text field, in `EventTable.Field` order; nil where the file has no such column.
    private let cells: [Int?]
    private let times: [Int64]
    /// Rows read so far.
    package private(set) var count = 0

    /// The number of rows.
    package var total: Int { times.count }

    package init(_ validated: CSVReader, times: [Int64]) throws {
        let file = try DataFile<EventColumn>(reader: validated.rewound())
        self.file = file
        let columns: [EventTable.Field: EventColumn] = [
            .visitor: .visitor_id, .contact: .contact_id, .session: .session_id, .url: .url,
            .referrer: .referrer, .asset: .asset_id, .keyword: .keyword,
        ]
        cells = EventTable.Field.allCases.map { columns[$0].flatMap(file.index) }
        self.times = times
    }

    /// Moves to the next row and gives its time and type; nil after the last.
    package func next() throws -> (time: Int64, type: EventType)? {
        guard count < times.count, try file.next() else { return nil }
        count += 1
        return (times[count - 1], try file.eventType(.type))
    }

    /// The whole file's bytes, into which `withText` hands out the cells that need no unquoting.
    var fileBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: file.reader.bytes.base, count: file.reader.bytes.count)
    }

    /// Calls `body` with the bytes of the current row's cell for `field`; nil (and `body`
    /// not called) when the cell is empty or the file has no such column. The bytes live
    /// until the next call.
    package func withText<R>(_ field: EventTable.Field, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        guard let cell = cells[field.rawValue] else { return nil }
        return try file.reader.withBytes(cell) { try body(UnsafeRawBufferPointer($0)) }
    }
}
