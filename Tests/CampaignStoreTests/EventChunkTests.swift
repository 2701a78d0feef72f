import CampaignKit
import Foundation
import GRDB
import Synthetic
import Testing
@testable import CampaignStore

/// The columnar copy of the events (`event_chunks`) always loads as the rows do.
struct EventChunkTests {
    /// The events as the rows hold them, read row by row.
    static func fromRows(_ store: CampaignStore) throws -> EventTable {
        try store.read { try EventChunks.fromRows($0) }
    }

    static func chunkCount(_ store: CampaignStore) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM event_chunks") ?? 0 }
    }

    static func eventsFolder(_ t: TestFolder, _ lines: [String]) {
        t.write(["events.csv": (["time,type,visitor_id,contact_id,session_id,url,referrer,asset_id,keyword"] + lines)
            .joined(separator: "\n") + "\n"])
    }

    @Test("§8 an import writes chunks that load exactly as the rows, cells with quotes and commas included")
    func importWritesChunks() throws {
        let t = TestFolder()
        var data = Generator(contacts: 40, seed: 3).dataset()
        var events = Array(data.events)
        events[0].url = "https://example.com/a,b?utm_campaign=x%2Cy&q=\"z\""
        events[1].referrer = "line\nbreak"
        data.events = EventTable(events)
        try DataFolderWriter.write(data, to: t.data.path)
        try t.importData()
        let store = try t.open()
        let chunks = try store.read { try EventChunks.fromChunks($0) }
        #expect(chunks != nil)
        #expect(try chunks == Self.fromRows(store))
        #expect(try store.loadDataset().events == data.events)
    }

    @Test("§8 each later import appends a chunk; the pools keep numbering on")
    func laterImportsAppend() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let store = try t.open()
        #expect(try Self.chunkCount(store) == 1)
        Self.eventsFolder(t, ["2024-01-08T10:00:00Z,page_view,v1,,s2,https://example.com/pricing,,,",
                              "2024-01-08T10:01:00Z,page_view,v7,,s2,https://example.com/new,,,"])
        try store.importFolder(t.data.path, now: TestData.now)
        #expect(try Self.chunkCount(store) == 2)
        let loaded = try store.loadDataset().events
        #expect(try loaded.count == 6 && loaded == Self.fromRows(store))
        #expect(loaded.column(.visitor) == [0, 0, 1, -1, 0, 2], "v1 keeps its number, v7 gets the next")
    }

    @Test("§8 rows the chunks do not cover are read from the rows, and the next import rebuilds the chunks")
    func staleChunksFallBack() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let store = try t.open()
        // Something other than utmost adds a row: the chunks no longer end at the last row.
        try store.write { db in
            try db.execute(sql: "INSERT INTO events (time, type, visitor_id) VALUES (?, 1, 'v5')", arguments: [Int64(1_704_500_000_000_000)])
        }
        #expect(try store.read { try EventChunks.fromChunks($0) } == nil)
        #expect(try store.loadDataset().events.count == 5)
        Self.eventsFolder(t, ["2024-01-09T10:00:00Z,page_view,v8,,,https://example.com/x,,,"])
        try store.importFolder(t.data.path, now: TestData.now)
        let rebuilt = try store.read { try EventChunks.fromChunks($0) }
        #expect(try rebuilt?.count == 6 && rebuilt == Self.fromRows(store))
    }

    @Test("§7 a damaged chunk is never trusted: the rows are read instead")
    func damagedChunk() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let store = try t.open()
        for damage in ["substr(data, 1, length(data) - 3)", "x'00'", "data || x'00'"] {
            try store.write { db in
                try db.execute(sql: "UPDATE event_chunks SET data = \(damage)")
            }
            #expect(try store.read { try EventChunks.fromChunks($0) } == nil, "\(damage)")
            #expect(try store.loadDataset().events == Self.fromRows(store))
            try store.write { try EventChunks.catchUp($0) }
        }
    }

    @Test("§8 a store written before event chunks gets them when it is opened")
    func migration() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let queue = try DatabaseQueue(path: t.storePath)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE event_chunks; DELETE FROM grdb_migrations WHERE identifier = 'v3-event-chunks'")
        }
        try queue.close()
        let store = try t.open()
        #expect(try Self.chunkCount(store) == 1)
        #expect(try store.read { try EventChunks.fromChunks($0) } == Self.fromRows(store))
    }

    @Test("§8 more events than a chunk holds split over several chunks")
    func manyChunks() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let store = try t.open()
        var table = try Self.fromRows(store)
        try store.write { db in
            var writer = try EventChunks.catchUp(db)
            for i in 0..<(EventChunks.chunkEvents + 5) {
                let event = Event(time: Instant(microseconds: Int64(i)), type: .pageView, visitorID: "v\(i % 3)")
                table.append(event)
                writer.pending.append(event)
                try writer.flushIfFull(to: db)
            }
            try writer.flush(to: db)
            // The rows the chunks now claim to cover.
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO events (time, type) SELECT i, 1 FROM n
                """, arguments: [EventChunks.chunkEvents + 5])
        }
        #expect(try Self.chunkCount(store) == 3)
        #expect(try store.read { try EventChunks.fromChunks($0) } == table)
    }

    @Test("§1 every event type has one stored code, both ways, and the chunk decoder knows it")
    func typeCodes() {
        #expect(Set(EventTypeCode.codes.map(\.0)) == Set(EventType.allCases))
        for (type, code) in EventTypeCode.codes {
            #expect(EventTypeCode.code(type) == code && EventTypeCode.type(code) == type)
            #expect(ChunkCodec.typeOfCode[code] == type)
        }
        #expect(ChunkCodec.typeOfCode.compactMap { $0 }.count == EventType.allCases.count)
    }
}
