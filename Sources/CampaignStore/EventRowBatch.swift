import CampaignKit

/// Rows of a validated events file as `ChunkBuilder` parsed them, handed to the SQLite
/// writer so that it binds them without parsing the file again (which cost the writer,
/// the import's busier thread, 7 to 8 % of an import): each row's type code and its
/// text cells, as byte ranges of the file.
struct EventRowBatch {
    /// One text cell: `count` bytes from `offset` in the file, or in `copies` when `copied`; none when `count` is 0.
    private struct Cell {
        var offset: Int
        var count: Int
        var copied: Bool
    }

    private static let fields = EventTable.Field.allCases.count

    /// The file's bytes, which outlive the batch.
    let file: UnsafeRawBufferPointer
    /// Each row's event type code (`EventTypeCode`).
    private(set) var typeCodes: [Int64] = []
    /// Each row's cells, `fields` a row in `EventTable.Field` order.
    private var cells: [Cell] = []
    /// The bytes of cells whose doubled quotes were undone, which the file does not hold as such.
    private var copies: [UInt8] = []

    init(file: UnsafeRawBufferPointer, capacity: Int) {
        self.file = file
        typeCodes.reserveCapacity(capacity)
        cells.reserveCapacity(capacity * Self.fields)
    }

    var count: Int { typeCodes.count }

    /// Starts a row whose cells are all empty until `setLast` fills them.
    mutating func append(_ type: EventType) {
        typeCodes.append(Int64(EventTypeCode.code(type)))
        for _ in 0..<Self.fields { cells.append(Cell(offset: 0, count: 0, copied: false)) }
    }

    /// Sets the last row's cell for `field` to `bytes` (not empty): kept as a range
    /// when they lie in the file, copied otherwise (the reader's buffer of a cell
    /// whose quotes were undone, reused for the next cell).
    mutating func setLast(_ field: EventTable.Field, bytes: UnsafeRawBufferPointer) {
        let index = cells.count - Self.fields + field.rawValue
        let start = bytes.baseAddress!
        if start >= file.baseAddress!, start + bytes.count <= file.baseAddress! + file.count {
            cells[index] = Cell(offset: start - file.baseAddress!, count: bytes.count, copied: false)
        } else {
            cells[index] = Cell(offset: copies.count, count: bytes.count, copied: true)
            copies.append(contentsOf: bytes)
        }
    }

    /// Calls `body` with the bytes of row `row`'s cell for `field`, and whether they are the
    /// file's (alive as long as the file; else only during the call); nil when the cell is empty.
    func withText<R>(_ row: Int, _ field: EventTable.Field, _ body: (UnsafeRawBufferPointer, _ inFile: Bool) -> R) -> R? {
        let cell = cells[row * Self.fields + field.rawValue]
        guard cell.count > 0 else { return nil }
        guard cell.copied else { return body(UnsafeRawBufferPointer(rebasing: file[cell.offset..<cell.offset + cell.count]), true) }
        return copies.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[cell.offset..<cell.offset + cell.count]), false) }
    }
}
