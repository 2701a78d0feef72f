import Foundation

/// Mutates a valid data folder into a hostile one, at the byte level and at
/// the field level, and says what it did.
struct Mutator {
    var rng: SplitMix64
    /// Ids seen in the base folders and the store, for clashes.
    let idPool: [String]
    /// Names and utm values seen, for R1 and R4 clashes.
    let namePool: [String]
    private(set) var log: [String] = []

    init(rng: SplitMix64, idPool: [String], namePool: [String]) {
        self.rng = rng; self.idPool = idPool; self.namePool = namePool
    }

    /// Applies 1 to 4 mutations, each at the byte or the field level.
    mutating func mutate(_ folder: inout DataFolder) {
        let count = rng.chance(0.5) ? 1 : rng.int(2...4)
        for _ in 0..<count {
            guard !folder.files.isEmpty else { return }
            if rng.chance(0.5) { mutateBytes(&folder) } else { mutateField(&folder) }
        }
    }

    private mutating func note(_ s: String) { log.append(s) }

    private mutating func pickFile(_ folder: DataFolder) -> String {
        rng.pick(folder.files.keys.sorted())
    }

    // MARK: Byte level

    mutating func mutateBytes(_ folder: inout DataFolder) {
        let name = pickFile(folder)
        var b = folder.files[name]!
        let at = b.isEmpty ? 0 : rng.int(0...b.count)
        switch rng.int(0..<17) {
        case 0:
            b.removeSubrange(at...)
            note("\(name): truncated at byte \(at)")
        case 1:
            let bad: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xFE, 0xFF], [0xC3]]
            let seq = rng.pick(bad)
            b.insert(contentsOf: seq, at: at)
            note("\(name): invalid UTF-8 \(seq) at byte \(at)")
        case 2:
            let q = lineOrCellStart(b) ?? at
            b.insert(34, at: rng.chance(0.5) ? q : at)
            note("\(name): stray quote")
        case 3:
            b.insert(0, at: at)
            note("\(name): NUL at byte \(at)")
        case 4:
            let size = rng.pick([70_000, 1 << 20, 4 << 20])
            let quoted = rng.chance(0.4)
            var cell = [UInt8](repeating: UInt8(ascii: "x"), count: size)
            if quoted {
                for i in stride(from: 100, to: size, by: 1000) { cell[i] = 10 }
                cell = [34] + cell + [34]
            }
            let place = commaAfter(b, from: at) ?? b.count
            b.insert(contentsOf: [44] + cell, at: place)
            note("\(name): huge cell of \(size) bytes\(quoted ? ", quoted with line breaks" : "")")
        case 5:
            let columns = (0..<10_000).map { ",x\($0)" }.joined()
            let lineEnd = b.firstIndex(of: 10) ?? b.count
            let headerEnd = lineEnd > 0 && b[lineEnd - 1] == 13 ? lineEnd - 1 : lineEnd
            if rng.chance(0.7) {
                b.insert(contentsOf: Array(columns.utf8), at: headerEnd)
                note("\(name): 10,000 extra header columns")
            } else {
                b.insert(contentsOf: Array(String(repeating: ",1", count: 10_000).utf8), at: lineEndBefore(b, rng.int(0...b.count)))
                note("\(name): a row with 10,000 extra cells")
            }
        case 6:
            let p = rng.pick([0.5, 1.0])
            let lone = rng.chance(0.2)
            var out: [UInt8] = []
            out.reserveCapacity(b.count + b.count / 20)
            for c in b {
                if c == 10, rng.chance(p) { out += lone ? [13] : [13, 10] } else { out.append(c) }
            }
            b = out
            note("\(name): line ends mixed (\(lone ? "CR" : "CRLF") with p=\(p))")
        case 7:
            let where_ = rng.int(0..<4)
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            switch where_ {
            case 0: b.insert(contentsOf: bom, at: 0); note("\(name): BOM at the start")
            case 1: b.insert(contentsOf: bom + bom, at: 0); note("\(name): two BOMs at the start")
            case 2: b.insert(contentsOf: bom, at: lineOrCellStart(b) ?? at); note("\(name): BOM at a line or cell start")
            default: b.insert(contentsOf: bom, at: at); note("\(name): BOM at byte \(at)")
            }
        case 8:
            let end = min(b.count, at + rng.int(1...64))
            b.removeSubrange(at..<end)
            note("\(name): bytes \(at)..<\(end) deleted")
        case 9:
            let lines = b.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
            guard lines.count > 1 else { break }
            var copy = lines
            let line = rng.pick(lines)
            copy.insert(line, at: rng.int(0...lines.count))
            b = Array(copy.joined(separator: [10]))
            note("\(name): a line repeated")
        case 10:
            let n = rng.int(1...16)
            b.insert(contentsOf: (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            note("\(name): \(n) random bytes at byte \(at)")
        case 11:
            b = []
            note("\(name): emptied")
        case 12:
            b = Array(b.prefix(while: { $0 != 10 }))
            note("\(name): header only, no newline")
        case 13:
            folder.files[name] = nil
            note("\(name): removed")
            return
        case 14:
            folder.directories.insert(name)
            note("\(name): a directory instead of a file")
        case 15:
            guard !b.isEmpty else { break }
            let i = rng.int(0..<b.count)
            b[i] ^= 1 << UInt8(rng.int(0..<8))
            note("\(name): bit flipped at byte \(i)")
        default:
            let lines = b.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
            guard lines.count > 2 else { break }
            var copy = lines
            let i = rng.int(0..<lines.count), j = rng.int(0..<lines.count)
            copy.swapAt(i, j)
            b = Array(copy.joined(separator: [10]))
            note("\(name): lines \(i + 1) and \(j + 1) swapped")
        }
        folder.files[name] = b
    }

    /// The offset just after a random comma or newline.
    private mutating func lineOrCellStart(_ b: [UInt8]) -> Int? {
        guard !b.isEmpty else { return nil }
        for _ in 0..<8 {
            let i = rng.int(0..<b.count)
            if b[i] == 44 || b[i] == 10 { return i + 1 }
        }
        return nil
    }

    private func commaAfter(_ b: [UInt8], from: Int) -> Int? {
        var i = from
        while i < b.count { if b[i] == 44 { return i }; i += 1 }
        return nil
    }

    private func lineEndBefore(_ b: [UInt8], _ from: Int) -> Int {
        var i = min(from, b.count)
        while i < b.count, b[i] != 10 && b[i] != 13 { i += 1 }
        return i
    }

    // MARK: Field level

    mutating func mutateField(_ folder: inout DataFolder) {
        let name = pickFile(folder)
        guard !folder.directories.contains(name), var rows = CSVTable.parse(folder.files[name]!), rows.count >= 1 else {
            note("\(name): not CSV any more; field mutation skipped")
            return
        }
        let header = rows[0].map { $0.lowercased() }
        if rows.count == 1 || rng.chance(0.08) {
            mutateRows(&rows, name)
            folder.files[name] = CSVTable.render(rows)
            return
        }
        let r = rng.int(1..<rows.count)
        let c = rng.int(0..<header.count)
        while rows[r].count < header.count { rows[r].append("") }
        let column = header[c]
        let old = rows[r][c]
        let new: String
        if rng.chance(0.12) {
            new = rng.pick(["", " ", "\t", "  \t "])
        } else if rng.chance(0.06) {
            new = old + rng.pick(Self.terminalEscapes)
        } else {
            new = value(for: column, old: old)
        }
        rows[r][c] = new
        folder.files[name] = CSVTable.render(rows)
        note("\(name):\(r + 1) \(column): \(describe(old)) -> \(describe(new))")
    }

    private mutating func mutateRows(_ rows: inout [[String]], _ name: String) {
        switch rng.int(0..<4) {
        case 0 where rows.count > 1:
            let r = rng.int(1..<rows.count)
            rows.insert(rows[r], at: rng.int(1...rows.count))
            note("\(name): row \(r + 1) duplicated")
        case 1 where rows.count > 1:
            let r = rng.int(1..<rows.count)
            rows.remove(at: r)
            note("\(name): row \(r + 1) deleted")
        case 2:
            let c = rng.int(0..<rows[0].count)
            let dropped = rows[0][c]
            for i in rows.indices where c < rows[i].count { rows[i].remove(at: c) }
            note("\(name): column \(dropped) dropped")
        default:
            rows[0] = rows[0].map { rng.chance(0.5) ? $0.uppercased() : " \($0) " }
            note("\(name): header case and spacing changed")
        }
    }

    private func describe(_ s: String) -> String {
        s.count > 60 ? "\"\(s.prefix(40))…\" (\(s.utf8.count) bytes)" : "\"\(s)\""
    }

    /// Values that would drive a terminal if echoed raw.
    static let terminalEscapes = ["\u{1B}[2J\u{1B}[H", "\u{1B}]0;pwned\u{07}", "\u{1B}[31mred", "\u{9B}31m", "\u{202E}txt.exe", "\u{08}\u{08}\u{08}"]

    static let instants = [
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00+23:59",
        "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z",
        "2024-04-31T00:00:00Z", "2024-03-05T24:00:00Z", "2024-03-05T23:60:00Z", "2024-03-05T23:59:60Z",
        "2024-03-05T14:30:00", "2024-03-05", "2024-03-05T14:30:00+25:00", "2024-03-05T14:30:00-99:99",
        "2024-03-05T14:30:00.1234567890123456789012345678901234567890Z", "2024-03-05T14:30:00.Z",
        "2024-03-05t14:30:00z", "2024-03-05 14:30:00Z", "2024-03-05T14:30:00+0530", "2024-03-05T14:30:00+05",
        "+2024-03-05T14:30:00Z", "-0001-01-01T00:00:00Z", "20240305T143000Z", "yesterday", "2024-03-05T14:30:00ZZ",
        "２０２４-03-05T14:30:00Z", "2024-03-05T14:30:00\u{00A0}Z", "99999-01-01T00:00:00Z", "1e9",
    ]
    static let dates = ["0000-01-01", "9999-12-31", "2024-02-30", "2024-13-01", "2024-1-1", "24-03-05", "2024/03/05",
                        "2024-03-05T00:00:00Z", "２０２４-03-05", "0000-00-00", "2023-02-29", "-2024-03-05"]
    static let amounts = ["-1", "-0", "-0.00", "+5", ".5", "5.", "1e5", "1,000.00", "1 000", "NaN", "Infinity", "0x10",
                          "00000000001", "0.000000000000000000000000000001",
                          "9999999999999999999999999999999999999999", "99999999999999999999999999999999999999999",
                          "1000000000000000", "100000000000000000000", "999999999999.99", "123456789012345678.5",
                          "−5", "５", "1.2.3", "--1", "", " 12 "]
    static let urls = [
        "https://example.com/%", "https://example.com/%zz", "https://example.com/?utm_campaign=%E2%82",
        "https://example.com/?utm_campaign=%FF%FE", "https://example.com/?utm_campaign=%00x",
        "https://example.com/?UTM_CAMPAIGN=Spring+Launch&utm_campaign=other", "https://example.com/?utm_campaign=",
        "https://example.com/?utm_campaign=spring%2Dlaunch", "https://[::1/x", "http://", "//example.com",
        "javascript:alert(1)", "https://exämple.com/straße?utm_campaign=ümlaut", "https://EXAMPLE.com:99999/p/",
        "https://www.tallybird.com/?utm_campaign=" + String(repeating: "a", count: 70_000),
        "https://www.tallybird.com/?" + (0..<2000).map { "utm_campaign=\($0)" }.joined(separator: "&"),
        "https://www.tallybird.com/#?utm_campaign=spring-launch", "https://www.tallybird.com/?utm_campaign=%25%25",
        "https://www.tallybird.com/?&&&=&=&utm_campaign", "https://www.tallybird.com/?utm_campaign=+++",
        "mailto:x@y", "https://www.tallybird.com/" + String(repeating: "/", count: 5000), "\u{202E}https://evil/",
        "https://www.tallybird.com/?utm_campaign=SPRING-LAUNCH", "https://www.tallybird.com/pricing?utm_campaign=Spring%20Promo",
    ]

    private mutating func value(for column: String, old: String) -> String {
        switch column {
        case "time", "created_at", "associated_at", "dissociated_at", "close_date", "published_at", "attached_at", "utm_attached_at":
            return rng.pick(Self.instants)
        case "start_date", "end_date":
            return rng.pick(Self.dates)
        case "amount", "budget":
            return rng.pick(Self.amounts)
        case "id", "campaign_id", "asset_id", "contact_id", "deal_id", "visitor_id", "session_id", "salesforce_campaign_id":
            switch rng.int(0..<6) {
            case 0, 1: return rng.pick(idPool)
            case 2: return old.uppercased()
            case 3: return " \(old)\u{200B}"
            case 4: return String(repeating: "k", count: rng.pick([257, 10_000]))
            default: return old + rng.pick(["é", "\u{0301}", "🙂", "\u{FEFF}", ";"])
            }
        case "visitor_ids", "salesforce_campaign_ids", "keywords":
            switch rng.int(0..<4) {
            case 0: return ";;;"
            case 1: return (0..<rng.pick([2, 1000])).map { _ in rng.pick(idPool) }.joined(separator: ";")
            case 2: return old + ";" + old.uppercased()
            default: return " ; \(rng.pick(idPool)) ;"
            }
        case "url", "referrer":
            return rng.pick(Self.urls)
        case "type":
            return rng.pick(["page_view", "PAGE_VIEW", "form_submission", "email_open", "workflow_enrollment", "ad_click",
                             "blog_post", "workflow", "social_post", "paid_search", "tracking_url", "landing_page",
                             "pageview", "page view", "", "page_view\u{0000}"])
        case "stage":
            return rng.pick(["open", "closed_won", "closed_lost", "Closed_Won", "won", "lost", "closed-won"])
        case "name":
            switch rng.int(0..<5) {
            case 0: return String(repeating: "n", count: rng.pick([256, 257, 100_000]))
            case 1: return rng.pick(namePool)
            case 2: return rng.pick(namePool).uppercased() + " "
            case 3: return rng.pick(["=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "\u{202E}gnirts", "\"quoted, name\""])
            default: return rng.pick(["!!!", "ß", "ÆØÅ", "ı", "🙂🙂", "\t"])
            }
        case "utm_campaign":
            return rng.chance(0.5) ? rng.pick(namePool) : rng.pick(["Spring-Launch", "spring launch", "%41", "a+b", "", "-", String(repeating: "u", count: 5000)])
        case "color":
            return rng.pick(["#GGGGGG", "#fff", "#ff880", "red", "#FF8800", "blue", "", "#ff8800ff", "rgb(1,2,3)"])
        case "email":
            return rng.pick(["", "x", "A@B.C", "@", "ümlaut@example.com", old.uppercased(), String(repeating: "e", count: 5000) + "@x"])
        case "status":
            return rng.pick(["", "Attended", "=cmd|' /C calc'!A0", "\u{0000}"])
        default:
            return rng.pick(["", "=1+1", String(repeating: "z", count: 1000), "é", "\u{0000}", "\r\n"])
        }
    }
}
