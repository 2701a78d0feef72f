import Foundation

/// A key position of R18 on a deal's path of touches.
public enum TouchPosition: String, CaseIterable, Sendable, Hashable {
    case first, leadCreation = "lead_creation", dealCreation = "deal_creation", closedWon = "closed_won"
}

/// An attribution model of R18: weights on key positions and a share for the
/// other touches, or time decay with a half-life.
public struct AttributionModel: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case positional(weights: [TouchPosition: Decimal], others: Decimal)
        case linear
        case timeDecay(halfLifeDays: Double)
    }
    public let name: String
    public let kind: Kind
    /// The position weights and the others' share in whole millionths, for integer credits.
    let millionths: (positions: [TouchPosition: Int128], others: Int128)

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
        if case .positional(let weights, let others) = kind {
            millionths = (weights.mapValues(CreditUnits.millionths), CreditUnits.millionths(others))
        } else {
            millionths = ([:], 0)
        }
    }

    public static func == (a: AttributionModel, b: AttributionModel) -> Bool { a.name == b.name && a.kind == b.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(name); hasher.combine(kind) }

    /// The nine models of R18, in the SPEC's order.
    public static let builtIn: [AttributionModel] = [
        .init(name: "first", kind: .positional(weights: [.first: 1], others: 0)),
        .init(name: "last", kind: .positional(weights: [.closedWon: 1], others: 0)),
        .init(name: "linear", kind: .linear),
        .init(name: "u_shaped", kind: .positional(weights: [.first: 0.4, .leadCreation: 0.4], others: 0.2)),
        .init(name: "w_shaped", kind: .positional(weights: [.first: 0.3, .leadCreation: 0.3, .dealCreation: 0.3], others: 0.1)),
        .init(name: "full_path", kind: .positional(weights: [.first: 0.225, .leadCreation: 0.225, .dealCreation: 0.225, .closedWon: 0.225], others: 0.1)),
        .init(name: "time_decay", kind: .timeDecay(halfLifeDays: 7)),
        .init(name: "j_shaped", kind: .positional(weights: [.first: 0.2, .closedWon: 0.6], others: 0.2)),
        .init(name: "inverse_j", kind: .positional(weights: [.first: 0.6, .closedWon: 0.2], others: 0.2)),
    ]

    /// The positions this model weights: a touch "holds" only these.
    public var weightedPositions: Set<TouchPosition> {
        if case .positional(let w, _) = kind { return Set(w.filter { $0.value != 0 }.keys) }
        return []
    }

    /// Each touch's share of the deal (summing to 1), given the positions each
    /// touch holds and its age at the close in days.
    public func shares(positions: [Set<TouchPosition>], daysBeforeClose: [Double]) -> [Decimal] {
        let raw = rawWeights(positions: positions, daysBeforeClose: daysBeforeClose)
        let total = raw.reduce(Decimal(0), +)
        return raw.map { $0 / total }
    }

    /// R18's collision rule: a touch's raw weight is the sum of its positions' weights,
    /// or, holding none, an equal part of the others' share. Scaling them to sum to 1
    /// gives the shares. When no touch has any weight (a custom model whose positions
    /// are all missing), every touch weighs the same.
    func rawWeights(positions: [Set<TouchPosition>], daysBeforeClose: [Double]) -> [Decimal] {
        let n = positions.count
        guard n > 0 else { return [] }
        var raw = [Decimal](repeating: 0, count: n)
        switch kind {
        case .linear:
            raw = [Decimal](repeating: 1, count: n)
        case .timeDecay(let halfLife):
            raw = daysBeforeClose.map { Decimal(pow(2, -$0 / halfLife)) }
        case .positional(let weights, let others):
            var othersCount = 0
            for i in 0..<n {
                var w = Decimal(0)
                var holds = false
                for p in positions[i] { if let pw = weights[p], pw != 0 { w += pw; holds = true } }
                if holds { raw[i] = w } else { othersCount += 1 }
            }
            if othersCount > 0, others != 0 {
                let part = others / Decimal(othersCount)
                for i in 0..<n where raw[i] == 0 && !positions[i].contains(where: { (weights[$0] ?? 0) != 0 }) { raw[i] = part }
            }
        }
        if !raw.contains(where: { $0 > 0 }) { return [Decimal](repeating: 1, count: n) }
        return raw
    }
}
