import Foundation
import Testing
@testable import CampaignStore

struct CSVReaderTests {
    private func records(_ text: String) throws -> [[String?]] {
        try records(Array(text.utf8))
    }

    private func records(_ bytes: [UInt8]) throws -> [[String?]] {
        let reader = CSVReader(data: bytes, fileName: "t.csv")
        var out: [[String?]] = []
        while try reader.nextRecord() { out.append(reader.cells.indices.map(reader.string)) }
        return out
    }

    private func error(_ bytes: [UInt8]) -> DataFileError? {
        do { _ = try records(bytes); return nil } catch { return error as? DataFileError }
    }

    @Test("§8 the line feeds left bound the records left from above: a quoted line break counts, a last line without one does not")
    func lineFeedsLeft() throws {
        let reader = CSVReader(data: Array("id,note\nk1,\"two\nlines\"\r\nk2,x\nk3,y".utf8), fileName: "t.csv")
        #expect(reader.lineFeedsLeft == 4)
        #expect(try reader.nextRecord())
        #expect(reader.lineFeedsLeft == 3)
        #expect(try reader.nextRecord())
        #expect(reader.lineFeedsLeft == 1)
        while try reader.nextRecord() {}
        #expect(reader.lineFeedsLeft == 0)
        #expect(CSVReader(data: [], fileName: "empty.csv").lineFeedsLeft == 0)
    }

    @Test("§8 quoted cells hold commas, line breaks and doubled quotes")
    func quoting() throws {
        #expect(try records("a,\"b,c\",\"say \"\"hi\"\"\"\n\"x\ny\",,z\n") == [["a", "b,c", "say \"hi\""], ["x\ny", nil, "z"]])
    }

    @Test("§8 BOM skipped; CRLF, LF and a last line without a break; blank lines skipped")
    func lineEnds() throws {
        #expect(try records([0xEF, 0xBB, 0xBF] + Array("h1,h2\r\n1,2\r\n\r\n3,4".utf8)) == [["h1", "h2"], ["1", "2"], ["3", "4"]])
    }

    @Test("§8 cells are trimmed, inside quotes too; an empty cell is missing")
    func trimming() throws {
        #expect(try records("  a  , \" b \" ,\t,\"\"\n") == [["a", "b", nil, nil]])
    }

    @Test("§7 each cell knows its line, after quoted line breaks too")
    func lines() throws {
        let reader = CSVReader(data: Array("a,\"1\n2\n3\",b\nc,d\n".utf8), fileName: "t.csv")
        #expect(try reader.nextRecord())
        #expect(reader.cells.map(\.line) == [1, 1, 3])
        #expect(try reader.nextRecord())
        #expect(reader.line == 4)
    }

    @Test("§7 an unterminated quote is a located error, not a hang")
    func unterminated() {
        #expect(error(Array("a,b\n1,\"open\n2,3\n".utf8))?.description == "t.csv:2:2: unterminated quoted cell: the closing \" is missing")
    }

    @Test("§7 text after a closing quote is a located error")
    func textAfterQuote() {
        #expect(error(Array("a,\"b\"c\n".utf8))?.location == "t.csv:1:2")
    }

    @Test("§7 invalid UTF-8 and NUL bytes are located errors")
    func badBytes() {
        let invalid = error(Array("a,b\nok,\"x\ny\"\n1,2\u{00}\n".utf8))
        #expect(invalid?.location == "t.csv:4:2")
        #expect(invalid?.message.contains("NUL") == true)
        let notUTF8 = error(Array("a,b\n1,".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        #expect(notUTF8?.location == "t.csv:2:2")
        #expect(notUTF8?.message.contains("not valid UTF-8") == true)
        #expect(error([0xED, 0xA0, 0x80]) != nil, "a surrogate is not UTF-8")
        #expect(error(Array("é,日本,🎉\n".utf8)) == nil)
    }

    @Test("#12.10 a bare \" inside an unquoted cell is refused at its line and column (RFC 4180)")
    func bareQuote() throws {
        let error = error(Array("a,b\nok,fine\n1,say \"hi\"\n".utf8))
        #expect(error?.location == "t.csv:3:2")
        #expect(error?.message.contains("inside an unquoted cell") == true, "\(String(describing: error))")
        #expect(self.error(Array("a,\"\"\n".utf8)) == nil, "an empty quoted cell is no bare quote")
        #expect(try records("a,\"x\"\"y\"\n") == [["a", "x\"y"]], "a quote written as \"\" inside a quoted cell")
    }

    @Test("§8 #12.10 an unquoted cell ends at its comma or line end, and refuses a bare quote, wherever it lies in the 8 bytes scanned at a time")
    func longUnquotedCells() throws {
        for k in 0..<20 {
            let a = String(repeating: "a", count: k), b = String(repeating: "b", count: k + 3)
            let first: String? = k == 0 ? nil : a
            #expect(try records("\(a),\(b)\r\n\(b)\r\(a) \t,x") == [[first, b], [b], [first, "x"]], "k = \(k)")
            #expect(error(Array("h\n\(a)\(b)\"\(a),x\n".utf8))?.location == "t.csv:2:1", "k = \(k)")
        }
    }

    @Test("#12.9 §7 an error in a quoted cell that spans several lines names the line on which the cell starts")
    func multiLineCellLine() throws {
        #expect(error(Array("a,b\n1,\"x\ny\nz\"oops\n".utf8))?.location == "t.csv:2:2", "text after the closing quote")
        #expect(error(Array("a,b\n1,\"x\r\ny\r\n\u{00}z\"\n".utf8))?.location == "t.csv:2:2", "a NUL on the cell's third line")
        let t = TestFolder()
        t.write(["deals.csv": "id,amount,stage,created_at\nd1,5,open,2024-01-01T00:00:00Z\nd2,\"12\n34\",open,2024-01-01T00:00:00Z\n"])
        let refused = #expect(throws: DataFileError.self) { try t.importData() }
        #expect(refused?.location == "deals.csv:3:2 (amount)")
    }

    @Test("§7 a row with more cells than the header is refused")
    func extraCells() throws {
        let t = TestFolder()
        t.write(["contacts.csv": "id,created_at\nk1,2024-01-01T00:00:00Z,oops\n"])
        #expect(throws: DataFileError(file: "contacts.csv", line: 2, column: 3,
                                      message: "the row has 3 cells but the header has 2; quote cells that hold a comma")) {
            try t.importData()
        }
    }

    @Test("§7 an empty file and a repeated column are located errors")
    func headerProblems() throws {
        let t = TestFolder()
        t.write(["contacts.csv": ""])
        #expect(throws: DataFileError(file: "contacts.csv", line: 1, message: "the file is empty; expected a header row")) {
            try t.importData()
        }
        t.write(["contacts.csv": "id,ID,created_at\n"])
        #expect(throws: DataFileError.self) { try t.importData() }
    }

    @Test("§7 no input crashes or hangs: random bytes give a result or a located error")
    func fuzz() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("a,\"\n\r ;".utf8) + [0, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let reader = CSVReader(data: bytes, fileName: "f.csv")
            var steps = 0
            while (try? reader.nextRecord()) == true { steps += 1; if steps > 100 { break } }
            #expect(steps <= 41)
        }
    }
}
