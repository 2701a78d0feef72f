import CampaignKit
import Foundation
import GRDB
import GRDBSQLite

/// Where a reader of the store stood (#17): the last event row it has, the event chunks
/// that covered the rows then, and everything else a `Dataset` holds, so that a later
/// look can tell "only events were appended since" from any other change.
public struct EventMark: Sendable, Equatable, Codable {
    /// The `seq` of the last event row read.
    let lastEventSeq: Int64
    /// The event chunks as they stood: an UPDATE, a DELETE or an INSERT among the rows
    /// they cover drops them (`StoreSchema.v5`), and their rebuild has other checksums.
    let chunks: ChunkState
    /// The rest of the dataset: the small tables whole (edits update their rows in place),
    /// the large ones, to which rows are only ever appended, as their last rows and the count
    /// of their rows' rewrites (`StoreSchema.v8`).
    let rest: Rest

    struct ChunkState: Equatable, Codable {
        var lastChunkSeq: Int64
        /// The last event row they cover.
        var lastEventSeq: Int64
        var chunks: Int64
        var events: Int64
        /// Each blob's checksum (`ChunkCodec`), in order.
        var checksums: [UInt64]
    }

    struct Rest: Equatable, Codable {
        var campaigns: [Campaign]
        var assets: [Asset]
        var associations: [Association]
        var appendOnly: [Int64]
    }
}

extension CampaignStore {
    /// The whole dataset (as `loadDataset`) and where it leaves a reader, in one read.
    public func loadDatasetMarked(afterDecoding: (@Sendable (EventTable, EventOrder?) -> Void)? = nil) throws -> (dataset: Dataset, mark: EventMark) {
        try read { db in
            let (dataset, mark) = try dataset(db, afterDecoding: afterDecoding, alsoRead: Self.mark)
            return (dataset, mark)
        }
    }

    /// `loadDataset`, with the events handed to `afterDecoding` as soon as they are decoded.
    public func loadDataset(afterDecoding: @escaping @Sendable (EventTable, EventOrder?) -> Void) throws -> Dataset {
        try read { db in try dataset(db, afterDecoding: afterDecoding) }
    }

    /// Where a reader stands now, as `loadDatasetMarked` would leave it.
    public func currentMark() throws -> EventMark {
        try read(Self.mark)
    }

    /// A fingerprint of the data `mark` stands for, the same in every process: marks with
    /// one fingerprint hold the same dataset, so the dashboard keys its memory of reports
    /// by it (#17). The store's first import (its folder and when) is folded in as well,
    /// to tell a store deleted and imported again at the same path from the one before it,
    /// whose tables could have the same counts.
    public func fingerprint(of mark: EventMark) throws -> UInt64 {
        let birth = try read { db in
            try Row.fetchOne(db, sql: "SELECT folder, imported_at FROM imports ORDER BY seq LIMIT 1")
                .map { "\($0[0] as String? ?? "")\u{0}\($0[1] as Int64? ?? 0)" } ?? ""
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bytes = try encoder.encode(mark) + Data(birth.utf8)
        return bytes.withUnsafeBytes { XXH64.hash($0) }
    }

    /// The events appended since `mark`, in data order, with where they leave the reader;
    /// nil when anything else changed since (the caller loads the whole dataset again):
    /// another table, an event row among those read, or rows written without their chunks.
    public func eventsAppended(since mark: EventMark) throws -> (events: EventTable, mark: EventMark)? {
        try read { db in
            let now = try Self.mark(db)
            guard now.rest == mark.rest, now.lastEventSeq >= mark.lastEventSeq,
                  try Self.chunkState(db, upTo: mark.chunks.lastChunkSeq) == mark.chunks else { return nil }
            // Rows past the chunks (written by something other than an import) are read by a full load only.
            guard now.chunks.lastEventSeq == now.lastEventSeq else { return nil }
            return (try Self.rows(db, after: mark.lastEventSeq), now)
        }
    }

    private static func mark(_ db: Database) throws -> EventMark {
        // Rows are only ever appended to these but by a rewrite, which `row_rewrites` counts.
        let appendOnly = try StoreSchema.appendedTables.map { table in
            try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM \(table)") ?? -1
        } + [try Int64.fetchOne(db, sql: "SELECT count FROM row_rewrites") ?? -1]
        let rules = try Row.fetchOne(db, sql: """
            SELECT count(*), coalesce(max(seq), 0), coalesce(sum(seq), 0) FROM salesforce_rules WHERE removed_at IS NULL
            """)
        return EventMark(
            lastEventSeq: try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0,
            chunks: try chunkState(db, upTo: Int64.max),
            rest: EventMark.Rest(campaigns: try db.campaigns(), assets: try db.assets(), associations: try db.associations(),
                                 appendOnly: appendOnly + [rules?[0] ?? -1, rules?[1] ?? -1, rules?[2] ?? -1]))
    }

    private static func chunkState(_ db: Database, upTo last: Int64) throws -> EventMark.ChunkState {
        var state = EventMark.ChunkState(lastChunkSeq: 0, lastEventSeq: 0, chunks: 0, events: 0, checksums: [])
        for chunk in try EventChunks.listed(db) where chunk.seq <= last {
            state.lastChunkSeq = chunk.seq
            state.lastEventSeq = chunk.last
            state.chunks += 1
            state.events += chunk.events
            state.checksums.append(chunk.checksum)
        }
        return state
    }

    /// The event rows after `seq`, their cells interned into a table of their own.
    private static func rows(_ db: Database, after seq: Int64) throws -> EventTable {
        var table = EventTable()
        let statement = try db.makeStatement(sql: """
            SELECT time, type, visitor_id, contact_id, session_id, url, referrer, asset_id, keyword
            FROM events WHERE seq > ? ORDER BY seq
            """)
        try statement.setArguments([seq])
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        while true {
            let code = sqlite3_step(stmt)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            guard let type = EventTypeCode.type(Int(sqlite3_column_int64(stmt, 1))) else { continue }
            table.appendEvent(time: sqlite3_column_int64(stmt, 0), type: type)
            for field in EventTable.Field.allCases {
                let column = Int32(field.rawValue) + 2
                guard let text = sqlite3_column_text(stmt, column) else { continue }
                table.setLast(field, bytes: UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(stmt, column))))
            }
        }
        return table
    }
}
