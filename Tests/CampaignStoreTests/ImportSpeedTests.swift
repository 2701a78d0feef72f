import CampaignKit
import Foundation
import GRDB
import Testing
@testable import CampaignStore

/// What the faster import path (#17) must keep as it was: the values it binds,
/// the lists it splits, and the chunks it builds on a thread of its own.
struct ImportSpeedTests {
    @Test("§8 rows inserted by binding straight to SQLite keep an empty text, NULL, an empty blob, integers and booleans apart")
    func insertRowsBindsEveryValue() throws {
        let queue = try DatabaseQueue()
        let row = try queue.write { db -> Row? in
            try db.execute(sql: "CREATE TABLE t (a, b, c, d, e, f)")
            try db.insertRows(into: "t", columns: ["a", "b", "c", "d", "e", "f"], [
                ["", String?.none, [UInt8](), Int64(-7), true, "é,\"x\""],
            ])
            return try Row.fetchOne(db, sql: "SELECT typeof(a), a, typeof(b), typeof(c), length(c), d, e, f FROM t")
        }
        let r = try #require(row)
        #expect(r[0] as String == "text" && r[1] as String == "")
        #expect(r[2] as String == "null")
        #expect(r[3] as String == "blob" && r[4] as Int == 0)
        #expect(r[5] as Int64 == -7 && r[6] as Int64 == 1)
        #expect(r[7] as String == "é,\"x\"")
    }

    @Test("§8 rows inserted 64 to a statement: every row, in order, the ones after the last full batch too; a row that breaks a constraint stops the insert with SQLite's error",
          arguments: [1, 63, 64, 65, 131])
    func insertRowsInBatches(count: Int) throws {
        let queue = try DatabaseQueue()
        let rows: [[any SQLBindable]] = (0..<count).map { i in ["k\(i)", i % 3 == 0 ? String?.none : "e\(i)", Int64(i)] }
        let stored = try queue.write { db -> [Row] in
            try db.execute(sql: "CREATE TABLE t (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, email, n)")
            try db.insertRows(into: "t", columns: ["id", "email", "n"], rows)
            return try Row.fetchAll(db, sql: "SELECT id, email, n FROM t ORDER BY seq")
        }
        #expect(stored.map { $0[0] as String } == (0..<count).map { "k\($0)" })
        #expect(stored.map { $0[1] as String? } == (0..<count).map { $0 % 3 == 0 ? nil : "e\($0)" })
        #expect(stored.map { $0[2] as Int } == Array(0..<count))

        let repeated = rows + [["k0", String?.none, Int64(-1)]] + rows.suffix(1)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE u (id TEXT NOT NULL UNIQUE, email, n)")
                try db.insertRows(into: "u", columns: ["id", "email", "n"], repeated)
            }
        }
    }

    @Test("§8 a list cell is split on ; with its items trimmed and repeats dropped, Unicode white space included")
    func listsAreSplitAndTrimmed() throws {
        let t = TestFolder()
        t.write(["contacts.csv": """
            id,email,created_at,visitor_ids
            k1,,2024-01-01T00:00:00Z," v1 ; v2;;v1 ;\tv3 ;"
            k2,,2024-01-01T00:00:00Z,v4\u{00A0}; v5 ;\u{3000}v6

            """])
        try t.importData()
        let visitors = try t.open().read { try Row.fetchAll($0, sql: "SELECT visitor_id, contact_id FROM visitors ORDER BY seq") }
        #expect(visitors.map { "\($0[0] as String)=\($0[1] as String)" } == ["v1=k1", "v2=k1", "v3=k1", "v4=k2", "v5=k2", "v6=k2"])
    }

    /// An events file of `count` page views by three visitors, with the table it holds.
    static func pageViews(_ count: Int) -> (file: CSVReader, times: [Int64], table: EventTable) {
        var text = "time,type,visitor_id\n"
        var table = EventTable()
        for i in 0..<count {
            text += "t,page_view,v\(i % 3)\n"
            table.append(Event(time: Instant(microseconds: Int64(i)), type: .pageView, visitorID: "v\(i % 3)"))
        }
        return (CSVReader(data: Array(text.utf8), fileName: "events.csv"), (0..<count).map(Int64.init), table)
    }

    @Test("§8 the chunks built beside the rows are those of the rows, in order, after the rows they cover, the builder waiting while the writer is behind")
    func builderMakesTheRowsChunks() throws {
        let events = Self.pageViews(EventChunks.chunkEvents + 5)
        let builder = ChunkBuilder(events: events.file, times: events.times,
                                   writer: ChunkWriter(pools: EventTable(), lastEventSeq: 0), queued: 1)
        var chunks: [ChunkBuilder.Chunk] = []
        var rowsBeforeChunks: [Int] = []
        var rows = 0
        while let items = try builder.next() {
            for item in items {
                switch item {
                case .rows(let batch): rows += batch.count
                case .chunk(let chunk): chunks.append(chunk); rowsBeforeChunks.append(rows)
                }
            }
        }
        #expect(chunks.map(\.lastEventSeq) == [Int64(EventChunks.chunkEvents), Int64(EventChunks.chunkEvents + 5)])
        #expect(rowsBeforeChunks == [EventChunks.chunkEvents, EventChunks.chunkEvents + 5])
        var loaded = EventTable()
        for chunk in chunks {
            let decoded: Void? = chunk.blob.withUnsafeBytes { ChunkCodec.decode($0, events: Int(chunk.events), appendingTo: &loaded) }
            #expect(decoded != nil)
        }
        #expect(loaded == events.table)
    }

    @Test("§8 the rows the chunk builder hands to the writer hold the file's cells: quotes undone, an empty cell or a missing column none")
    func builderHandsOverTheRows() throws {
        let csv = "time,type,visitor_id,url\nt,page_view,v1,\" https://x/?q=\"\"a\"\" \"\nt,email_open,,\n"
        let builder = ChunkBuilder(events: CSVReader(data: Array(csv.utf8), fileName: "events.csv"), times: [0, 1],
                                   writer: ChunkWriter(pools: EventTable(), lastEventSeq: 0))
        var batches: [EventRowBatch] = []
        while let items = try builder.next() {
            for case .rows(let batch) in items { batches.append(batch) }
        }
        let rows = try #require(batches.count == 1 ? batches[0] : nil)
        func text(_ row: Int, _ field: EventTable.Field) -> String? {
            rows.withText(row, field) { bytes, _ in String(decoding: bytes, as: UTF8.self) }
        }
        #expect(rows.typeCodes == [Int64(EventTypeCode.code(.pageView)), Int64(EventTypeCode.code(.emailOpen))])
        #expect(text(0, .visitor) == "v1" && text(0, .url) == "https://x/?q=\"a\"")
        #expect(rows.withText(0, .visitor) { $1 } == true && rows.withText(0, .url) { $1 } == false)
        #expect(text(1, .visitor) == nil && text(1, .url) == nil && text(0, .contact) == nil)
    }

    @Test("§8 a write that fails stops the chunk builder: its thread ends, and nothing it built is taken for whole")
    func cancelStopsTheBuilder() throws {
        let events = Self.pageViews(EventChunks.chunkEvents + 5)
        let builder = ChunkBuilder(events: events.file, times: events.times,
                                   writer: ChunkWriter(pools: EventTable(), lastEventSeq: 0), queued: 1)
        builder.cancel()
        #expect(throws: CancellationError.self) { while try builder.next() != nil {} }
    }
}
