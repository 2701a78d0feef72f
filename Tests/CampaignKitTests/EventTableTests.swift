import Foundation
import CampaignKit
import Testing

struct StringPoolTests {
    @Test("a pool numbers distinct strings first seen first and gives each back")
    func interning() {
        var pool = StringPool()
        let words = ["v1", "", "v2", "v1", "héllo", "v2", String(repeating: "long-id-", count: 9)]
        let numbers = words.map { pool.intern($0) }
        #expect(numbers == [0, 1, 2, 0, 3, 2, 4])
        #expect(pool.count == 5)
        #expect(Array(pool) == ["v1", "", "v2", "héllo", String(repeating: "long-id-", count: 9)])
    }

    @Test("many strings survive the index growing")
    func growth() {
        var pool = StringPool()
        for i in 0..<5_000 { #expect(pool.intern("s\(i)") == Int32(i)) }
        for i in stride(from: 0, to: 5_000, by: 7) { #expect(pool.intern("s\(i)") == Int32(i)) }
        #expect(pool.count == 5_000 && pool[Int32(4_321)] == "s4321")
    }

    @Test("a pool appended to another numbers on, and interning still finds the old strings")
    func append() {
        var whole = StringPool(["a", "b", "c", "d"])
        var front = StringPool(["a", "b"])
        front.append(contentsOf: StringPool(["c", "d"]))
        #expect(front == whole)
        #expect(front.intern("c") == 2 && front.intern("e") == 4)
        #expect(whole.intern("d") == 3)
    }

    @Test("looking a string up never adds it, in an empty pool, a built one or a loaded one")
    func lookUp() {
        func number(_ pool: inout StringPool, _ s: String) -> Int32? {
            var s = s
            return s.withUTF8 { pool.number(ofBytes: UnsafeRawBufferPointer($0)) }
        }
        var empty = StringPool()
        #expect(number(&empty, "a") == nil && empty.count == 0)
        var built = StringPool(["x", "y"])
        #expect(number(&built, "y") == 1 && number(&built, "z") == nil && built.count == 2)
        var loaded = StringPool(utf8: Array("xyz".utf8), ends: [1, 3])!
        #expect(number(&loaded, "yz") == 1 && number(&loaded, "y") == nil)
    }

    @Test("raw parts that do not fit together are refused")
    func rawParts() {
        #expect(StringPool(utf8: Array("abc".utf8), ends: [1, 3]) == StringPool(["a", "bc"]))
        #expect(StringPool(utf8: Array("abc".utf8), ends: [2, 1]) == nil)
        #expect(StringPool(utf8: Array("abc".utf8), ends: [1]) == nil)
        #expect(StringPool(utf8: Array("abc".utf8), ends: [4]) == nil)
    }
}

struct EventTableTests {
    static let events: [Event] = [
        Event(time: Instant(microseconds: 5), type: .pageView, visitorID: "v1", sessionID: "s1",
              url: "https://example.com/?utm_campaign=x", referrer: "https://google.com"),
        Event(time: Instant(microseconds: -3), type: .formSubmission, visitorID: "v1", contactID: "k1", assetID: "f1"),
        Event(time: Instant(microseconds: 5), type: .adClick, visitorID: "v2", assetID: "p1", keyword: "Shoes"),
        Event(time: Instant(microseconds: 9), type: .workflowEnrollment, contactID: "k1", assetID: "w1"),
    ]

    @Test("events read back from the columns as they went in, absent fields absent")
    func roundTrip() {
        let table = EventTable(Self.events)
        #expect(Array(table) == Self.events)
        #expect(table.column(.visitor) == [0, 0, 1, -1] && table.pool(.visitor).count == 2)
        #expect(table.column(.keyword) == [-1, -1, 0, -1])
        #expect(table.string(.contact, of: 3) == "k1" && table.string(.contact, of: 0) == nil)
    }

    @Test("bytes set on the last event intern like strings")
    func rawAppend() {
        var table = EventTable()
        for e in Self.events {
            table.appendEvent(time: e.time.microseconds, type: e.type)
            let values: [EventTable.Field: String?] = [.visitor: e.visitorID, .contact: e.contactID, .session: e.sessionID,
                                                       .url: e.url, .referrer: e.referrer, .asset: e.assetID, .keyword: e.keyword]
            for (field, value) in values {
                guard var v = value else { continue }
                v.withUTF8 { table.setLast(field, bytes: UnsafeRawBufferPointer($0)) }
            }
        }
        #expect(table == EventTable(Self.events))
    }

    @Test("#17 events appended to a table are numbered as appending them one by one numbers them, and come back so numbered with the grown pools")
    func appendingNumbered() {
        let later = [Event(time: Instant(microseconds: 20), type: .pageView, visitorID: "v3", sessionID: "s9", url: "https://example.com/b"),
                     Event(time: Instant(microseconds: 21), type: .formSubmission, visitorID: "v1", contactID: "k2", assetID: "f1"),
                     Event(time: Instant(microseconds: 22), type: .adClick, visitorID: "v3", assetID: "p2", keyword: "Boots")]
        var table = EventTable(Self.events)
        let appended = table.appending(contentsOf: EventTable(later))
        let whole = EventTable(Self.events + later)
        #expect(table == whole)
        for field in EventTable.Field.allCases {
            #expect(table.column(field) == whole.column(field) && table.pool(field) == whole.pool(field), "\(field)")
            #expect(appended.column(field) == Array(whole.column(field)[Self.events.count...]), "\(field)")
            #expect(appended.pool(field) == whole.pool(field), "\(field)")
        }
        #expect(appended.time == Array(whole.time[Self.events.count...]) && appended.type == Array(whole.type[Self.events.count...]))
    }

    @Test("#17 a table that let columns go reads their strings as absent, keeps their pools, and numbers appended strings on in them")
    func columnsLetGo() {
        let later = [Event(time: Instant(microseconds: 20), type: .adClick, visitorID: "v3", sessionID: "s9", assetID: "p2", keyword: "Boots"),
                     Event(time: Instant(microseconds: 21), type: .adClick, visitorID: "v1", sessionID: "s9", assetID: "p1", keyword: "Shoes")]
        let letGo: Set<EventTable.Field> = [.session, .asset, .keyword, .referrer]
        var slim = EventTable(Self.events).lettingGoOfColumns(letGo)
        #expect(slim.columnsLetGo == letGo && slim.count == Self.events.count)
        #expect(slim.indices.allSatisfy { slim[$0].assetID == nil && slim[$0].visitorID == Self.events[$0].visitorID })
        let appended = slim.appending(contentsOf: EventTable(later))
        slim.append(later[0])
        let whole = EventTable(Self.events + later + [later[0]])
        #expect(slim.count == whole.count && slim.time == whole.time)
        for field in EventTable.Field.allCases {
            #expect(slim.pool(field) == whole.pool(field), "\(field)")
            #expect(slim.column(field) == (letGo.contains(field) ? [] : whole.column(field)), "\(field)")
            #expect(appended.column(field) == Array(whole.column(field)[Self.events.count..<Self.events.count + 2]), "\(field)")
        }
    }

    @Test("a block of columns is appended only when it fits the table")
    func blockAppend() {
        let whole = EventTable(Self.events)
        let front = EventTable(Self.events.prefix(2))
        let fields = EventTable.Field.allCases
        func newStrings(_ f: EventTable.Field) -> StringPool { StringPool(Array(whole.pool(f))[front.pool(f).count...]) }
        /// `front` with the last two events appended from little-endian bytes of these columns.
        func appended(_ columns: [[Int32]]) -> EventTable? {
            var t = front
            let bytes = columns.map { Data($0.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }) }
            let times = Data(whole.time[2...].flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) })
            let done = times.withUnsafeBytes { rawTimes in
                Self.withRaw(bytes) { t.append(littleEndianTimes: rawTimes, types: Array(whole.type[2...]),
                                               littleEndianColumns: $0, newStrings: fields.map { newStrings($0) }) }
            }
            return done == nil ? nil : t
        }
        #expect(appended(fields.map { Array(whole.column($0)[2...]) }) == whole)
        var tooFar = fields.map { Array(whole.column($0)[2...]) }
        tooFar[EventTable.Field.asset.rawValue][0] = 99
        #expect(appended(tooFar) == nil)
        #expect(appended([[0]]) == nil)
    }

    /// Calls `body` with raw views of every blob at once.
    static func withRaw<R>(_ blobs: [Data], _ body: ([UnsafeRawBufferPointer]) -> R) -> R {
        func nest(_ i: Int, _ views: [UnsafeRawBufferPointer]) -> R {
            i == blobs.count ? body(views) : blobs[i].withUnsafeBytes { nest(i + 1, views + [$0]) }
        }
        return nest(0, [])
    }
}
