import Attribution
import CampaignStore
import Foundation
import TOMLKit

/// Custom attribution models (R18's shape) from a TOML file, for `--model-file`:
///
/// ```toml
/// [[model]]
/// name = "heavy_first"      # letters, digits, _ and -
/// first = 50                # weights of the key positions, any scale:
/// lead_creation = 10        # the raw weights are scaled to 100 % per deal
/// deal_creation = 0
/// closed_won = 20
/// others = 20               # shared by the touches holding no weighted position
///
/// [[model]]
/// name = "fast_decay"
/// half_life_days = 2        # time decay: 2^(-days before close / half-life)
/// ```
enum ModelFile {
    static func load(_ path: String) throws -> [AttributionModel] {
        let data: Data
        do { data = try RegularFile.contents(of: path) } catch {
            throw CommandError("--model-file: cannot read \(path): \(error.reason)")
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: String(decoding: data, as: UTF8.self)) } catch let error as TOMLParseError {
            throw CommandError("\(path):\(error.source.begin.line): \(error.description)")
        }
        guard let entries = table["model"]?.array, !entries.isEmpty else {
            throw CommandError("\(path): no [[model]] tables")
        }
        var models: [AttributionModel] = []
        for (n, entry) in entries.enumerated() {
            guard let spec = entry.table else { throw CommandError("\(path): model \(n + 1) is not a table") }
            models.append(try model(spec, path: path, number: n + 1, taken: Set(models.map(\.name))))
        }
        return models
    }

    private static let positionKeys: [(String, TouchPosition)] = [
        ("first", .first), ("lead_creation", .leadCreation), ("deal_creation", .dealCreation), ("closed_won", .closedWon),
    ]

    private static func model(_ spec: TOMLTable, path: String, number: Int, taken: Set<String>) throws -> AttributionModel {
        let place = "\(path): model \(number)"
        guard let name = spec["name"]?.string, !name.isEmpty,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw CommandError("\(place): `name` is required (letters, digits, _ and -)")
        }
        if AttributionModel.builtIn.contains(where: { $0.name == name }) || taken.contains(name) {
            throw CommandError("\(place): the name \"\(name)\" is already a model's")
        }
        let number = { (key: String) throws -> Double? in
            guard let value = spec[key] else { return nil }
            guard let d = value.double ?? value.int.map(Double.init), d.isFinite, d >= 0 else {
                throw CommandError("\(place) (\(name)): `\(key)` must be a number ≥ 0")
            }
            return d
        }
        let known = Set(["name", "others", "half_life_days"] + positionKeys.map(\.0))
        if let unknown = spec.keys.first(where: { !known.contains($0) }) {
            throw CommandError("\(place) (\(name)): unknown key `\(unknown)`; expected \(known.sorted().joined(separator: ", "))")
        }
        if let halfLife = try number("half_life_days") {
            guard halfLife > 0, positionKeys.allSatisfy({ spec[$0.0] == nil }), spec["others"] == nil else {
                throw CommandError("\(place) (\(name)): `half_life_days` must be > 0 and stand alone")
            }
            return AttributionModel(name: name, kind: .timeDecay(halfLifeDays: halfLife))
        }
        var weights: [TouchPosition: Decimal] = [:]
        for (key, position) in positionKeys { if let w = try number(key), w > 0 { weights[position] = Decimal(w) } }
        let others = Decimal(try number("others") ?? 0)
        guard !weights.isEmpty || others > 0 else {
            throw CommandError("\(place) (\(name)): give at least one weight (first, lead_creation, deal_creation, closed_won, others) or half_life_days")
        }
        return AttributionModel(name: name, kind: .positional(weights: weights, others: others))
    }
}
