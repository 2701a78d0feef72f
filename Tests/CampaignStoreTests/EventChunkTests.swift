import CampaignKit
import Foundation
import GRDB
import Synthetic
import Synchronization
import Testing
import Attribution
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

    @Test("#17 events loaded from the chunks have room to take appended ones without copying their columns")
    func loadedEventsHaveRoom() throws {
        let t = TestFolder()
        let store = try t.importedGenerated(contacts: 40, seed: 5)
        let events = try store.loadDataset().events
        // A sixteenth more, and never fewer than 4,096: the first appends never copy the columns.
        let room = max(events.count / 16, 4096)
        #expect(events.time.capacity >= events.count + room)
        #expect(events.type.capacity >= events.count + room)
        #expect(EventTable.Field.allCases.allSatisfy { events.column($0).capacity >= events.count + room })
    }

    @Test("§8 #12.6 each later import appends a chunk without tripping the triggers; the pools keep numbering on")
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
        // The import tripped none of the triggers that guard the chunks, and left them all in place.
        let triggers = try store.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'") }
        #expect(Set(triggers) == ["events_update_drops_event_chunks", "events_delete_drops_event_chunks", EventChunks.insertTrigger])
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
            _ = try store.write { try EventChunks.catchUp($0) }
        }
    }

    @Test("§8 a store written before event chunks gets them when it is opened")
    func migration() throws {
        let t = TestFolder()
        let queue = try DatabaseQueue(path: t.storePath)
        try StoreSchema.migrator.migrate(queue, upTo: "v2-salesforce-rule-periods-and-additions")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO events (time, type, visitor_id, url) VALUES (1, 1, 'v1', 'https://x.com/a'), (2, 1, 'v2', NULL)")
        }
        try queue.close()
        let store = try t.open()
        #expect(try Self.chunkCount(store) == 1)
        #expect(try store.read { try EventChunks.fromChunks($0) } == Self.fromRows(store))
    }

    @Test("#12.6 migration on an existing v3 store: its chunks, never checked against the rows' content, are rebuilt with checksums, and the triggers are in place")
    func migrationFromV3() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let queue = try DatabaseQueue(path: t.storePath)
        try queue.write { db in
            // Back to v3: no triggers, and a change the count check cannot see.
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: """
                ALTER TABLE utm_values DROP COLUMN alias_value;
                DROP TABLE campaign_archivings;
                DROP TABLE event_order;
                DROP TABLE row_rewrites;
                DELETE FROM grdb_migrations WHERE identifier > 'v3-event-chunks';
                UPDATE events SET url = 'https://example.com/changed' WHERE seq = 1;
                """)
        }
        #expect(try queue.read { try EventChunks.fromChunks($0)?.count } == 4, "the stale chunks look whole to v3")
        try queue.close()
        let store = try t.open()
        let rows = try Self.fromRows(store)
        #expect(rows[0].url == "https://example.com/changed")
        #expect(try store.read { try EventChunks.fromChunks($0) } == rows)
        let triggers = try store.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'") }
        #expect(triggers.count == 3)
        try store.write { try $0.execute(sql: "UPDATE events SET keyword = 'x' WHERE seq = 2") }
        #expect(try Self.chunkCount(store) == 0, "a change now drops the chunks")
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
            // The rows the chunks will claim to cover, added after those they cover, as import adds them.
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO events (time, type) SELECT i, 1 FROM n
                """, arguments: [EventChunks.chunkEvents + 5])
            for i in 0..<(EventChunks.chunkEvents + 5) {
                let event = Event(time: Instant(microseconds: Int64(i)), type: .pageView, visitorID: "v\(i % 3)")
                table.append(event)
                writer.pending.append(event)
                try writer.flushIfFull(to: db)
            }
            try writer.flush(to: db)
        }
        #expect(try Self.chunkCount(store) == 3)
        #expect(try store.read { try EventChunks.fromChunks($0) } == table)
        // #17: decoded beside another read, through a connection of the decoder's own: the same
        // table, and the same result of the read beside it; over `handOnAbove` bytes, the
        // decoded events are handed on before the join.
        for handOnAbove in [EventChunks.handOnAbove, 0] {
            let handedOn = Mutex<EventTable?>(nil)
            let (events, beside) = try store.read { db in
                try EventChunks.decoding(db, from: store.path, handOnAbove: handOnAbove,
                                         afterDecoding: { table, _ in handedOn.withLock { $0 = table } }) { try db.campaigns().count }
            }
            #expect(events == table)
            #expect(beside == (try store.campaigns().count))
            #expect(handedOn.withLock { $0 } == (handOnAbove == 0 ? table : nil), "above \(handOnAbove)")
        }
        // Where the decoder's connection cannot read the chunks the caller's snapshot lists (no
        // file there; another store's, whose first chunk has the same number but another checksum),
        // the caller reads them itself.
        let other = TestFolder()
        var otherFiles = TestData.base
        otherFiles["events.csv"] = otherFiles["events.csv"]!.replacingOccurrences(of: "v9", with: "v8")
        other.write(otherFiles)
        try other.importData()
        let otherStore = try other.open()
        #expect(try otherStore.read { db in try EventChunks.checksum(db, chunk: 1) != store.read { try EventChunks.checksum($0, chunk: 1) } })
        for path in [other.root.appendingPathComponent("missing.sqlite").path, otherStore.path] {
            let (events, _) = try store.read { db in try EventChunks.decoding(db, from: path) { () } }
            #expect(events == table, "\(path)")
        }
        // A damaged chunk after the first: neither connection decodes it, and the caller is told to read the rows.
        try store.write { try $0.execute(sql: "UPDATE event_chunks SET data = x'00' WHERE seq = (SELECT seq FROM event_chunks ORDER BY seq LIMIT 1 OFFSET 1)") }
        let (events, beside) = try store.read { db in try EventChunks.decoding(db, from: store.path) { try db.campaigns().count } }
        #expect(events == nil)
        #expect(beside == (try store.campaigns().count))
    }

    /// The report over all time, in UTC.
    static func report(_ events: EventTable, of store: CampaignStore) throws -> Report {
        var data = try store.loadDataset()
        data.events = events
        return Analysis(CompiledData(data), asOf: TestData.now, zone: TimeZone(identifier: "UTC")!).report(window: ReportWindow())
    }

    @Test("#12.6 an UPDATE, DELETE or INSERT OR REPLACE of events made with SQL is seen by the next report; the next import rebuilds the chunks")
    func changesOutsideImport() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let store = try t.open()
        #expect(try Self.report(store.loadDataset().events, of: store).campaigns.first { $0.id == "c1" }?.sessions == 1)
        // Another program (sqlite3, say) retags the spring-launch view.
        let other = try DatabaseQueue(path: t.storePath)
        try other.write { try $0.execute(sql: "UPDATE events SET url = 'https://example.com/x?utm_campaign=by-hand' WHERE seq = 1") }
        #expect(try Self.chunkCount(store) == 0)
        var report = try Self.report(store.loadDataset().events, of: store)
        #expect(report.campaigns.first { $0.id == "c1" }?.sessions == 0)
        #expect(report.unlinkedUtm.map(\.key) == ["by-hand"])
        for change in ["DELETE FROM events WHERE seq = 3",
                       "INSERT OR REPLACE INTO events (seq, time, type, visitor_id, url) VALUES (2, 1704448800000000, 1, 'v7', 'https://example.com/y?utm_campaign=spring-launch')"] {
            Self.eventsFolder(t, ["2024-01-09T10:00:00Z,page_view,v8,,,https://example.com/x,,,"])
            try store.importFolder(t.data.path, now: TestData.now)
            #expect(try store.read { try EventChunks.fromChunks($0) } == Self.fromRows(store), "rebuilt by the import")
            try other.write { try $0.execute(sql: change) }
            #expect(try Self.chunkCount(store) == 0, "\(change)")
            #expect(try store.loadDataset().events == Self.fromRows(store), "\(change)")
        }
        report = try Self.report(store.loadDataset().events, of: store)
        #expect(report.campaigns.first { $0.id == "c1" }?.sessions == 1, "the replaced row's view")
        try other.close()
    }

    @Test("#12.6 a flipped bit anywhere in a chunk is detected: the rows are read and the report equals the rows' report")
    func flippedBit() throws {
        let t = TestFolder()
        t.write(TestData.base)
        try t.importData()
        let store = try t.open()
        let rows = try Self.fromRows(store)
        let expected = try Self.report(rows, of: store)
        let original = try #require(try store.read { try Data.fetchOne($0, sql: "SELECT data FROM event_chunks") })
        // The header, the url pool's bytes (a flip there still decodes, to another url), a time, the last column.
        let url = try #require(original.range(of: Data("https://example.com/pricing?utm_campaign=spring-launch".utf8)))
        for offset in [0, 9, url.lowerBound + 30, original.count - 4 * 7 * 4 - 4 * 9, original.count - 1] {
            var damaged = original
            damaged[offset] ^= 0x04
            try store.write { try $0.execute(sql: "UPDATE event_chunks SET data = ?", arguments: [damaged]) }
            #expect(try store.read { try EventChunks.fromChunks($0) } == nil, "bit 2 of byte \(offset)")
            let loaded = try store.loadDataset().events
            #expect(loaded == rows, "byte \(offset)")
            #expect(try Self.report(loaded, of: store) == expected, "byte \(offset)")
        }
        // The next import rebuilds them.
        Self.eventsFolder(t, ["2024-01-09T10:00:00Z,page_view,v8,,,https://example.com/x,,,"])
        try store.importFolder(t.data.path, now: TestData.now)
        #expect(try store.read { try EventChunks.fromChunks($0) } == Self.fromRows(store))
    }

    @Test("#12.6 XXH64 gives the reference implementation's values")
    func checksum() {
        func xxh64(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 { bytes.withUnsafeBytes { XXH64.hash($0, seed: seed) } }
        #expect(xxh64([]) == 0xEF46_DB37_51D8_E999)
        #expect(xxh64(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(xxh64(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(xxh64(Array("abc".utf8), seed: 0x9E37_79B1_85EB_CA87) == 0xA7CB_2AAC_405E_36C7)
        #expect(xxh64(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
        let long = Array((0..<3).flatMap { _ in (0...255).map(UInt8.init) }) + Array("xyz1234".utf8)
        #expect(xxh64(long) == 0x559E_A82A_FE8F_46C9)
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
