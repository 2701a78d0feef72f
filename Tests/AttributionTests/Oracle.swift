import Foundation
import CampaignKit
import Attribution

/// A deliberately naive second reading of SPEC §4–5, written from the SPEC text for the
/// differential property test: plain loops over the dataset, its own URL parsing, no
/// interning or indexes. Slow (quadratic), so only for small random datasets.
struct Oracle {
    let d: Dataset
    let asOf: Instant
    let zone: TimeZone

    // MARK: text helpers (R4, R12)

    static func percentDecode(_ s: Substring) -> String {
        var bytes: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while i < u.count {
            if u[i] == UInt8(ascii: "+") { bytes.append(32); i += 1 }
            else if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) {
                bytes.append(h * 16 + l); i += 3
            } else { bytes.append(u[i]); i += 1 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The query's utm parameters: name lowercased → decoded, trimmed value; the first occurrence counts.
    static func utmParams(_ url: String) -> [String: String] {
        var s = Substring(url)
        if let h = s.firstIndex(of: "#") { s = s[..<h] }
        guard let q = s.firstIndex(of: "?") else { return [:] }
        var out: [String: String] = [:]
        for item in s[s.index(after: q)...].split(separator: "&") {
            let name: Substring, value: Substring
            if let eq = item.firstIndex(of: "=") { name = item[..<eq]; value = item[item.index(after: eq)...] }
            else { name = item; value = "" }
            let n = percentDecode(name).lowercased()
            guard n.hasPrefix("utm_"), out[n] == nil else { continue }
            out[n] = trim(percentDecode(value))
        }
        return out
    }

    /// The raw utm_campaign value, nil when absent or empty.
    static func campaignValue(_ url: String) -> String? {
        guard let v = utmParams(url)["utm_campaign"], !v.isEmpty else { return nil }
        return v
    }

    /// R12's page key.
    static func pageKey(_ url: String) -> String {
        var s = Substring(trim(url))
        if let h = s.firstIndex(of: "#") { s = s[..<h] }
        if let q = s.firstIndex(of: "?") { s = s[..<q] }
        if let r = s.range(of: "://") { s = s[r.upperBound...] }
        let slash = s.firstIndex(of: "/") ?? s.endIndex
        var host = String(s[..<slash])
        var path = String(s[slash...])
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
        host = host.lowercased()
        if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
        while path.hasSuffix("/") { path.removeLast() }
        return host + (path.isEmpty ? "/" : path)
    }

    static func matchesTracking(view: String, tracking: String) -> Bool {
        guard pageKey(view) == pageKey(tracking) else { return false }
        let v = utmParams(view)
        for (name, value) in utmParams(tracking) {
            guard let mine = v[name] else { return false }
            if name == "utm_id" ? mine != value : mine.lowercased() != value.lowercased() { return false }
        }
        return true
    }

    static func keyword(_ k: String?) -> String? {
        guard let k else { return nil }
        let t = trim(k).lowercased()
        return t.isEmpty ? nil : t
    }

    static func less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    // MARK: objects

    func campaign(_ id: String) -> Campaign { d.campaigns.first { $0.id == id }! }
    func asset(_ id: String) -> Asset? { d.assets.first { $0.id == id } }

    /// R11: the contact an event belongs to.
    func contactOf(_ e: Event) -> String? {
        if let c = e.contactID { return c }
        guard let v = e.visitorID else { return nil }
        if let c = d.contacts.first(where: { $0.visitorIDs.contains(v) }) { return c.id }
        return d.events.first { $0.visitorID == v && $0.contactID != nil }?.contactID
    }

    /// R10: a session key for each website event index.
    func sessions() -> [Int: String] {
        var out: [Int: String] = [:]
        var byWho: [String: [Int]] = [:]
        for (i, e) in d.events.enumerated() where e.type.isWebsite {
            if let s = e.sessionID { out[i] = "given " + s }
            else if let who = e.visitorID ?? e.contactID { byWho[who, default: []].append(i) }
            else { out[i] = "alone \(i)" }
        }
        for (who, idx) in byWho {
            let sorted = idx.sorted { (d.events[$0].time, $0) < (d.events[$1].time, $1) }
            var n = 0
            var last: Instant?
            for i in sorted {
                if let l = last, d.events[i].time.microseconds - l.microseconds > 30 * 60 * 1_000_000 { n += 1 }
                last = d.events[i].time
                out[i] = "derived \(who) \(n)"
            }
        }
        return out
    }

    /// Intervals of `asset` covering `t`, as (campaign, associated_at).
    func covering(_ asset: String, _ t: Instant) -> [(String, Instant)] {
        d.associations.filter { $0.assetID == asset && $0.covers(t) }.map { ($0.campaignID, $0.associatedAt) }
    }

    // MARK: R9

    func hiddenReason(_ a: Asset, in c: String) -> HiddenReason? {
        let camp = campaign(c)
        if a.type == .socialPost, a.publishedAt == nil || a.publishedAt! > asOf { return .unpublished }
        if a.type == .paidSearch || a.type == .trackingURL {
            let visited = d.events.contains { e in
                guard e.time >= camp.createdAt, d.associations.contains(where: { $0.assetID == a.id && $0.campaignID == c && $0.covers(e.time) }) else { return false }
                if a.type == .paidSearch {
                    if e.type == .adClick && e.assetID == a.id { return true }
                    if e.type == .pageView, let k = Self.keyword(e.keyword), a.keywords.compactMap(Self.keyword).contains(k) { return true }
                    return false
                }
                return e.type == .pageView && e.url != nil && a.url != nil && Self.matchesTracking(view: e.url!, tracking: a.url!)
            }
            if !visited { return .notVisited }
        }
        if let p = a.publishedAt, camp.startDate != nil || camp.endDate != nil {
            let day = CalendarDate(p, in: zone)
            if let s = camp.startDate, day < s { return .outsideDates }
            if let e = camp.endDate, day > e { return .outsideDates }
        }
        return nil
    }

    // MARK: R12, R13

    struct Candidate { var asset: String; var campaign: String; var since: Instant; var tracking: Bool }

    static func best(_ cs: [Candidate]) -> Candidate? {
        cs.min { a, b in
            if a.tracking != b.tracking { return a.tracking }
            if a.since != b.since { return a.since > b.since }
            if a.campaign != b.campaign { return less(a.campaign, b.campaign) }
            return less(a.asset, b.asset)
        }
    }

    func live(_ a: Asset, _ t: Instant, tracking: Bool) -> [Candidate] {
        covering(a.id, t).filter { t >= campaign($0.0).createdAt && hiddenReason(a, in: $0.0) == nil }
            .map { Candidate(asset: a.id, campaign: $0.0, since: $0.1, tracking: tracking) }
    }

    func pageCandidates(url: String?, at t: Instant) -> [Candidate] {
        guard let url else { return [] }
        var out: [Candidate] = []
        for a in d.assets {
            if a.type.isPage, let u = a.url, Self.pageKey(u) == Self.pageKey(url) { out += live(a, t, tracking: false) }
            if a.type == .trackingURL, let u = a.url, Self.matchesTracking(view: url, tracking: u) { out += live(a, t, tracking: true) }
        }
        return out
    }

    func keywordCandidates(_ k: String?, at t: Instant) -> [Candidate] {
        guard let k = Self.keyword(k) else { return [] }
        return d.assets.filter { $0.type == .paidSearch && $0.keywords.compactMap(Self.keyword).contains(k) }
            .flatMap { live($0, t, tracking: false) }
    }

    func utmCampaign(url: String?, at t: Instant) -> String? {
        guard let url, let v = Self.campaignValue(url) else { return nil }
        let key = v.lowercased()
        return d.campaigns.first { c in
            t >= c.createdAt && ([c.utm] + c.aliases).contains { $0.value.lowercased() == key && $0.attachedAt <= t }
        }?.id
    }

    /// The campaign an event counts for (R12 for page views, R13 for the others).
    func campaignOf(_ e: Event) -> String? {
        if e.type == .pageView {
            if let c = utmCampaign(url: e.url, at: e.time) { return c }
            if let c = Self.best(pageCandidates(url: e.url, at: e.time)) { return c.campaign }
            return Self.best(keywordCandidates(e.keyword, at: e.time))?.campaign
        }
        guard e.type != .workflowEnrollment, let id = e.assetID, let a = asset(id) else { return nil }
        return Self.best(live(a, e.time, tracking: false))?.campaign
    }

    // MARK: R14–R16

    struct Metrics: Equatable {
        var sessions = 0, influenced = 0, firstTouch = 0, lastTouch = 0, deals = 0
        var revenue: Decimal = 0
        var assets: [String: [Int]] = [:]   // asset id → [interactions, contacts]
    }

    func metrics(window w: ReportWindow) -> [String: Metrics] {
        let sessionOf = sessions()
        let campaignOfEvent = d.events.map(campaignOf)
        let contactOfEvent = d.events.map(contactOf)
        let order = d.events.indices.sorted { (d.events[$0].time, $0) < (d.events[$1].time, $1) }
        var out: [String: Metrics] = [:]
        for c in d.campaigns { out[c.id] = Metrics() }

        var sessionSets: [String: Set<String>] = [:]
        for (i, e) in d.events.enumerated() where e.type == .pageView && w.contains(e.time) {
            if let c = campaignOfEvent[i] { sessionSets[c, default: []].insert(sessionOf[i]!) }
        }
        for (c, s) in sessionSets { out[c]!.sessions = s.count }

        for k in d.contacts {
            let mine = order.filter { contactOfEvent[$0] == k.id }
            for c in d.campaigns {
                if let first = mine.first(where: { campaignOfEvent[$0] == c.id }), w.contains(d.events[first].time) {
                    out[c.id]!.influenced += 1
                }
            }
            guard w.contains(k.createdAt) else { continue }
            if let ft = mine.first(where: { d.events[$0].type == .pageView }), let c = campaignOfEvent[ft] {
                out[c]!.firstTouch += 1
            }
            if let conv = mine.first(where: { d.events[$0].type == .formSubmission }), let c = lastTouch(conv, sessionOf) {
                out[c]!.lastTouch += 1
            }
        }

        for deal in d.deals where deal.stage == .closedWon {
            guard let close = deal.closeDate, w.contains(close) else { continue }
            let contacts = Set(d.dealContacts.filter { $0.dealID == deal.id && $0.associatedAt <= close }.map(\.contactID))
            var campaigns = Set<String>()
            for (i, e) in d.events.enumerated() where e.time <= close {
                if let k = contactOfEvent[i], contacts.contains(k), let c = campaignOfEvent[i] { campaigns.insert(c) }
            }
            for c in campaigns { out[c]!.deals += 1; out[c]!.revenue += deal.amount }
        }

        for c in d.campaigns {
            for a in d.assets where d.associations.contains(where: { $0.assetID == a.id && $0.campaignID == c.id && $0.covers(asOf) }) {
                if hiddenReason(a, in: c.id) != nil { out[c.id]!.assets[a.id] = [0, 0]; continue }
                var n = 0
                var who = Set<String>()
                for (i, e) in d.events.enumerated() where w.contains(e.time) && campaignOfEvent[i] == c.id {
                    let counts: Bool
                    if e.type == .pageView {
                        counts = pageCandidates(url: e.url, at: e.time).contains { $0.asset == a.id && $0.campaign == c.id }
                            || keywordCandidates(e.keyword, at: e.time).contains { $0.asset == a.id && $0.campaign == c.id }
                    } else {
                        counts = e.assetID == a.id
                    }
                    if counts { n += 1; if let k = contactOfEvent[i] { who.insert(k) } }
                }
                out[c.id]!.assets[a.id] = [n, who.count]
            }
        }
        return out
    }

    /// R5: unlinked values among the window's page views: key → (sorted spellings, page views, sessions).
    func unlinked(window w: ReportWindow) -> [String: ([String], Int, Int)] {
        let sessionOf = sessions()
        let keys = Set(d.campaigns.flatMap { ([$0.utm] + $0.aliases).map { $0.value.lowercased() } })
        var spellings: [String: Set<String>] = [:], views: [String: Int] = [:], sess: [String: Set<String>] = [:]
        for (i, e) in d.events.enumerated() where e.type == .pageView && w.contains(e.time) {
            guard let u = e.url, let v = Self.campaignValue(u), !keys.contains(v.lowercased()) else { continue }
            let k = v.lowercased()
            spellings[k, default: []].insert(v); views[k, default: 0] += 1; sess[k, default: []].insert(sessionOf[i]!)
        }
        var out: [String: ([String], Int, Int)] = [:]
        for (k, s) in spellings { out[k] = (s.sorted(by: Self.less), views[k]!, sess[k]!.count) }
        return out
    }

    /// R16 for a conversion (event index).
    func lastTouch(_ conv: Int, _ sessionOf: [Int: String]) -> String? {
        let ce = d.events[conv]
        if let c = utmCampaign(url: ce.url, at: ce.time) { return c }
        var best: (key: (Instant, Int, Int), campaign: String)?
        for (i, e) in d.events.enumerated() where sessionOf[i] != nil && sessionOf[i] == sessionOf[conv] && e.time <= ce.time {
            var c: String?
            if e.type == .pageView { c = Self.best(pageCandidates(url: e.url, at: e.time))?.campaign }
            else if e.type == .formSubmission { c = campaignOf(e) }
            guard let c else { continue }
            let key = (e.time, i == conv ? 1 : 0, i)
            if best == nil || key > best!.key { best = (key, c) }
        }
        return best?.campaign
    }

    // MARK: R18

    func attribution(window w: ReportWindow) -> (attributed: Decimal, unattributed: Int, models: [String: [String: Decimal]]) {
        let contactOfEvent = d.events.map(contactOf)
        let campaignOfEvent = d.events.map(campaignOf)
        var attributed: Decimal = 0
        var unattributed = 0
        var exact: [String: [String: Rational]] = [:]
        var decay: [String: Decimal] = [:]
        let weights: [String: ([String: Decimal], Decimal)] = [
            "first": (["F": 1], 0), "last": (["C": 1], 0),
            "u_shaped": (["F": dec("0.4"), "L": dec("0.4")], dec("0.2")),
            "w_shaped": (["F": dec("0.3"), "L": dec("0.3"), "D": dec("0.3")], dec("0.1")),
            "full_path": (["F": dec("0.225"), "L": dec("0.225"), "D": dec("0.225"), "C": dec("0.225")], dec("0.1")),
            "j_shaped": (["F": dec("0.2"), "C": dec("0.6")], dec("0.2")),
            "inverse_j": (["F": dec("0.6"), "C": dec("0.2")], dec("0.2")),
        ]
        for deal in d.deals where deal.stage == .closedWon {
            guard let close = deal.closeDate, w.contains(close) else { continue }
            let links = d.dealContacts.filter { $0.dealID == deal.id && $0.associatedAt <= close }
            let contacts = Set(links.map(\.contactID))
            let touches = d.events.indices.filter {
                d.events[$0].time <= close && campaignOfEvent[$0] != nil && contactOfEvent[$0].map(contacts.contains) == true
            }.sorted { (d.events[$0].time, $0) < (d.events[$1].time, $1) }
            if touches.isEmpty { unattributed += 1; continue }
            attributed += deal.amount
            var pos = [Set<String>](repeating: [], count: touches.count)
            pos[0].insert("F")
            pos[touches.count - 1].insert("C")
            let lead = d.contacts.filter { contacts.contains($0.id) }.map(\.createdAt).min()!
            if let j = touches.lastIndex(where: { d.events[$0].time <= lead }) { pos[j].insert("L") }
            if let j = touches.lastIndex(where: { d.events[$0].time <= deal.createdAt }) { pos[j].insert("D") }
            for model in ["first", "last", "linear", "u_shaped", "w_shaped", "full_path", "time_decay", "j_shaped", "inverse_j"] {
                if model == "time_decay" {
                    // Irrational weights: decimals, one division per campaign.
                    let raw = touches.map { Decimal(pow(2, -Double(close.microseconds - d.events[$0].time.microseconds) / 86_400_000_000 / 7)) }
                    let total = raw.reduce(0, +)
                    var perCampaign: [String: Decimal] = [:]
                    for (j, i) in touches.enumerated() { perCampaign[campaignOfEvent[i]!, default: 0] += raw[j] }
                    for (c, w) in perCampaign { decay[c, default: 0] += deal.amount * w / total }
                    continue
                }
                // Exact rationals: weights in thousandths, times the number of "others" so that
                // their equal parts are whole; the amount in thousandths of the currency.
                var raw: [Int128]
                if model == "linear" { raw = touches.map { _ in 1 } }
                else {
                    let (wt, others) = weights[model]!
                    let held = pos.map { $0.filter { wt[$0] != nil } }
                    let n = Int128(max(1, held.filter(\.isEmpty).count))
                    raw = held.map { h in h.isEmpty ? Self.thousandths(others) : h.reduce(0) { $0 + Self.thousandths(wt[$1]!) } * n }
                }
                let total = raw.reduce(0, +)
                var perCampaign: [String: Int128] = [:]
                for (j, i) in touches.enumerated() { perCampaign[campaignOfEvent[i]!, default: 0] += raw[j] }
                for (c, w) in perCampaign {
                    exact[model, default: [:]][c, default: Rational(0)] += Rational(Self.thousandths(deal.amount) * w, total)
                }
            }
        }
        let total = Money.cents(attributed)
        let totalCents = Self.thousandths(total) / 10
        var models: [String: [String: Decimal]] = [:]
        for (model, credits) in exact {
            // Credits in thousandths → cents: floor, then the largest remainders (ties: smaller id).
            let inCents = credits.mapValues { Rational($0.num, $0.den * 10) }
            models[model] = Self.largestRemainder(inCents, totalCents: totalCents)
        }
        var decayCents: [String: Rational] = [:]
        for (c, v) in decay {
            // Decimal → rational in hundred-millionths of a cent (ties are improbable here).
            var x = v * 100 * 100_000_000, r = Decimal()
            NSDecimalRound(&r, &x, 0, .down)
            decayCents[c] = Rational(Int128(NSDecimalNumber(decimal: r).stringValue)!, 100_000_000)
        }
        if !decay.isEmpty { models["time_decay"] = Self.largestRemainder(decayCents, totalCents: totalCents) }
        return (total, unattributed, models)
    }

    static func thousandths(_ x: Decimal) -> Int128 {
        var scaled = x * 1000, r = Decimal()
        NSDecimalRound(&r, &scaled, 0, .plain)
        precondition(r == scaled, "oracle: amount with more than 3 decimals")
        return Int128(NSDecimalNumber(decimal: r).stringValue)!
    }

    static func largestRemainder(_ credits: [String: Rational], totalCents: Int128) -> [String: Decimal] {
        let ids = credits.keys.sorted(by: less)
        var cents = ids.map { credits[$0]!.floor }
        let rems = ids.map { credits[$0]! - Rational(credits[$0]!.floor, 1) }
        var missing = totalCents - cents.reduce(0, +)
        let order = ids.indices.sorted { rems[$0] != rems[$1] ? rems[$1] < rems[$0] : less(ids[$0], ids[$1]) }
        for j in order where missing > 0 { cents[j] += 1; missing -= 1 }
        var out: [String: Decimal] = [:]
        for (j, id) in ids.enumerated() where cents[j] != 0 { out[id] = Decimal(string: String(cents[j]))! / 100 }
        return out
    }
}

/// An exact fraction, always reduced, with a positive denominator.
struct Rational: Equatable, Comparable {
    var num: Int128
    var den: Int128
    init(_ n: Int128, _ d: Int128 = 1) {
        precondition(d != 0)
        var g = Rational.gcd(n < 0 ? -n : n, d < 0 ? -d : d)
        if g == 0 { g = 1 }
        let sign: Int128 = d < 0 ? -1 : 1
        num = sign * n / g; den = sign * d / g
    }
    static func gcd(_ a: Int128, _ b: Int128) -> Int128 { b == 0 ? a : gcd(b, a % b) }
    static func + (a: Rational, b: Rational) -> Rational {
        let g = gcd(a.den, b.den)
        return Rational(a.num * (b.den / g) + b.num * (a.den / g), a.den / g * b.den)
    }
    static func - (a: Rational, b: Rational) -> Rational { a + Rational(-b.num, b.den) }
    static func += (a: inout Rational, b: Rational) { a = a + b }
    static func < (a: Rational, b: Rational) -> Bool { a.num * b.den < b.num * a.den }
    /// Rounded toward negative infinity.
    var floor: Int128 { num >= 0 ? num / den : -((-num + den - 1) / den) }
}
